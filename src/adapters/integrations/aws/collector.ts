import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { Collector, TCollectorContext } from '../../../app/monitoring/collector.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { openSession, type TAwsClientOptions } from './clients.ts';
import { accountPublicAccessBlock, collectAccount } from './collect-account.ts';
import { collectBuckets, collectDatabases, collectKeys } from './collect-data.ts';
import { collectDistributions, collectLoadBalancers } from './collect-edge.ts';
import { collectSecurityGroups, collectVpcs } from './collect-network.ts';
import { fetchCredentialReport, iamUsers, type TReportPolling } from './credential-report.ts';

// Amazon Web Services through the official SDK v3 clients. Read-only: the AWS managed policy SecurityAudit
// is meant to grant every action used here (the WAF look-up also needs wafv2:GetWebACLForResource and
// wafv2:GetWebACL; add them where a policy lacks them). Collection is all or nothing: a denied call fails
// the integration with the IAM action to grant, rather than leaving a resource type silently empty.

export const ZAwsConfig = z
  .object({
    /** Regions to collect; the first is also where global services (IAM, STS, S3 Control) are called. */
    regions: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'not an AWS region name such as eu-west-1'))
      .min(1)
      .transform((regions) => [...new Set(regions)]),
    /** A role to assume with the base credentials, typically a read-only audit role in the account. */
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'not an IAM role ARN')
      .optional(),
    externalId: z.string().min(2).max(1224).optional(),
    name: z.string().optional(),
  })
  .strict()
  .refine((c) => c.externalId === undefined || c.roleArn !== undefined, {
    message: 'externalId needs roleArn',
    path: ['externalId'],
  });
export type TAwsConfig = z.infer<typeof ZAwsConfig>;

export interface TAwsCollectorOptions extends TAwsClientOptions {
  /** How the credential report is awaited; tests shorten the wait. */
  reportPolling?: Partial<TReportPolling>;
}

const DEFAULT_POLLING: TReportPolling = {
  attempts: 15,
  intervalMs: 2_000,
  sleep: async (ms, signal) => {
    await delay(ms, undefined, signal ? { signal } : {});
  },
};

async function collect(config: TAwsConfig, context: TCollectorContext, options: TAwsCollectorOptions) {
  const polling = { ...DEFAULT_POLLING, ...options.reportPolling };
  context.progress('signing in to AWS');
  const session = await openSession(config, options, context.signal);
  try {
    context.progress(`account ${session.accountId}: IAM credential report`);
    const report = await fetchCredentialReport(session, polling);
    context.progress(`account ${session.accountId}: account settings`);
    const accountBlock = await accountPublicAccessBlock(session);
    const account = await collectAccount(session, report, accountBlock);
    context.progress(`account ${session.accountId}: S3 buckets`);
    const resources: TResource[] = [
      account,
      ...iamUsers(report),
      ...(await collectBuckets(session, accountBlock)),
    ];
    context.progress(`account ${session.accountId}: CloudFront distributions`);
    resources.push(...(await collectDistributions(session)));
    for (const region of session.regions) {
      context.signal?.throwIfAborted();
      context.progress(`account ${session.accountId}: ${region}`);
      const found = await Promise.all([
        collectSecurityGroups(session, region),
        collectVpcs(session, region),
        collectDatabases(session, region),
        collectKeys(session, region),
        collectLoadBalancers(session, region),
      ]);
      resources.push(...found.flat());
    }
    return resources;
  } finally {
    session.close();
  }
}

/** The collector with its SDK plumbing replaceable, so tests can replay recorded responses. */
export function createAwsCollector(options: TAwsCollectorOptions = {}): Collector<typeof ZAwsConfig> {
  return {
    type: 'aws',
    title: 'Amazon Web Services',
    configSchema: ZAwsConfig,
    collect: (config, context) => collect(config, context, options),
  };
}

export const awsCollector: Collector<typeof ZAwsConfig> = createAwsCollector();
