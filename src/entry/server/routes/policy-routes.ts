import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { renderPolicyPdf } from '../../../adapters/reports/policy-pdf.ts';
import { acceptPolicy } from '../../../app/policies/accept-policy.ts';
import { approvePolicyVersion } from '../../../app/policies/approve-policy-version.ts';
import { diffPolicyVersions } from '../../../app/policies/diff-policy-versions.ts';
import { editPolicy } from '../../../app/policies/edit-policy.ts';
import { getMyPage } from '../../../app/policies/get-my-page.ts';
import { getPolicy } from '../../../app/policies/get-policy.ts';
import { getPolicyVersion } from '../../../app/policies/get-policy-version.ts';
import { listAcceptances } from '../../../app/policies/list-acceptances.ts';
import { listPolicies } from '../../../app/policies/list-policies.ts';
import type { TPolicyActor } from '../../../app/policies/policy-access.ts';
import { publishPolicyVersion } from '../../../app/policies/publish-policy-version.ts';
import { setPolicyOwner } from '../../../app/policies/set-policy-owner.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { MEMBER_ROLES } from '../../../domain/permissions.ts';
import { MAX_POLICY_BODY_BYTES, POLICY_VERSION_STATUSES } from '../../../domain/policy-lifecycle.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

// Policies (journey step 4): edit the Markdown, see what changed, the owner approves, publish, and every
// employee accepts the published version. Approval and acceptance name a person, so they need a signed-in
// user; an API token may read, edit and publish.

const ZPolicy = z.object({
  id: z.string(),
  templateId: z.string().nullable(),
  title: z.string(),
  ownerRole: z.string(),
  ownerUserId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  reviewCadence: z.string(),
});

const ZVersionMeta = z.object({
  version: z.number().int(),
  status: z.enum(POLICY_VERSION_STATUSES),
  sha256: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  approvedBy: z.string().nullable(),
  approvedAt: z.date().nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: z.date().nullable(),
});

const ZVersion = ZVersionMeta.extend({ bodyMarkdown: z.string() });

const ZPolicyParams = ZOrgParams.extend({ id: z.uuid() });
const ZVersionNumber = z.coerce.number().int().min(1).max(1_000_000);
const ZVersionParams = ZPolicyParams.extend({ version: ZVersionNumber });

/** The acting person (null for an API token) and their role, as the policy use-cases take it. */
function policyActor(request: FastifyRequest): TPolicyActor {
  const principal = principalOf(request);
  return { userId: principal.kind === 'session' ? principal.user.id : null, role: orgOf(request).role };
}

