import { z } from 'zod';
import { verifyAuditLog } from '../../../app/audit/verify-audit-log.ts';
import { periodBounds } from '../../../domain/audit/audit-scope.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZEntry = z.object({
  seq: z.number().int(),
  occurredAt: z.date(),
  actorType: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export function registerAuditLogRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/audit-log',
    {
      config: { access: { kind: 'org', permission: 'audit_log:read' } },
      schema: {
        summary: 'Audit-log entries, newest first; page with before=<seq of the last entry seen>',
        tags: ['audit log'],
        params: ZOrgParams,
        querystring: z.strictObject({
          action: z.string().max(100).optional(),
          targetType: z.string().max(100).optional(),
          targetId: z.string().max(100).optional(),
          actor: z.string().max(300).optional(),
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ items: z.array(ZEntry), nextBefore: z.number().int().nullable() }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { before, ...query } = request.query;
      // An auditor limited to one audit reads the entries of its period only.
      const bounds = request.auditScope ? periodBounds(request.auditScope) : null;
      const entries = await request.deps.store.repos.auditLog.page(orgOf(request).scope, {
        ...query,
        beforeSeq: before,
        ...(bounds ? { occurred: { from: bounds.start, before: bounds.end } } : {}),
      });
      const last = entries.at(-1);
      return {
        items: entries.map(({ orgId: _org, ...e }) => e),
        nextBefore: entries.length === query.limit && last && last.seq > 1 ? last.seq : null,
      };
    },
  );

  app.get(
    '/api/v1/orgs/:org/audit-log/verify',
    {
      config: { access: { kind: 'org', permission: 'audit_log:read' } },
      schema: {
        summary: "Recompute the audit log's hash chain and name the first entry that does not fit",
        tags: ['audit log'],
        params: ZOrgParams,
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number().int(),
            head: z.string().optional(),
            seq: z.number().int().optional(),
            problem: z.string().optional(),
            message: z.string().optional(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => verifyAuditLog(request.deps, orgOf(request).scope),
  );
}
