import type { Octokit } from '@octokit/rest';
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

export interface TGithubApi {
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
