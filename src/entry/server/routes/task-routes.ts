import { z } from 'zod';
import type { AppDeps, OrgScope, TTask } from '../../../app/ports.ts';
import { createTask, createTaskFromGap, updateTask } from '../../../app/tasks/manage-tasks.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const STATUSES = ['todo', 'in_progress', 'done'] as const;

const ZTask = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  controlId: z.string().nullable(),
  /** The code of the control the task is about (controlId is its internal id). */
  controlCode: z.string().nullable(),
  criterionId: z.string().nullable(),
  assigneeUserId: z.string().nullable(),
  /** The assignee's email while they are a member (null when unassigned or no longer a member). */
  assigneeEmail: z.string().nullable(),
  status: z.enum(STATUSES),
  dueDate: z.string().nullable(),
});

const ZTaskFields = {
  description: z.string().max(10_000).optional(),
  controlCode: z.string().max(40).nullable().optional(),
  criterionId: z.string().max(10).nullable().optional(),
  assigneeEmail: z.string().max(254).nullable().optional(),
  dueDate: ZIsoDate.nullable().optional(),
  status: z.enum(STATUSES).optional(),
};

/** Shows a task as the API does: with a version, and its control and assignee named as the API takes them. */
async function taskViewer(deps: AppDeps, scope: OrgScope) {
  const { repos } = deps.store;
  const [members, controls] = await Promise.all([repos.memberships.list(scope), repos.controls.list(scope)]);
  const emails = new Map(members.map((m) => [m.userId, m.email]));
  const codes = new Map(controls.map((c) => [c.id, c.code]));
  return (t: TTask) => ({
    ...t,
    version: t.version ?? 1,
    controlCode: t.controlId ? (codes.get(t.controlId) ?? null) : null,
    assigneeEmail: t.assigneeUserId ? (emails.get(t.assigneeUserId) ?? null) : null,
  });
}

export function registerTaskRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/tasks',
    {
      config: { access: { kind: 'org', permission: 'tasks:read' } },
      schema: {
        summary: 'Remediation tasks (employees see only their own)',
        tags: ['tasks'],
        params: ZOrgParams,
        querystring: ZPage.extend({ status: z.enum(STATUSES).optional() }),
        response: { 200: paged(ZTask), ...ERRORS },
      },
    },
    async (request) => {
      const { scope, role } = orgOf(request);
      const principal = principalOf(request);
      const mine =
        role === 'employee' ? { assigneeUserId: principal.kind === 'session' ? principal.user.id : '' } : {};
      const { limit, offset, status } = request.query;
      const tasks = await request.deps.store.repos.tasks.list(scope, {
        ...mine,
        ...(status ? { status } : {}),
      });
      return page(tasks.map(await taskViewer(request.deps, scope)), { limit, offset });
    },
  );

  app.post(
    '/api/v1/orgs/:org/tasks',
    {
      config: { access: { kind: 'org', permission: 'tasks:write' } },
      schema: {
        summary: 'Create a remediation task',
        tags: ['tasks'],
        params: ZOrgParams,
        body: z.strictObject({ title: z.string().max(200), ...ZTaskFields }),
        response: { 201: ZTask, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const task = await createTask(request.deps, scope, request.body);
      return reply.status(201).send((await taskViewer(request.deps, scope))(task));
    },
  );

  app.post(
    '/api/v1/orgs/:org/tasks/from-gap',
    {
      config: { access: { kind: 'org', permission: 'tasks:write' } },
      schema: {
        summary: "Turn a criterion's gap into a task for its next action",
        tags: ['tasks'],
        params: ZOrgParams,
        body: z.strictObject({
          criterionId: z.string().max(10),
          assigneeEmail: z.string().max(254).optional(),
          dueDate: ZIsoDate.optional(),
        }),
        response: { 201: ZTask, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const { criterionId, ...extra } = request.body;
      const task = await createTaskFromGap(request.deps, org, scope, criterionId, extra);
      return reply.status(201).send((await taskViewer(request.deps, scope))(task));
    },
  );

  app.patch(
    '/api/v1/orgs/:org/tasks/:id',
    {
      config: { access: { kind: 'org', permission: 'tasks:write' } },
      schema: {
        summary: 'Update a task; names the version it edits',
        tags: ['tasks'],
        params: ZOrgParams.extend({ id: z.uuid() }),
        body: z.strictObject({
          version: z.number().int().min(1),
          title: z.string().max(200).optional(),
          ...ZTaskFields,
        }),
        response: { 200: ZTask, ...ERRORS },
      },
    },
    async (request) => {
      const { version, ...change } = request.body;
      const { scope } = orgOf(request);
      const task = await updateTask(request.deps, scope, request.params.id, version, change);
      if (task.version === undefined) throw new AttestlyError('INTERNAL', 'task without version');
      return (await taskViewer(request.deps, scope))(task);
    },
  );
}
