import { z } from 'zod';
import type { TPrivacyEntryView } from '../../../app/privacy/privacy-register.ts';
import {
  fileRegisterAsEvidence,
  listPrivacyEntries,
  recordPrivacyEntry,
  updatePrivacyEntry,
} from '../../../app/privacy/privacy-register.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import {
  PRIVACY_REGISTER_KINDS,
  PRIVACY_REGISTERS,
  REGISTER_LABELS,
  registerOpen,
} from '../../../domain/privacy.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZRegister = z.enum(PRIVACY_REGISTER_KINDS);
const ZRegisterParams = ZOrgParams.extend({ register: ZRegister });
const ZEntryParams = ZRegisterParams.extend({ id: z.uuid() });

const ZEntry = z.object({
  id: z.string(),
  register: z.string(),
  label: z.string(),
  version: z.number().int(),
  /** The entry's fields, as its register defines them (domain/privacy.ts). */
  data: z.record(z.string(), z.unknown()),
  deadline: z.object({ due: z.string(), overdue: z.boolean() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const toView = (e: TPrivacyEntryView) => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

export function registerPrivacyRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/privacy',
    {
      config: { access: { kind: 'org', permission: 'privacy:read' } },
      schema: {
        summary:
          'The data and privacy registers: which are kept (Privacy in scope), entries and overdue deadlines',
        tags: ['privacy'],
        params: ZOrgParams,
        response: {
          200: z.object({
            privacyInScope: z.boolean(),
            registers: z.array(
              z.object({
                register: z.string(),
                label: z.string(),
                open: z.boolean(),
                criteria: z.array(z.string()),
                entries: z.number().int(),
                overdue: z.number().int(),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const program = await request.deps.store.repos.programs.find(scope);
      if (!program) throw new AttestlyError('NOT_INITIALIZED', 'define the SOC 2 program first');
      const registers = [];
      for (const register of PRIVACY_REGISTER_KINDS) {
        const open = registerOpen(register, program.categories);
        const entries = open ? await listPrivacyEntries(request.deps, scope, register) : [];
        registers.push({
          register,
          label: REGISTER_LABELS[register],
          open,
          criteria: [...PRIVACY_REGISTERS[register].criteria],
          entries: entries.length,
          overdue: entries.filter((e) => e.deadline?.overdue).length,
        });
      }
      return { privacyInScope: program.categories.includes('privacy'), registers };
    },
  );

  app.get(
    '/api/v1/orgs/:org/privacy/:register',
    {
      config: { access: { kind: 'org', permission: 'privacy:read' } },
      schema: {
        summary: "One register's entries, newest first, with deadlines (requests and breaches)",
        tags: ['privacy'],
        params: ZRegisterParams,
        querystring: ZPage,
        response: { 200: paged(ZEntry), ...ERRORS },
      },
    },
    async (request) => {
      const entries = await listPrivacyEntries(request.deps, orgOf(request).scope, request.params.register);
      return page(entries.map(toView), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:org/privacy/:register',
    {
      config: { access: { kind: 'org', permission: 'privacy:write' } },
      schema: {
        summary: 'Record an entry in a register; its fields are checked against the register',
        tags: ['privacy'],
        params: ZRegisterParams,
        body: z.strictObject({ data: z.record(z.string(), z.unknown()) }),
        response: { 201: ZEntry, ...ERRORS },
      },
    },
    async (request, reply) => {
      const entry = await recordPrivacyEntry(
        request.deps,
        orgOf(request).scope,
        request.params.register,
        request.body.data,
      );
      return reply.status(201).send(toView(entry));
    },
  );

  app.put(
    '/api/v1/orgs/:org/privacy/:register/:id',
    {
      config: { access: { kind: 'org', permission: 'privacy:write' } },
      schema: {
        summary: "Replace an entry's fields; names the version it edits",
        tags: ['privacy'],
        params: ZEntryParams,
        body: z.strictObject({ version: z.number().int().min(1), data: z.record(z.string(), z.unknown()) }),
        response: { 200: ZEntry, ...ERRORS },
      },
    },
    async (request) => {
      const { register, id } = request.params;
      const entry = await updatePrivacyEntry(
        request.deps,
        orgOf(request).scope,
        register,
        id,
        request.body.version,
        request.body.data,
      );
      return toView(entry);
    },
  );

  app.post(
    '/api/v1/orgs/:org/privacy/:register/evidence',
    {
      config: { access: { kind: 'org', permission: 'evidence:write' } },
      schema: {
        summary: 'File the register as it stands today as evidence (CSV) for the controls of its criteria',
        tags: ['privacy'],
        params: ZRegisterParams,
        response: {
          201: z.object({ evidenceId: z.string(), title: z.string(), controlCodes: z.array(z.string()) }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const evidence = await fileRegisterAsEvidence(
        request.deps,
        orgOf(request).scope,
        request.params.register,
      );
      return reply
        .status(201)
        .send({ evidenceId: evidence.id, title: evidence.title, controlCodes: evidence.controlCodes });
    },
  );
}
