import { parseIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { normalizeEmail } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, Repositories, TOrganization, TTask } from '../ports.ts';
import { getReadiness } from '../readiness/get-readiness.ts';

// Remediation tasks (journey step 5): who fixes which gap, by when. A task may point at a control and a
// criterion; its assignee must be a member of the organization.

export interface TTaskInput {
  title?: string | undefined;
  description?: string | undefined;
  controlCode?: string | null | undefined;
  criterionId?: string | null | undefined;
  assigneeEmail?: string | null | undefined;
  dueDate?: string | null | undefined;
  status?: TTask['status'] | undefined;
}

async function resolveRefs(deps: AppDeps, repos: Repositories, scope: OrgScope, input: TTaskInput) {
  const out: Partial<Pick<TTask, 'controlId' | 'criterionId' | 'assigneeUserId' | 'dueDate'>> = {};
  if (input.controlCode !== undefined) {
    if (input.controlCode === null) out.controlId = null;
    else {
      const control = await repos.controls.findByCode(scope, input.controlCode);
      if (!control)
        throw new AttestlyError('NOT_FOUND', `unknown control "${input.controlCode}"`, {
          field: 'controlCode',
        });
      out.controlId = control.id;
    }
  }
  if (input.criterionId !== undefined) {
    const id = input.criterionId?.toUpperCase() ?? null;
    if (id !== null && !deps.catalog.criteria.some((c) => c.id === id)) {
      throw new AttestlyError('NOT_FOUND', `unknown criterion "${input.criterionId}"`, {
        field: 'criterionId',
      });
    }
    out.criterionId = id;
  }
  if (input.assigneeEmail !== undefined) {
    if (input.assigneeEmail === null) out.assigneeUserId = null;
    else {
      const email = normalizeEmail(input.assigneeEmail);
      const user = email ? await repos.users.findByEmail(email) : null;
      if (!user || !(await repos.memberships.find(scope, user.id))) {
        throw new AttestlyError(
          'INVALID_INPUT',
          `${input.assigneeEmail} is not a member of this organization`,
          { field: 'assigneeEmail' },
        );
      }
      out.assigneeUserId = user.id;
    }
  }
  if (input.dueDate !== undefined)
    out.dueDate = input.dueDate === null ? null : parseIsoDate(input.dueDate, 'due date');
  return out;
}

export async function createTask(deps: AppDeps, scope: OrgScope, input: TTaskInput): Promise<TTask> {
  const title = input.title?.trim() ?? '';
  if (!title || title.length > 200)
    throw new AttestlyError('INVALID_INPUT', 'a task title (1 to 200 characters) is required', {
      field: 'title',
    });
  return deps.store.transaction(async (repos) => {
    const refs = await resolveRefs(deps, repos, scope, input);
    const task: TTask = {
      id: deps.newId(),
      title,
      description: input.description?.trim() ?? '',
      controlId: refs.controlId ?? null,
      criterionId: refs.criterionId ?? null,
      assigneeUserId: refs.assigneeUserId ?? null,
      status: input.status ?? 'todo',
      dueDate: refs.dueDate ?? null,
    };
    await repos.tasks.insert(scope, task);
    await recordChange(repos, scope, deps, 'task.created', { type: 'task', id: task.id }, { ...task });
    return { ...task, version: 1 };
  });
}

export async function updateTask(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TTaskInput,
): Promise<TTask> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.tasks.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such task');
    const refs = await resolveRefs(deps, repos, scope, input);
    const title = input.title !== undefined ? input.title.trim() : before.title;
    if (!title || title.length > 200)
      throw new AttestlyError('INVALID_INPUT', 'a task title has 1 to 200 characters', { field: 'title' });
    const after: TTask = {
      ...before,
      ...refs,
      title,
      description: input.description !== undefined ? input.description.trim() : before.description,
      status: input.status ?? before.status,
    };
    if (!(await repos.tasks.update(scope, after, expectedVersion, deps.clock.now()))) {
      throw new AttestlyError(
        'CONFLICT',
        `the task changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        {
          currentVersion: before.version,
        },
      );
    }
    await recordChange(repos, scope, deps, 'task.updated', { type: 'task', id }, { before, after });
    return { ...after, version: expectedVersion + 1 };
  });
}

/** One click from the gap assessment: a task for a criterion's next action, on the control it names. */
export async function createTaskFromGap(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  criterionId: string,
  extra: Pick<TTaskInput, 'assigneeEmail' | 'dueDate'>,
): Promise<TTask> {
  const id = criterionId.toUpperCase();
  const readiness = await getReadiness(deps, org, scope);
  const gap = readiness.gaps.find((g) => g.criterionId === id);
  if (!gap)
    throw new AttestlyError('NOT_FOUND', `${id} has no gap (it is ready, not applicable, or not in scope)`);
  return createTask(deps, scope, {
    title: `${id}: ${gap.nextAction}`.slice(0, 200),
    description: `Created from the gap assessment of ${readiness.asOf} (score ${gap.score}).`,
    controlCode: gap.controlCode,
    criterionId: id,
    ...extra,
  });
}
