import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpResponse } from '@smithy/core/protocols';
import { z } from 'zod';
import type { TAwsRequestHandler } from '../../src/adapters/integrations/aws/clients.ts';

// Replays recorded, sanitized AWS responses through the SDK's own HTTP layer: the clients sign and
// serialize a real request, and parse a real response body, so only the network is missing. A request is
// identified by service (from the host), region, operation (the query `Action`, the `X-Amz-Target` header,
// or the REST route) and its parameters; one that no recording matches fails loudly.

export const AWS_FIXTURES = fileURLToPath(new URL('../fixtures/aws/', import.meta.url));

const ZRecording = z.object({
  service: z.string(),
  action: z.string(),
  /** Omitted: any region. */
  region: z.string().optional(),
  /** Request parameters that must be equal; null: the parameter must be absent. */
  match: z.record(z.string(), z.string().nullable()).optional(),
  /** Answers once, then steps aside for the next matching recording (a report being generated). */
  once: z.boolean().optional(),
  status: z.number().int().default(200),
  headers: z.record(z.string(), z.string()).optional(),
  /** The body, in test/fixtures/aws; `{{base64:FILE}}` inside it is replaced by that file, base64-encoded. */
  file: z.string(),
});
export type TRecording = z.input<typeof ZRecording>;

export interface TReplayedRequest {
  service: string;
  region: string;
  action: string;
  params: Record<string, string>;
  /** The access key id the request was signed with. */
  accessKeyId: string | undefined;
}

interface TRequest {
  method: string;
  hostname: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

const QUERY_SERVICES = new Set(['iam', 'sts', 'ec2', 'rds', 'elasticloadbalancing']);

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error(`aws-replay: cannot read a request body of type ${typeof body}`);
}

function header(request: TRequest, name: string): string | undefined {
  const found = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/** Host → service and region: iam.amazonaws.com, cloudfront.amazonaws.com, ec2.eu-west-1.amazonaws.com, bucket.s3.us-east-1…, ACCOUNT.s3-control.… */
function locate(hostname: string): { service: string; region: string; bucket?: string } {
  if (hostname === 'iam.amazonaws.com') return { service: 'iam', region: 'us-east-1' };
  if (hostname === 'cloudfront.amazonaws.com') return { service: 'cloudfront', region: 'us-east-1' };
  const s3 = /^(?:(.+)\.)?s3\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname);
  if (s3?.[2]) return { service: 's3', region: s3[2], ...(s3[1] ? { bucket: s3[1] } : {}) };
  const control = /^\d{12}\.s3-control\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname);
  if (control?.[1]) return { service: 's3-control', region: control[1] };
  const regional = /^([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname);
  if (regional?.[1] && regional[2]) return { service: regional[1], region: regional[2] };
  throw new Error(`aws-replay: unknown AWS host ${hostname}`);
}

const S3_SUBRESOURCES: Record<string, string> = {
  publicAccessBlock: 'GetPublicAccessBlock',
  encryption: 'GetBucketEncryption',
  versioning: 'GetBucketVersioning',
  location: 'GetBucketLocation',
};

