import { z } from 'zod';
import { createEnrolmentToken, MAX_ENROLMENT_DAYS } from '../../../app/agent/create-enrolment-token.ts';
import { enrolDevice } from '../../../app/agent/enrol-device.ts';
import { revokeDevice } from '../../../app/agent/revoke-device.ts';
import { revokeEnrolmentToken } from '../../../app/agent/revoke-enrolment-token.ts';
import { submitDeviceReport } from '../../../app/agent/submit-device-report.ts';
import { endpointDevice } from '../../../catalog/monitoring/endpoint.ts';
import { OUTCOME_STATUSES } from '../../../domain/monitoring/model.ts';
import { deviceOf, orgOf, principalOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

// The host agent: administrators create enrolment tokens and see the enrolled devices; a machine enrols
// with a token (public: the token is the credential) and then reports with its own device credential.

const ZEnrolmentToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  enrolments: z.number().int(),
});

const ZDevice = z.object({
  id: z.string(),
  hostname: z.string(),
  enrolledAt: z.date(),
  revokedAt: z.date().nullable(),
  lastReportAt: z.date().nullable(),
});

const ZIdParams = ZOrgParams.extend({ id: z.uuid() });

export function registerAgentRoutes(app: ZodApp): void {
  app.post(
    '/api/v1/orgs/:org/agent/enrolment-tokens',
    {
      config: { access: { kind: 'org', permission: 'integrations:manage' } },
      schema: {
        summary: 'Create a token that enrols machines into the host agent; the secret is shown once',
        tags: ['agent'],
        params: ZOrgParams,
        body: z.strictObject({
          name: z.string().max(100),
          expiresInDays: z.number().int().min(1).max(MAX_ENROLMENT_DAYS).optional(),
        }),
        response: { 201: ZEnrolmentToken.extend({ token: z.string() }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { token, enrolmentToken } = await createEnrolmentToken(
        request.deps,
        orgOf(request).scope,
        { userId: principal.kind === 'session' ? principal.user.id : null },
        request.body,
      );
      return reply.status(201).send({ ...enrolmentToken, token });
    },
  );

  app.get(
    '/api/v1/orgs/:org/agent/enrolment-tokens',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: 'Enrolment tokens of the host agent (never their secret)',
        tags: ['agent'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZEnrolmentToken) }), ...ERRORS },
      },
    },
    async (request) => ({
      items: await request.deps.store.repos.agent.listEnrolmentTokens(orgOf(request).scope),
    }),
  );

  app.delete(
    '/api/v1/orgs/:org/agent/enrolment-tokens/:id',
    {
      config: { access: { kind: 'org', permission: 'integrations:manage' } },
      schema: {
        summary: 'Revoke an enrolment token; devices it enrolled keep reporting',
        tags: ['agent'],
        params: ZIdParams,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await revokeEnrolmentToken(request.deps, orgOf(request).scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:org/agent/devices',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: 'Devices enrolled into the host agent and when each last reported',
        tags: ['agent'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZDevice) }), ...ERRORS },
      },
    },
    async (request) => {
      const devices = await request.deps.store.repos.agent.listDevices(orgOf(request).scope);
      return { items: devices.map(({ orgId: _org, ...device }) => device) };
    },
  );

  app.delete(
    '/api/v1/orgs/:org/agent/devices/:id',
    {
      config: { access: { kind: 'org', permission: 'integrations:manage' } },
      schema: {
        summary: 'Revoke a device credential; the device leaves the results',
        tags: ['agent'],
        params: ZIdParams,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await revokeDevice(request.deps, orgOf(request).scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/agent/enrol',
    {
      // Public: the enrolment token in the body is the credential, checked by the use-case.
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Enrol this machine with an enrolment token; the device credential is shown once',
        tags: ['agent'],
        body: z.strictObject({ token: z.string().min(1).max(200), hostname: z.string().max(253) }),
        response: {
          201: z.object({ deviceId: z.string(), hostname: z.string(), credential: z.string() }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await enrolDevice(request.deps, request.body)),
  );

  app.post(
    '/api/v1/agent/reports',
    {
      config: { access: { kind: 'device' } },
      schema: {
        summary: 'Report this device’s checks (an endpoint.device) and get its test results',
        tags: ['agent'],
        body: endpointDevice.schema,
        response: {
          201: z.object({
            run: z.object({
              id: z.string(),
              status: z.enum(['succeeded', 'failed']),
              resources: z.number().int(),
              transitions: z.number().int(),
            }),
            results: z.array(
              z.object({
                testId: z.string(),
                status: z.enum(OUTCOME_STATUSES),
                reason: z.string(),
                since: z.date(),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { run, results } = await submitDeviceReport(request.deps, deviceOf(request), request.body);
      return reply.status(201).send({
        run,
        results: results
          .map(({ testId, status, reason, since }) => ({ testId, status, reason, since }))
          .sort((a, b) => a.testId.localeCompare(b.testId, 'en')),
      });
    },
  );
}
