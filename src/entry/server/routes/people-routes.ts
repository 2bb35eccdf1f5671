import { z } from 'zod';
import { completeTraining } from '../../../app/people/complete-training.ts';
import { createPerson } from '../../../app/people/create-person.ts';
import { getMyOnboarding } from '../../../app/people/get-my-onboarding.ts';
import { getPerson, type TPersonDetail } from '../../../app/people/get-person.ts';
import { importPeople } from '../../../app/people/import-people.ts';
import { importTraining } from '../../../app/people/import-training.ts';
import { listPeople, PEOPLE_FILTERS, type TPersonRow } from '../../../app/people/list-people.ts';
import { markChecklistItem } from '../../../app/people/mark-checklist-item.ts';
import { recordBackgroundCheck } from '../../../app/people/record-background-check.ts';
import { refreshPeople } from '../../../app/people/refresh-people.ts';
import { updatePerson } from '../../../app/people/update-person.ts';
import type { AppDeps } from '../../../app/ports.ts';
import { findTrainingCourse, trainingCourses } from '../../../catalog/training.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { OUTCOME_STATUSES } from '../../../domain/monitoring/model.ts';
import { CHECKLIST_ITEMS, ITEM_STATES, ITEM_TITLES } from '../../../domain/people/checklist.ts';
import {
  BACKGROUND_CHECK_STATUSES,
  MARKED_ITEMS,
  PERSON_SOURCES,
  PERSON_STATUSES,
  PERSON_TYPES,
} from '../../../domain/people/person.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

/** An HR export or a training report travels as the CSV's text; a few MiB is tens of thousands of rows. */
const CSV_BODY_LIMIT = 5 * 1024 * 1024;

const ZBackgroundCheck = z.object({
  status: z.enum(BACKGROUND_CHECK_STATUSES),
  date: z.string().nullable(),
  provider: z.string().nullable(),
  exemption: z.string().nullable(),
});

const ZChecklistItem = z.object({
  kind: z.enum(CHECKLIST_ITEMS),
  title: z.string(),
  phase: z.enum(['onboarding', 'offboarding']),
  dueDate: z.string(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  exemption: z.string().nullable(),
  detail: z.string(),
  /** As judged today: done, exempt, not applicable, pending (within its deadline) or overdue. */
  state: z.enum(ITEM_STATES),
  reason: z.string(),
});

const ZPerson = z.object({
  id: z.string(),
  version: z.number().int(),
  email: z.string(),
  name: z.string(),
  type: z.enum(PERSON_TYPES),
  department: z.string().nullable(),
  title: z.string().nullable(),
  managerEmail: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  inScope: z.boolean(),
  source: z.enum(PERSON_SOURCES),
  sourceIntegration: z.string().nullable(),
  backgroundCheck: ZBackgroundCheck,
  status: z.enum(PERSON_STATUSES),
  checklist: z.array(ZChecklistItem),
  overdue: z.number().int(),
  pending: z.number().int(),
  activeAccounts: z.number().int(),
});

const ZPersonDetail = ZPerson.extend({
  accounts: z.array(
    z.object({
      system: z.string(),
      resourceType: z.string(),
      accountName: z.string(),
      status: z.string(),
      active: z.boolean(),
      seenAt: z.date(),
    }),
  ),
  completions: z.array(
    z.object({
      courseId: z.string(),
      courseTitle: z.string(),
      courseVersion: z.number().int(),
      completedAt: z.date(),
      source: z.enum(['course', 'import']),
    }),
  ),
  marks: z.array(
    z.object({
      item: z.enum(MARKED_ITEMS),
      doneOn: z.string(),
      note: z.string(),
      deviceId: z.string().nullable(),
      recordedBy: z.string(),
      recordedAt: z.date(),
    }),
  ),
  /** The people tests' latest results for this person, as monitoring shows them. */
  results: z.array(
    z.object({
      testId: z.string(),
      title: z.string(),
      status: z.enum(OUTCOME_STATUSES),
      reason: z.string(),
      since: z.date(),
    }),
  ),
  integration: z.string().nullable(),
});

const ZCourseMeta = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number().int(),
  minutes: z.number().int(),
  required: z.boolean(),
  summary: z.string(),
});

const ZPersonFields = {
  name: z.string().max(200).optional(),
  type: z.enum(PERSON_TYPES).optional(),
  department: z.string().max(200).nullable().optional(),
  title: z.string().max(200).nullable().optional(),
  managerEmail: z.string().max(254).nullable().optional(),
  startDate: ZIsoDate.optional(),
  endDate: ZIsoDate.nullable().optional(),
  inScope: z.boolean().optional(),
};

