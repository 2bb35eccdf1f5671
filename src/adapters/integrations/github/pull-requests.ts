import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TGithubApi } from './api.ts';
import {
  parseResponse,
  type TMergedPullRequestPage,
  type TRepositoryItem,
  ZMergedPullRequestPage,
} from './schemas.ts';

// The pull requests merged into one repository within the lookback, each with who approved it before it
// was merged. One GraphQL query per repository (and page) returns the pull requests with their approving
// reviews: the REST API would need one more request per pull request, which hourly runs of an active
// organization would spend against its rate limit. The monitoring test judges each one; every run also
// adds them to the organization's population of changes, so they stay after the lookback moves on.

export const MERGED_PULL_REQUESTS = `
query MergedPullRequests($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: MERGED, first: 50, after: $cursor, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        title
        url
        mergedAt
        updatedAt
        baseRefName
        author { login }
        mergedBy { login }
        reviews(states: APPROVED, first: 50) { nodes { author { login } submittedAt } }
      }
    }
  }
}`;

/** How far back a run looks for merged pull requests unless the integration says otherwise. */
export const DEFAULT_CHANGES_LOOKBACK_DAYS = 14;
/** A repository with more merged pull requests than this in the lookback is read only this far. */
const MAX_PAGES = 20;
const PERMISSION = 'repo (pull requests: read)';

type TPullRequestNode = NonNullable<TMergedPullRequestPage['repository']>['pullRequests']['nodes'][number];

/** Distinct reviewers other than the author who approved before the merge (a later approval proves nothing). */
export function approversBeforeMerge(pr: TPullRequestNode): string[] {
  const author = pr.author?.login ?? null;
  const approvers = new Set<string>();
  for (const review of pr.reviews.nodes) {
    const login = review.author?.login;
    if (!login || login === author) continue;
    if (review.submittedAt === null || Date.parse(review.submittedAt) > Date.parse(pr.mergedAt)) continue;
    approvers.add(login);
  }
  return [...approvers].sort();
}

export async function collectMergedPullRequests(
  api: TGithubApi,
  item: TRepositoryItem,
  since: Date,
): Promise<TResource[]> {
  const [owner = '', name = ''] = item.full_name.split('/');
  const resources: TResource[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const what = `the merged pull requests of ${item.full_name} (GraphQL)`;
    const data: TMergedPullRequestPage = parseResponse(
      ZMergedPullRequestPage,
      await api.graphql(
        MERGED_PULL_REQUESTS,
        { owner, name, ...(cursor ? { cursor } : {}) },
        what,
        PERMISSION,
      ),
      what,
    );
    const connection = data.repository?.pullRequests;
    if (!connection) break;
    for (const pr of connection.nodes) {
      if (Date.parse(pr.mergedAt) < since.getTime()) continue;
      const approvers = approversBeforeMerge(pr);
      resources.push({
        type: 'github.pull_request',
        id: `repo:${item.id}/pull/${pr.number}`,
        name: `${item.full_name}#${pr.number}`,
        attributes: {
          repository: item.full_name,
          number: pr.number,
          title: pr.title,
          url: pr.url,
          author: pr.author?.login ?? null,
          mergedBy: pr.mergedBy?.login ?? null,
          mergedAt: pr.mergedAt,
          baseBranch: pr.baseRefName,
          defaultBranch: item.default_branch,
          approvals: approvers.length,
          approvers,
        },
      });
    }
    // Ordered by last update, and a pull request is updated when merged: past the lookback, stop.
    const last = connection.nodes.at(-1);
    if (!connection.pageInfo.hasNextPage || !last || Date.parse(last.updatedAt) < since.getTime()) break;
    cursor = connection.pageInfo.endCursor;
  }
  return resources;
}
