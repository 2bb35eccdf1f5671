import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app/ports.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { accessHook, type TAccess } from './access.ts';
import { errorBody, httpStatusFor, toAttestlyError } from './http-errors.ts';
import { registerAccessReviewRoutes } from './routes/access-review-routes.ts';
import { registerAgentRoutes } from './routes/agent-routes.ts';
import { registerAuditLogRoutes } from './routes/audit-log-routes.ts';
import { registerAuditPackageRoutes } from './routes/audit-package-routes.ts';
import { registerAuditRequestRoutes } from './routes/audit-request-routes.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerAuditTestingRoutes } from './routes/audit-testing-routes.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerControlRoutes } from './routes/control-routes.ts';
import { registerCustomTestRoutes } from './routes/custom-test-routes.ts';
import { registerDashboardRoutes } from './routes/dashboard-routes.ts';
import { registerDemoRoutes } from './routes/demo-routes.ts';
import { registerEvidenceRoutes } from './routes/evidence-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerImportRoutes } from './routes/import-routes.ts';
import { registerIntegrationRoutes } from './routes/integration-routes.ts';
import { registerInvitationRoutes } from './routes/invitation-routes.ts';
import { registerLedgerRoutes } from './routes/ledger-routes.ts';
import { registerMonitoringCatalogRoutes } from './routes/monitoring-catalog-routes.ts';
import { registerNotificationRoutes } from './routes/notification-routes.ts';
import { registerOrgRoutes } from './routes/org-routes.ts';
import { registerOwnerRoleRoutes } from './routes/owner-role-routes.ts';
import { registerPeopleRoutes } from './routes/people-routes.ts';
import { registerPolicyRoutes } from './routes/policy-routes.ts';
import { registerPopulationRoutes } from './routes/population-routes.ts';
import { registerPrivacyRoutes } from './routes/privacy-routes.ts';
import { registerProgramRoutes } from './routes/program-routes.ts';
import { registerReportRoutes } from './routes/report-routes.ts';
import { registerRiskRoutes } from './routes/risk-routes.ts';
import { registerSsoRoutes } from './routes/sso-routes.ts';
import { registerTaskRoutes } from './routes/task-routes.ts';
import { registerTokenRoutes } from './routes/token-routes.ts';
import { registerTrustCenterRoutes } from './routes/trust-center-routes.ts';
import { registerVendorRoutes } from './routes/vendor-routes.ts';
import { registerWebAuthnRoutes } from './routes/webauthn-routes.ts';
import type { TServerConfig } from './server-config.ts';
import { registerTrustCenterPages } from './trust/trust-pages.ts';
import { registerWebApp, sendWebApp, webAppAvailable } from './web-app.ts';
import type { ZodApp } from './zod-app.ts';

export interface TRouteInfo {
  method: string;
  url: string;
  access: TAccess | undefined;
  summary: string | undefined;
  hasResponse: boolean;
}

export interface TServerDeps {
  deps: AppDeps;
  config: TServerConfig;
  /** Is the database reachable and migrated? For /readyz. */
  ready: () => Promise<boolean>;
  logger?: boolean | object;
}

/** Builds the HTTP API: every route declares who may call it, parses its input with zod, and documents itself. */
export async function buildServer({ deps, config, ready, logger }: TServerDeps) {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: config.secureCookies === 'auto' ? 'loopback' : false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: TRouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (
      !route.url.startsWith('/api/') &&
      !route.url.startsWith('/healthz') &&
      !route.url.startsWith('/readyz')
    )
      return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const schema = route.schema as { summary?: string; response?: Record<string, unknown> } | undefined;
      routes.push({
        method,
        url: route.url,
        access: route.config?.access,
        summary: schema?.summary,
        hasResponse: Boolean(schema?.response && Object.keys(schema.response).length > 0),
      });
      if (!route.config?.access) throw new Error(`route ${method} ${route.url} declares no access rule`);
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Attestly API', version: '1', description: 'SOC 2 compliance automation' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'attestly_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });

  app.addHook('onRequest', accessHook(deps, config.session));

  app.setErrorHandler((error, request, reply) => {
    const attestly = toAttestlyError(error);
    const status = httpStatusFor(attestly.code);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: attestly.code }, attestly.message);
    void reply.status(status).send(errorBody(attestly));
  });
  const webRoot = webAppAvailable(config.webRoot) ? config.webRoot : null;
  if (webRoot) await registerWebApp(app, webRoot);
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && sendWebApp(request, reply, webRoot)) return;
    void reply
      .status(404)
      .send(errorBody(new AttestlyError('NOT_FOUND', `no route ${request.method} ${request.url}`)));
  });

  const api = app as unknown as ZodApp;
  registerHealthRoutes(api, ready);
  registerAuthRoutes(api, config);
  registerDemoRoutes(api, config);
  registerOrgRoutes(api);
  registerProgramRoutes(api);
  registerPolicyRoutes(api);
  registerDashboardRoutes(api);
  registerOwnerRoleRoutes(api);
  registerControlRoutes(api);
  registerEvidenceRoutes(api, config);
  registerTaskRoutes(api);
  registerRiskRoutes(api);
  registerPeopleRoutes(api);
  registerAccessReviewRoutes(api);
  registerAuditRoutes(api, config);
  registerAuditRequestRoutes(api);
  registerAuditPackageRoutes(api);
  registerAuditTestingRoutes(api);
  registerPopulationRoutes(api, config);
  registerVendorRoutes(api, config);
  registerTokenRoutes(api);
  registerInvitationRoutes(api, config);
  registerIntegrationRoutes(api);
  registerAgentRoutes(api);
  registerImportRoutes(api, config);
  registerMonitoringCatalogRoutes(api);
  registerCustomTestRoutes(api);
  registerAuditLogRoutes(api);
  registerLedgerRoutes(api);
  registerReportRoutes(api);
  registerNotificationRoutes(api, config);
  registerPrivacyRoutes(api);
  registerSsoRoutes(api, config);
  registerWebAuthnRoutes(api, config);
  registerTrustCenterRoutes(api, config);
  registerTrustCenterPages(api, deps);

  app.get(
    '/api/v1/openapi.json',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The OpenAPI 3.1 document of this API',
        hide: true,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );

  await app.ready();
  return Object.assign(app, { routeTable: routes });
}

export type TServer = Awaited<ReturnType<typeof buildServer>>;