const ZPersonParams = ZOrgParams.extend({ id: z.uuid() });
const ZCsvBody = z.strictObject({
  csv: z.string().max(CSV_BODY_LIMIT),
  fileName: z.string().max(200).optional(),
});

function personView(row: TPersonRow) {
  return {
    ...row.person,
    status: row.status,
    checklist: row.checklist.map((item) => ({ ...item, title: ITEM_TITLES[item.kind] })),
    overdue: row.overdue,
    pending: row.pending,
    activeAccounts: row.activeAccounts,
  };
}

function detailView(deps: AppDeps, detail: TPersonDetail) {
  const titles = new Map(deps.monitoring.library.tests.map((t) => [t.id, t.title]));
  return {
    ...personView(detail),
    accounts: detail.accounts,
    completions: detail.completions,
    marks: detail.marks,
    results: detail.results.map((r) => ({ ...r, title: titles.get(r.testId) ?? r.testId })),
    integration: detail.integration,
  };
}

export function registerPeopleRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/people',
    {
      config: { access: { kind: 'org', permission: 'people:read' } },
      schema: {
        summary:
          'The personnel register with each checklist judged today; filter current, leavers, contractors',
        tags: ['people'],
        params: ZOrgParams,
        querystring: ZPage.extend({ filter: z.enum(PEOPLE_FILTERS).default('all') }),
        response: { 200: paged(ZPerson), ...ERRORS },
      },
    },
    async (request) => {
      const { filter, ...paging } = request.query;
      const rows = await listPeople(request.deps, orgOf(request).scope, filter);
      return page(rows.map(personView), paging);
    },
  );

  app.post(
    '/api/v1/orgs/:org/people',
    {
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary: 'Add a person to the register by hand',
        tags: ['people'],
        params: ZOrgParams,
        body: z.strictObject({ email: z.string().max(254), ...ZPersonFields }),
        response: { 201: ZPersonDetail, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const person = await createPerson(request.deps, scope, request.body);
      return reply
        .status(201)
        .send(detailView(request.deps, await getPerson(request.deps, scope, person.id)));
    },
  );

  app.post(
    '/api/v1/orgs/:org/people/import',
    {
      bodyLimit: CSV_BODY_LIMIT + 4096,
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary:
          'Import an HR export (CSV: email,name,type,department,title,manager_email,start_date,end_date,in_scope); all lines or none',
        tags: ['people'],
        params: ZOrgParams,
        body: ZCsvBody,
        response: {
          200: z.object({
            created: z.number().int(),
            updated: z.number().int(),
            unchanged: z.number().int(),
          }),
          413: ERRORS[400],
          ...ERRORS,
        },
      },
    },
    async (request) =>
      importPeople(request.deps, orgOf(request).scope, request.body.csv, request.body.fileName ?? 'hr.csv'),
  );

  app.post(
    '/api/v1/orgs/:org/people/training-import',
    {
      bodyLimit: CSV_BODY_LIMIT + 4096,
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary:
          "Import a training provider's completions (CSV: email,course,completed_at); all lines or none",
        tags: ['people'],
        params: ZOrgParams,
        body: ZCsvBody,
        response: {
          200: z.object({ recorded: z.number().int(), alreadyRecorded: z.number().int() }),
          413: ERRORS[400],
          ...ERRORS,
        },
      },
    },
    async (request) =>
      importTraining(
        request.deps,
        orgOf(request).scope,
        request.body.csv,
        request.body.fileName ?? 'training.csv',
      ),
  );

  app.post(
    '/api/v1/orgs/:org/people/sync',
    {
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary:
          "Compare the register with the identity providers' latest collections now, and judge the checklists",
        tags: ['people'],
        params: ZOrgParams,
        response: {
          200: z.object({
            created: z.array(z.string()),
            accounts: z.number().int(),
            systems: z.array(z.string()),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { sync } = await refreshPeople(request.deps, orgOf(request).scope, { always: true });
      return { created: sync.created.map((p) => p.email), accounts: sync.accounts, systems: sync.systems };
    },
  );

  app.get(
    '/api/v1/orgs/:org/people/:id',
    {
      config: { access: { kind: 'org', permission: 'people:read' } },
      schema: {
        summary: 'One person: checklists judged today, accounts in connected systems, training, test results',
        tags: ['people'],
        params: ZPersonParams,
        response: { 200: ZPersonDetail, ...ERRORS },
      },
    },
    async (request) =>
      detailView(request.deps, await getPerson(request.deps, orgOf(request).scope, request.params.id)),
  );

  app.patch(
    '/api/v1/orgs/:org/people/:id',
    {
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary: 'Update a person (an end date makes them a leaver); names the version it edits',
        tags: ['people'],
        params: ZPersonParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          email: z.string().max(254).optional(),
          ...ZPersonFields,
        }),
        response: { 200: ZPersonDetail, ...ERRORS },
      },
    },
    async (request) => {
      const { version, ...change } = request.body;
      const { scope } = orgOf(request);
      await updatePerson(request.deps, scope, request.params.id, version, change);
      return detailView(request.deps, await getPerson(request.deps, scope, request.params.id));
    },
  );

  app.put(
    '/api/v1/orgs/:org/people/:id/background-check',
    {
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary:
          "Record a person's background check (status, date, provider) or an exemption with its reason",
        tags: ['people'],
        params: ZPersonParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          status: z.enum(BACKGROUND_CHECK_STATUSES),
          date: ZIsoDate.nullable(),
          provider: z.string().max(200).nullable(),
          exemption: z.string().max(2000).nullable(),
        }),
        response: { 200: ZPersonDetail, ...ERRORS },
      },
    },
    async (request) => {
      const { version, ...check } = request.body;
      const { scope } = orgOf(request);
      await recordBackgroundCheck(request.deps, scope, request.params.id, version, check);
      return detailView(request.deps, await getPerson(request.deps, scope, request.params.id));
    },
  );

  app.put(
    '/api/v1/orgs/:org/people/:id/checklist/:item',
    {
      config: { access: { kind: 'org', permission: 'people:write' } },
      schema: {
        summary: 'Tick (or untick) a checklist item no record shows: device enrolled, access removed',
        tags: ['people'],
        params: ZPersonParams.extend({ item: z.enum(MARKED_ITEMS) }),
        body: z.discriminatedUnion('done', [
          z.strictObject({
            done: z.literal(true),
            doneOn: ZIsoDate.optional(),
            note: z.string().max(2000),
            deviceId: z.uuid().nullable().optional(),
          }),
          z.strictObject({ done: z.literal(false) }),
        ]),
        response: { 200: ZPersonDetail, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      await markChecklistItem(request.deps, scope, request.params.id, request.params.item, request.body);
      return detailView(request.deps, await getPerson(request.deps, scope, request.params.id));
    },
  );

  app.get(
    '/api/v1/orgs/:org/training-courses',
    {
      config: { access: { kind: 'org', permission: 'org:read' } },
      schema: {
        summary: 'The built-in security-awareness courses',
        tags: ['people'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZCourseMeta) }), ...ERRORS },
      },
    },
    async () => ({ items: trainingCourses().map(({ body: _body, ...meta }) => meta) }),
  );

  app.get(
    '/api/v1/orgs/:org/training-courses/:courseId',
    {
      config: { access: { kind: 'org', permission: 'org:read' } },
      schema: {
        summary: 'One built-in course with its text (Markdown)',
        tags: ['people'],
        params: ZOrgParams.extend({ courseId: z.string().max(100) }),
        response: { 200: ZCourseMeta.extend({ body: z.string() }), ...ERRORS },
      },
    },
    async (request) => {
      const course = findTrainingCourse(request.params.courseId);
      if (!course) throw new AttestlyError('NOT_FOUND', `no course "${request.params.courseId}"`);
      return course;
    },
  );

  app.get(
    '/api/v1/orgs/:org/me/onboarding',
    {
      config: { access: { kind: 'org', permission: 'org:read' } },
      schema: {
        summary: "The signed-in person's onboarding: their checklist and the courses to take",
        tags: ['people'],
        params: ZOrgParams,
        response: {
          200: z.object({
            person: ZPersonDetail.nullable(),
            courses: z.array(ZCourseMeta.extend({ completedAt: z.date().nullable() })),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const email = principal.kind === 'session' ? principal.user.email : null;
      const mine = await getMyOnboarding(request.deps, orgOf(request).scope, { email });
      return { ...mine, person: mine.person ? detailView(request.deps, mine.person) : null };
    },
  );

  app.post(
    '/api/v1/orgs/:org/me/training/:courseId/complete',
    {
      config: { access: { kind: 'org', permission: 'policies:accept' } },
      schema: {
        summary: 'The signed-in person completes a built-in course, at the version they read',
        tags: ['people'],
        params: ZOrgParams.extend({ courseId: z.string().max(100) }),
        body: z.strictObject({ version: z.number().int().min(1).optional() }),
        response: {
          200: z.object({
            courseId: z.string(),
            courseVersion: z.number().int(),
            completedAt: z.date(),
            alreadyCompleted: z.boolean(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const email = principal.kind === 'session' ? principal.user.email : null;
      const { completion, alreadyCompleted } = await completeTraining(
        request.deps,
        orgOf(request).scope,
        { email },
        request.params.courseId,
        { version: request.body.version },
      );
      return {
        courseId: completion.courseId,
        courseVersion: completion.courseVersion,
        completedAt: completion.completedAt,
        alreadyCompleted,
      };
    },
  );
}
