import { z } from 'zod';
import { getDashboard } from '../../../app/readiness/get-dashboard.ts';
import { CONTROL_STATUSES } from '../../../domain/control.ts';
import { REPORT_TYPES } from '../../../domain/program.ts';
import { VENDOR_TIERS } from '../../../domain/vendor.ts';
import { orgOf } from '../access.ts';
import { ZReadiness } from '../readiness-schemas.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { ZVendorWarning } from './vendor-schemas.ts';

const ZScores = z.record(z.string(), z.number().nullable());

const ZDashboard = z.object({
  today: z.string(),
  readiness: ZReadiness,
  history: z.array(z.object({ day: z.string(), overall: z.number().nullable(), categories: ZScores })),
  overdueTasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueDate: z.string(),
      status: z.enum(['todo', 'in_progress']),
      assignee: z.object({ userId: z.string(), email: z.string(), name: z.string().nullable() }).nullable(),
      controlCode: z.string().nullable(),
    }),
  ),
  expiringEvidence: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      validUntil: z.string(),
      expiry: z.enum(['expiring', 'expired']),
      controlCodes: z.array(z.string()),
    }),
  ),
  vendorWarnings: z.array(
    ZVendorWarning.extend({ vendorId: z.string(), vendorName: z.string(), tier: z.enum(VENDOR_TIERS) }),
  ),
  period: z.object({
    reportType: z.enum(REPORT_TYPES),
    asOf: z.object({ date: z.string(), daysLeft: z.number().int() }).nullable(),
    window: z
      .object({
        start: z.string(),
        end: z.string(),
        daysElapsed: z.number().int(),
        daysLeft: z.number().int(),
      })
      .nullable(),
  }),
  counts: z.object({
    controls: z.object(Object.fromEntries(CONTROL_STATUSES.map((s) => [s, z.number().int()]))),
    openTasks: z.number().int(),
    evidence: z.number().int(),
    failingTests: z.number().int(),
    failingControls: z.number().int(),
  }),
});

export function registerDashboardRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/dashboard',
    {
      config: { access: { kind: 'org', permission: 'readiness:read' } },
      schema: {
        summary:
          'The dashboard in one read: readiness now and over 180 days, overdue tasks, expiring evidence, the report period',
        tags: ['program'],
        params: ZOrgParams,
        response: { 200: ZDashboard, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      return getDashboard(request.deps, org, scope);
    },
  );
}
