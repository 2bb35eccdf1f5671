import { z } from 'zod';
import { listControls } from '../../../app/controls/list-controls.ts';
import { updateControl } from '../../../app/controls/update-control.ts';
import { FREQUENCIES, OWNER_ROLES } from '../../../domain/catalog-types.ts';
import { CONTROL_STATUSES } from '../../../domain/control.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZControl, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZCodeParams = ZOrgParams.extend({ code: z.string().max(40) });

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
        summary: 'One control',
        tags: ['controls'],
        params: ZCodeParams,
        response: { 200: ZControl, ...ERRORS },
      },
    },
    async (request) => {
      const control = await request.deps.store.repos.controls.findByCode(
        orgOf(request).scope,
        request.params.code,
      );
      if (!control) throw new AttestlyError('NOT_FOUND', `unknown control "${request.params.code}"`);
      return control;
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