function pdfFileName(title: string, version: number): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'policy'}-v${version}.pdf`;
}

export function registerPolicyRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/policies',
    {
      config: { access: { kind: 'org', permission: 'policies:read' } },
      schema: {
        summary: 'Policies with their latest version, owner, published version and its acceptances',
        tags: ['policies'],
        params: ZOrgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                templateId: z.string().nullable(),
                title: z.string(),
                ownerRole: z.string(),
                ownerUserId: z.string().nullable(),
                ownerEmail: z.string().nullable(),
                latestVersion: z.number(),
                latestStatus: z.string(),
                publishedVersion: z.number().nullable(),
                publishedAt: z.date().nullable(),
                acceptanceCount: z.number().nullable(),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => ({ items: await listPolicies(request.deps, orgOf(request).scope) }),
  );

  app.get(
    '/api/v1/orgs/:org/policies/:id',
    {
      config: { access: { kind: 'org', permission: 'policies:read' } },
      schema: {
        summary: 'A policy: its versions, the draft being worked on and the published text',
        tags: ['policies'],
        params: ZPolicyParams,
        response: {
          200: z.object({
            policy: ZPolicy,
            versions: z.array(ZVersionMeta),
            draft: ZVersion.nullable(),
            published: ZVersion.nullable(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => getPolicy(request.deps, orgOf(request).scope, request.params.id, orgOf(request)),
  );

  app.patch(
    '/api/v1/orgs/:org/policies/:id',
    {
      config: { access: { kind: 'org', permission: 'policies:write' } },
      schema: {
        summary: 'Name the member who owns (and approves) a policy, or clear it with null',
        tags: ['policies'],
        params: ZPolicyParams,
        body: z.strictObject({ ownerUserId: z.uuid().nullable() }),
        response: { 200: ZPolicy, ...ERRORS },
      },
    },
    async (request) =>
      setPolicyOwner(request.deps, orgOf(request).scope, request.params.id, request.body.ownerUserId),
  );

  app.put(
    '/api/v1/orgs/:org/policies/:id/draft',
    {
      config: { access: { kind: 'org', permission: 'policies:write' } },
      schema: {
        summary: 'Save the Markdown of the draft; starts a new draft after an approved or published version',
        tags: ['policies'],
        params: ZPolicyParams,
        body: z.strictObject({
          bodyMarkdown: z.string().min(1).max(MAX_POLICY_BODY_BYTES),
          expectedVersion: z.number().int().min(0).optional(),
          expectedSha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex')
            .optional(),
        }),
        response: {
          200: z.object({ draft: ZVersion, created: z.boolean(), changed: z.boolean() }),
          413: ERRORS[400],
          ...ERRORS,
        },
      },
    },
    async (request) =>
      editPolicy(request.deps, orgOf(request).scope, request.params.id, request.body, policyActor(request)),
  );

  app.get(
    '/api/v1/orgs/:org/policies/:id/versions/:version',
    {
      config: { access: { kind: 'org', permission: 'policies:read' } },
      schema: {
        summary: 'One version of a policy with its Markdown',
        tags: ['policies'],
        params: ZVersionParams,
        response: { 200: ZVersion, ...ERRORS },
      },
    },
    async (request) => {
      const { version } = await getPolicyVersion(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.params.version,
        orgOf(request),
      );
      return version;
    },
  );

  app.post(
    '/api/v1/orgs/:org/policies/:id/versions/:version/approve',
    {
      config: { access: { kind: 'org', permission: 'policies:approve' } },
      schema: {
        summary: "Approve the latest draft (the policy's owner; without one, an organization owner or admin)",
        tags: ['policies'],
        params: ZVersionParams,
        response: { 200: ZVersionMeta, ...ERRORS },
      },
    },
    async (request) =>
      approvePolicyVersion(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.params.version,
        policyActor(request),
      ),
  );

  app.post(
    '/api/v1/orgs/:org/policies/:id/versions/:version/publish',
    {
      config: { access: { kind: 'org', permission: 'policies:approve' } },
      schema: {
        summary: 'Publish an approved version; it supersedes the version published before',
        tags: ['policies'],
        params: ZVersionParams,
        response: {
          200: z.object({ published: ZVersionMeta, superseded: z.number().int().nullable() }),
          ...ERRORS,
        },
      },
    },
    async (request) =>
      publishPolicyVersion(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.params.version,
        policyActor(request),
      ),
  );

  app.get(
    '/api/v1/orgs/:org/policies/:id/versions/:version/pdf',
    {
      config: { access: { kind: 'org', permission: 'policies:read' } },
      schema: {
        summary: 'One version of a policy as a PDF, with its status, approval and SHA-256',
        tags: ['policies'],
        params: ZVersionParams,
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const { policy, version } = await getPolicyVersion(
        request.deps,
        scope,
        request.params.id,
        request.params.version,
        orgOf(request),
      );
      const pdf = await renderPolicyPdf({
        organizationName: org.name,
        title: policy.title,
        version: version.version,
        status: version.status,
        approvedBy: version.approvedBy,
        approvedAt: version.approvedAt,
        publishedAt: version.publishedAt,
        sha256: version.sha256,
        bodyMarkdown: version.bodyMarkdown,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${pdfFileName(policy.title, version.version)}"`)
        .header('x-policy-sha256', version.sha256)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/api/v1/orgs/:org/policies/:id/diff',
    {
      config: { access: { kind: 'org', permission: 'policies:read' } },
      schema: {
        summary: 'What changed between two versions of a policy, line by line',
        tags: ['policies'],
        params: ZPolicyParams,
        querystring: z.strictObject({ from: ZVersionNumber, to: ZVersionNumber }),
        response: {
          200: z.object({
            from: z.number().int(),
            to: z.number().int(),
            added: z.number().int(),
            removed: z.number().int(),
            lines: z.array(z.object({ op: z.enum(['same', 'add', 'del']), text: z.string() })),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) =>
      diffPolicyVersions(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.query,
        orgOf(request),
      ),
  );

  app.post(
    '/api/v1/orgs/:org/policies/:id/accept',
    {
      config: { access: { kind: 'org', permission: 'policies:accept' } },
      schema: {
        summary:
          'Accept the published version of a policy as the signed-in user (accepting twice is harmless)',
        tags: ['policies'],
        params: ZPolicyParams,
        // Optional: the version the person read; accepting fails if another one was published since.
        body: z.strictObject({ version: ZVersionNumber.optional() }).nullish(),
        response: {
          200: z.object({
            policyId: z.string(),
            version: z.number().int(),
            sha256: z.string(),
            acceptedAt: z.date(),
            alreadyAccepted: z.boolean(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) =>
      acceptPolicy(request.deps, orgOf(request).scope, request.params.id, policyActor(request), {
        version: request.body?.version,
      }),
  );

  app.get(
    '/api/v1/orgs/:org/policies/:id/acceptances',
    {
      config: { access: { kind: 'org', permission: 'policy_acceptances:read' } },
      schema: {
        summary: 'Who accepted which version, and who has not accepted the published one',
        tags: ['policies'],
        params: ZPolicyParams,
        response: {
          200: z.object({
            policyId: z.string(),
            publishedVersion: z.number().int().nullable(),
            acceptances: z.array(
              z.object({
                userId: z.string(),
                email: z.string(),
                version: z.number().int(),
                acceptedAt: z.date(),
              }),
            ),
            pending: z.array(z.object({ userId: z.string(), email: z.string(), role: z.enum(MEMBER_ROLES) })),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => listAcceptances(request.deps, orgOf(request).scope, request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/me',
    {
      config: { access: { kind: 'org', permission: 'org:read' } },
      schema: {
        summary: "The signed-in person's page: policies to accept and their tasks",
        tags: ['policies'],
        params: ZOrgParams,
        response: {
          200: z.object({
            user: z.object({ id: z.string(), email: z.string() }),
            role: z.enum(MEMBER_ROLES),
            policiesToAccept: z.array(
              z.object({
                policyId: z.string(),
                title: z.string(),
                version: z.number().int(),
                sha256: z.string(),
                publishedAt: z.date(),
              }),
            ),
            tasks: z.array(
              z.object({
                id: z.string(),
                version: z.number().int(),
                title: z.string(),
                description: z.string(),
                controlId: z.string().nullable(),
                criterionId: z.string().nullable(),
                assigneeUserId: z.string().nullable(),
                status: z.enum(['todo', 'in_progress', 'done']),
                dueDate: z.string().nullable(),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.kind !== 'session')
        throw new AttestlyError('INVALID_INPUT', 'an API token has no personal page: sign in as a person');
      const { scope, role } = orgOf(request);
      const page = await getMyPage(request.deps, scope, {
        user: { id: principal.user.id, email: principal.user.email },
        role,
      });
      return { ...page, tasks: page.tasks.map((t) => ({ ...t, version: t.version ?? 1 })) };
    },
  );
}
