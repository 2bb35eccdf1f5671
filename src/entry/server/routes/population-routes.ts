import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getSamplingSettings } from '../../../app/audits/get-sampling-settings.ts';
import { importPopulation } from '../../../app/audits/import-population.ts';
import { updateSamplingSettings } from '../../../app/audits/update-sampling-settings.ts';
import { POPULATION_KINDS } from '../../../domain/audit/populations.ts';
import { MAX_SAMPLE_SIZE, type TSamplingOverrides } from '../../../domain/audit/sampling.ts';
import { FREQUENCIES } from '../../../domain/catalog-types.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';

// Populations outside any one audit: importing one from CSV (the same items serve every audit whose period
// they fall in), and the organization's own sample sizes.

const FILE_FIELD = { field: 'file' };

const ZImported = z.object({
  kind: z.enum(POPULATION_KINDS),
  rows: z.number().int(),
  changed: z.number().int(),
  source: z.object({ kind: z.literal('import'), ref: z.string(), collectedAt: z.string() }),
});

const ZGuide = z.object({
  min: z.number().int(),
  max: z.number().int(),
  populationAtMin: z.number().int(),
  populationAtMax: z.number().int(),
});

const ZSizes = z.partialRecord(z.enum(FREQUENCIES), z.number().int().min(1).max(MAX_SAMPLE_SIZE));

const ZSamplingSettings = z.object({
  guide: z.record(z.enum(FREQUENCIES), ZGuide),
  sizes: ZSizes,
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const settingsView = (s: Awaited<ReturnType<typeof getSamplingSettings>>) => ({
  ...s,
  updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
});

/** The CSV text of a multipart upload (field "file") and the file's name. */
async function multipartCsv(
  request: FastifyRequest,
  config: TServerConfig,
): Promise<{ text: string; fileName: string | null }> {
  let found: { text: string; fileName: string | null } | undefined;
  for await (const part of request.parts()) {
    if (part.type !== 'file')
      throw new AttestlyError('INVALID_INPUT', `unknown field "${part.fieldname}"`, {
        field: part.fieldname,
      });
    const bytes = await part.toBuffer().catch((error: unknown) => {
      if (part.file.truncated || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw new AttestlyError(
          'PAYLOAD_TOO_LARGE',
          `the file is larger than ${config.maxUploadBytes / 1024 / 1024} MiB`,
          FILE_FIELD,
        );
      throw error;
    });
    found = { text: decodeCsv(bytes), fileName: part.filename || null };
  }
  if (!found) throw new AttestlyError('INVALID_INPUT', 'a CSV file is required', FILE_FIELD);
  return found;
}

function decodeCsv(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000'))
    throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'the population must be a CSV text file', FILE_FIELD);
  return text;
}

export function registerPopulationRoutes(app: ZodApp, config: TServerConfig): void {
  // A plain text/csv body is read as text only here; the rest of the API keeps to JSON and multipart.
  void app.register(async (plugin) => {
    const scoped = plugin as unknown as ZodApp;
    scoped.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: config.maxUploadBytes },
      (_request, body, done) => {
        try {
          done(null, decodeCsv(body as Buffer));
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );

    scoped.post(
      '/api/v1/orgs/:org/populations/:kind/import',
      {
        config: { access: { kind: 'org', permission: 'audits:manage' } },
        schema: {
          summary:
            'Import a population from CSV (text/csv body, or multipart field "file"): columns id, occurred_at, title, any more kept as attributes; all rows or none',
          tags: ['audits'],
          consumes: ['text/csv', 'multipart/form-data'],
          params: ZOrgParams.extend({ kind: z.enum(POPULATION_KINDS) }),
          querystring: z.strictObject({ fileName: z.string().max(200).optional() }),
          response: { 200: ZImported, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
        },
      },
      async (request) => {
        let upload: { text: string; fileName: string | null };
        if (request.isMultipart()) upload = await multipartCsv(request, config);
        else if (typeof request.body === 'string')
          upload = { text: request.body, fileName: request.query.fileName ?? null };
        else
          throw new AttestlyError(
            'UNSUPPORTED_MEDIA_TYPE',
            'send the population as text/csv or as multipart/form-data with a "file"',
          );
        const imported = await importPopulation(request.deps, orgOf(request).scope, {
          kind: request.params.kind,
          ...upload,
        });
        return {
          ...imported,
          source: { ...imported.source, collectedAt: imported.source.collectedAt.toISOString() },
        };
      },
    );
  });

  app.get(
    '/api/v1/orgs/:org/sampling',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'Sample sizes: the guide per control frequency and the organization’s own sizes',
        tags: ['audits'],
        params: ZOrgParams,
        response: { 200: ZSamplingSettings, ...ERRORS },
      },
    },
    async (request) => settingsView(await getSamplingSettings(request.deps, orgOf(request).scope)),
  );

  app.put(
    '/api/v1/orgs/:org/sampling',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary:
          'Set the organization’s own sample size per control frequency (omitted ones follow the guide)',
        tags: ['audits'],
        params: ZOrgParams,
        body: z.strictObject({ sizes: ZSizes }),
        response: { 200: ZSamplingSettings, ...ERRORS },
      },
    },
    async (request) =>
      settingsView(
        await updateSamplingSettings(
          request.deps,
          orgOf(request).scope,
          request.body.sizes as TSamplingOverrides,
        ),
      ),
  );
}
