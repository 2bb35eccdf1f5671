import type { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';
import { collectionFailed, permissionOf, rejectionOf } from './client.ts';

// Three ways to call GitHub. `get` and `list` fail the whole collection when GitHub refuses, because a
// missing organization, member list or alert list would otherwise look like an empty, green one. `probe`
// is for per-repository reads whose refusal is itself an answer (404: "this branch is not protected") or
// leaves one attribute unknown (403: this token may not read it), never a silent pass.

export interface TUnavailable {
  message: string;
  permission: string | null;
}

export type TProbe = { ok: true; data: unknown } | { ok: false; status: number; failure: TUnavailable };

type TParams = Record<string, string | number | boolean>;

/** Statuses a probe reports instead of throwing; 401 (bad token), 5xx and network errors still throw. */
const ANSWERS = new Set([403, 404, 422]);
const PAGE_SIZE = 100;

/** "GET /repos/{owner}/{repo}" with its parameters filled in, for messages. */
function describe(route: string, params: TParams): string {
  return route.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

/** Errors GitHub's GraphQL API reports in a 200 response (Octokit's GraphqlResponseError), read through zod. */
const ZGraphqlErrors = z.object({
  name: z.literal('GraphqlResponseError'),
  errors: z.array(z.object({ type: z.string().optional(), message: z.string() })).min(1),
  headers: z.record(z.string(), z.unknown()).optional(),
});

/** COLLECTION_FAILED for a GraphQL query GitHub answered with errors (or refused like a REST request). */
function graphqlFailed(error: unknown, what: string, permission: string): AttestlyError {
  const parsed = ZGraphqlErrors.safeParse(error);
  if (!parsed.success) return collectionFailed(error, what, permission);
  const { errors, headers = {} } = parsed.data;
  const types = errors.flatMap((e) => (e.type ? [e.type] : []));
  const refused = types.some((t) => t === 'FORBIDDEN' || t === 'NOT_FOUND');
  const accepted = headers['x-accepted-github-permissions'];
  return new AttestlyError(
    'COLLECTION_FAILED',
    `GitHub refused ${what}: ${errors.map((e) => e.message).join('; ')}`,
    {
      request: what,
      ...(types.length > 0 ? { errorTypes: types } : {}),
      ...(refused ? { permission: typeof accepted === 'string' && accepted ? accepted : permission } : {}),
    },
  );
}

export interface TGithubApi {
  /** A GraphQL query; GitHub's errors fail the collection like a refused REST request. */
  graphql(query: string, variables: TParams, what: string, permission: string): Promise<unknown>;
  get(route: string, params: TParams, permission: string): Promise<unknown>;
  /** Every page, following GitHub's Link headers. */
  list(route: string, params: TParams, permission: string): Promise<unknown[]>;
  probe(
    route: string,
    params: TParams,
    permission: string,
    options?: { paginate?: boolean },
  ): Promise<TProbe>;
}

export function githubApi(octokit: Octokit): TGithubApi {
  const fetchAll = (route: string, params: TParams): Promise<unknown[]> =>
    octokit.paginate(route, { ...params, per_page: PAGE_SIZE }) as Promise<unknown[]>;
  return {
    async graphql(query, variables, what, permission) {
      try {
        return await octokit.graphql(query, variables);
      } catch (error) {
        throw graphqlFailed(error, what, permission);
      }
    },
    async get(route, params, permission) {
      try {
        return (await octokit.request(route, params)).data;
      } catch (error) {
        throw collectionFailed(error, describe(route, params), permission);
      }
    },
    async list(route, params, permission) {
      try {
        return await fetchAll(route, params);
      } catch (error) {
        throw collectionFailed(error, describe(route, params), permission);
      }
    },
    async probe(route, params, permission, options = {}) {
      try {
        const data = options.paginate
          ? await fetchAll(route, params)
          : (await octokit.request(route, params)).data;
        return { ok: true, data };
      } catch (error) {
        const rejection = rejectionOf(error);
        if (!rejection || !ANSWERS.has(rejection.status))
          throw collectionFailed(error, describe(route, params), permission);
        return {
          ok: false,
          status: rejection.status,
          failure: { message: rejection.message, permission: permissionOf(rejection, permission) },
        };
      }
    },
  };
}
