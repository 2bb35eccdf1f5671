import { z } from 'zod';
import { orgPublicKey } from '../../../app/ledger/signing-key.ts';
import { verifyOrgLedger } from '../../../app/ledger/verify-org-ledger.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

export function registerLedgerRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/ledger',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary:
          "The evidence ledger: the organization's signing key (created on first use), how many entries, the head, and the chain's verdict (attestly verify also rechecks each record)",
        tags: ['audit log'],
        params: ZOrgParams,
        response: {
          200: z.object({
            publicKeyPem: z.string(),
            fingerprint: z.string(),
            entries: z.number().int(),
            head: z.string().nullable(),
            verdict: z.object({
              ok: z.boolean(),
              entries: z.number().int(),
              head: z.string().optional(),
              seq: z.number().int().optional(),
              problem: z.string().optional(),
              message: z.string().optional(),
            }),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const key = await orgPublicKey(request.deps, scope);
      const summary = await request.deps.store.repos.ledger.summary(scope);
      const { kinds: _kinds, ...verdict } = await verifyOrgLedger(request.deps, scope, { content: false });
      return { ...key, ...summary, verdict };
    },
  );
}
