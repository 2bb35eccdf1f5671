import { z } from 'zod';
import { ocsfResources } from '../../../adapters/integrations/ocsf/collector.ts';
import { openscapResources } from '../../../adapters/integrations/openscap/collector.ts';
import { MAX_PUSHED_RESOURCES, pushResources } from '../../../app/monitoring/push-resources.ts';
import type { TIntegration, TMonitorRun } from '../../../app/ports.ts';
import { ocsfFinding } from '../../../catalog/monitoring/ocsf.ts';
import { openscapRuleResult } from '../../../catalog/monitoring/openscap.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';
import { runView, ZRun } from './integration-routes.ts';

// Systems Attestly has no collector for: a custom connection pushes its inventory of one resource type
// (PUT …/resources/{type}), and a scan report is imported as a file (POST …/imports/{format}). Either is a
// run of a pushed connection, judged and kept exactly like a collected run.

/** A push may carry a large inventory: more than the API's default body limit. */
const PUSH_BODY_LIMIT = 32 * 1024 * 1024;

const ZPushed = z.object({
  integration: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  run: ZRun,
});

const pushedView = ({ integration, run }: { integration: TIntegration; run: TMonitorRun }) => ({
  integration: { id: integration.id, name: integration.name, type: integration.type },
  run: runView(run),
});

/** Each importable format: how its file becomes resources, and the connection it lands in by default. */
const FORMATS = {
  openscap: {
    resourceType: openscapRuleResult.type,
    read: openscapResources,
    /** The scanned host names the connection, as if an integration were named after it. */
    defaultName(resources: TResource[]): string {
      const hosts = [...new Set(resources.map((r) => String(r.attributes.host)))];
      if (hosts.length !== 1)
        throw new AttestlyError(
          'INVALID_INPUT',
          `the report covers ${hosts.length} hosts (${hosts.slice(0, 5).join(', ')}): name the connection in the "integration" field`,
          { field: 'integration' },
        );
      return hosts[0] as string;
    },
  },
  ocsf: {
    resourceType: ocsfFinding.type,
    read: ocsfResources,
    defaultName(): string {
      throw new AttestlyError(
        'INVALID_INPUT',
        'name the connection these findings belong to in the "integration" field (an account, a cluster)',
        { field: 'integration' },
      );
    },
  },
} as const;

const FILE_FIELD = { field: 'file' };

export function registerImportRoutes(app: ZodApp, config: TServerConfig): void {
  app.put(
    '/api/v1/orgs/:org/resources/:type',
    {
      bodyLimit: PUSH_BODY_LIMIT,
      config: { access: { kind: 'org', permission: 'integrations:run' } },
      schema: {
        summary:
          "Push a custom connection's whole inventory of one resource type; it replaces the previous one and is judged now",
        tags: ['monitoring'],
        params: ZOrgParams.extend({ type: z.string().min(1).max(100) }),
        body: z.strictObject({
          integration: z.string().min(1).max(100),
          resources: z
            .array(
              z.strictObject({
                id: z.string().max(500),
                name: z.string().max(500).optional(),
                attributes: z.record(z.string(), z.unknown()),
              }),
            )
            .max(MAX_PUSHED_RESOURCES),
        }),
        response: { 200: ZPushed, 413: ERRORS[400], ...ERRORS },
      },
    },
    async (request) =>
      pushedView(
        await pushResources(request.deps, orgOf(request).scope, {
          integration: request.body.integration,
          resourceType: request.params.type,
          resources: request.body.resources,
        }),
      ),
  );

  app.post(
    '/api/v1/orgs/:org/imports/:format',
    {
      config: { access: { kind: 'org', permission: 'integrations:run' } },
      schema: {
        summary:
          'Import a scan report (multipart: file, and integration, the connection, by default the scanned host for OpenSCAP)',
        tags: ['monitoring'],
        consumes: ['multipart/form-data'],
        params: ZOrgParams.extend({ format: z.enum(['openscap', 'ocsf']) }),
        response: { 200: ZPushed, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
      },
    },
    async (request) => {
      if (!request.isMultipart())
        throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'send the report as multipart/form-data');
      const fields: Record<string, string> = {};
      let text: string | undefined;
      for await (const part of request.parts()) {
        if (part.type !== 'file') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        const bytes = await part.toBuffer().catch((error: unknown) => {
          if (part.file.truncated || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AttestlyError(
              'PAYLOAD_TOO_LARGE',
              `the report is larger than ${config.maxUploadBytes / 1024 / 1024} MiB`,
              FILE_FIELD,
            );
          throw error;
        });
        text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        if (text.includes('\u0000'))
          throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'the report must be a text file', FILE_FIELD);
      }
      const unknown = Object.keys(fields).find((k) => k !== 'integration');
      if (unknown) throw new AttestlyError('INVALID_INPUT', `unknown field "${unknown}"`, { field: unknown });
      if (text === undefined)
        throw new AttestlyError('INVALID_INPUT', 'a report file is required', FILE_FIELD);
      const format = FORMATS[request.params.format];
      let resources: TResource[];
      try {
        resources = format.read(text);
      } catch (error) {
        if (!(error instanceof AttestlyError) || error.code !== 'INVALID_INPUT') throw error;
        // The message points inside the file; the form field it belongs to is the file.
        const at = error.details?.field;
        throw new AttestlyError('INVALID_INPUT', error.message, { ...FILE_FIELD, ...(at ? { at } : {}) });
      }
      return pushedView(
        await pushResources(request.deps, orgOf(request).scope, {
          integration: fields.integration?.trim() || format.defaultName(resources),
          resourceType: format.resourceType,
          resources,
          kind: request.params.format,
        }),
      );
    },
  );
}