function identify(request: TRequest): Omit<TReplayedRequest, 'accessKeyId'> {
  const { service, region, bucket } = locate(request.hostname);
  const query = Object.fromEntries(
    Object.entries(request.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
  );
  if (QUERY_SERVICES.has(service)) {
    const {
      Action,
      Version: _version,
      ...params
    } = Object.fromEntries(new URLSearchParams(bodyText(request.body)));
    if (!Action) throw new Error(`aws-replay: ${service} request without Action`);
    return { service, region, action: Action, params };
  }
  const target = header(request, 'x-amz-target');
  if (target) {
    const json = JSON.parse(bodyText(request.body) || '{}') as Record<string, unknown>;
    const params = Object.fromEntries(
      Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    return { service, region, action: target.split('.').pop() ?? target, params };
  }
  if (service === 'guardduty') {
    const detector = /^\/detector\/([^/]+)$/.exec(request.path);
    if (request.path === '/detector') return { service, region, action: 'ListDetectors', params: query };
    if (detector?.[1]) return { service, region, action: 'GetDetector', params: { detectorId: detector[1] } };
  }
  if (service === 'cloudfront' && request.path === '/2020-05-31/distribution')
    return { service, region, action: 'ListDistributions', params: query };
  if (service === 's3-control' && request.path === '/v20180820/configuration/publicAccessBlock')
    return { service, region, action: 'GetPublicAccessBlock', params: {} };
  if (service === 's3') {
    const { 'x-id': xId, ...params } = query;
    if (xId)
      return { service, region, action: xId, params: { ...params, ...(bucket ? { Bucket: bucket } : {}) } };
    const sub = Object.keys(S3_SUBRESOURCES).find((key) => key in query);
    if (sub && bucket)
      return { service, region, action: S3_SUBRESOURCES[sub] ?? sub, params: { Bucket: bucket } };
  }
  throw new Error(`aws-replay: no operation for ${request.method} ${request.hostname}${request.path}`);
}

function matches(recording: z.infer<typeof ZRecording>, seen: TReplayedRequest): boolean {
  if (recording.service !== seen.service || recording.action !== seen.action) return false;
  if (recording.region && recording.region !== seen.region) return false;
  return Object.entries(recording.match ?? {}).every(([key, value]) =>
    value === null ? !(key in seen.params) : seen.params[key] === value,
  );
}

function contentType(file: string, service: string): string {
  if (extname(file) === '.xml') return 'text/xml';
  return service === 'guardduty' ? 'application/json' : 'application/x-amz-json-1.1';
}

export function loadRecordings(file = 'recordings.json'): TRecording[] {
  return z.array(ZRecording).parse(JSON.parse(readFileSync(join(AWS_FIXTURES, file), 'utf8')));
}

/**
 * A request handler for the SDK clients that answers from recordings. `overrides` take precedence over
 * the base recordings (a denied call, a report that never completes). The most specific match wins.
 */
export function awsReplay(options: { recordings?: TRecording[]; overrides?: TRecording[] } = {}) {
  const base = (options.recordings ?? loadRecordings()).map((r) => ZRecording.parse(r));
  const overrides = (options.overrides ?? []).map((r) => ZRecording.parse(r));
  const used = new Set<z.infer<typeof ZRecording>>();
  const requests: TReplayedRequest[] = [];
  const unmatched: string[] = [];

  function pick(seen: TReplayedRequest) {
    for (const pool of [overrides, base]) {
      const candidates = pool.filter((r) => !(r.once && used.has(r)) && matches(r, seen));
      candidates.sort((a, b) => Object.keys(b.match ?? {}).length - Object.keys(a.match ?? {}).length);
      if (candidates[0]) return candidates[0];
    }
    return undefined;
  }

  const requestHandler = {
    async handle(request: TRequest) {
      const identified = identify(request);
      const credential = /Credential=([^/]+)\//.exec(header(request, 'authorization') ?? '');
      const seen = { ...identified, accessKeyId: credential?.[1] };
      requests.push(seen);
      const recording = pick(seen);
      if (!recording) {
        const line = `${seen.service} ${seen.region} ${seen.action} ${JSON.stringify(seen.params)}`;
        unmatched.push(line);
        throw new Error(`aws-replay: no recording for ${line}`);
      }
      used.add(recording);
      const text = readFileSync(join(AWS_FIXTURES, recording.file), 'utf8').replace(
        /\{\{base64:([^}]+)\}\}/g,
        (_, name: string) => readFileSync(join(AWS_FIXTURES, name)).toString('base64'),
      );
      return {
        response: new HttpResponse({
          statusCode: recording.status,
          headers: {
            'content-type': contentType(recording.file, seen.service),
            'x-amzn-requestid': `replay-${requests.length}`,
            ...recording.headers,
          },
          body: new TextEncoder().encode(text),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
  return { requestHandler: requestHandler as unknown as TAwsRequestHandler, requests, unmatched };
}
