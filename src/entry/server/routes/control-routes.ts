import { z } from 'zod';
import { evidenceVisibility, instantVisibility } from '../../../app/audits/audit-scope-filters.ts';
import { getControl } from '../../../app/controls/get-control.ts';
import { listControls } from '../../../app/controls/list-controls.ts';
import { updateControl } from '../../../app/controls/update-control.ts';
import { FREQUENCIES, OWNER_ROLES } from '../../../domain/catalog-types.ts';
import { CONTROL_STATUSES } from '../../../domain/control.ts';
import { EVIDENCE_EXPIRY_STATUSES } from '../../../domain/evidence-expiry.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZControl, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZCodeParams = ZOrgParams.extend({ code: z.string().max(40) });

const ZControlDetail = ZControl.extend({
  requirement: z.string(),
  evidenceGuidance: z.string(),
  evidence: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      fileName: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number(),
      sha256: z.string(),
      source: z.string(),
      validFrom: z.string(),
      validUntil: z.string().nullable(),
      collectedAt: z.date(),
      controlCodes: z.array(z.string()),
      expiry: z.enum(EVIDENCE_EXPIRY_STATUSES),
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.string(),
      version: z.number().int(),
      title: z.string(),
      status: z.enum(['todo', 'in_progress', 'done']),
      dueDate: z.string().nullable(),
      assigneeUserId: z.string().nullable(),
      criterionId: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      seq: z.number().int(),
      occurredAt: z.date(),
      actor: z.string(),
      action: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

export function registerControlRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/controls',
    {
      config: { access: { kind: 'org', permission: 'controls:read' } },
      schema: {
        summary: 'Controls, filtered by status, criterion, owner role or frequency',
        tags: ['controls'],
        params: ZOrgParams,
        querystring: ZPage.extend({
          status: z.enum(CONTROL_STATUSES).optional(),
          criterion: z.string().max(10).optional(),
          ownerRole: z.enum(OWNER_ROLES).optional(),
          frequency: z.enum(FREQUENCIES).optional(),
        }),
        response: { 200: paged(ZControl), ...ERRORS },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const controls = await listControls(request.deps, orgOf(request).scope, filter);
      return page(controls, { limit, offset });
    },
  );

  app.get(
    '/api/v1/orgs/:org/controls/:code',
    {
      config: { access: { kind: 'org', permission: 'controls:read' } },
      schema: {
        summary: 'One control with its evidence, tasks and history (audit-log entries, newest first)',
        tags: ['controls'],
        params: ZCodeParams,
        response: { 200: ZControlDetail, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const control = await getControl(request.deps, scope, request.params.code);
      // An auditor limited to one audit sees the evidence and history of its period only.
      const evidenceShown = await evidenceVisibility(request.deps, scope, request.auditScope);
      const historyShown = instantVisibility(request.auditScope);
      return {
        ...control,
        evidence: control.evidence.filter(evidenceShown),
        history: control.history.filter((h) => historyShown(h.occurredAt)),
        tasks: control.tasks.map((t) => ({ ...t, version: t.version ?? 1 })),
      };
    },
  );

  app.patch(
    '/api/v1/orgs/:org/controls/:code',
    {
      config: { access: { kind: 'org', permission: 'controls:write' } },
      schema: {
        summary: 'Change status or owner, or mark not applicable with a reason; names the version it edits',
        tags: ['controls'],
        params: ZCodeParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          status: z.enum(['not_started', 'in_progress', 'implemented']).optional(),
          notApplicableReason: z.string().min(1).max(2000).optional(),
          ownerEmail: z.string().max(254).optional(),
        }),
        response: { 200: ZControl, ...ERRORS },
      },
    },
    async (request) => {
      const { version, ...change } = request.body;
      return updateControl(request.deps, orgOf(request).scope, request.params.code, {
        ...change,
        expectedVersion: version,
      });
    },
  );
}
