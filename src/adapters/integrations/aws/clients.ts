import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type STSClientConfig,
} from '@aws-sdk/client-sts';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { parseResponse, send } from './errors.ts';
import { ZAssumeRole, ZCallerIdentity } from './schemas.ts';

// One authenticated view of an account: whose credentials, which account, and one SDK client per service
// and region, made on first use. Credentials come from the SDK's default chain (environment, shared
// config, SSO, instance or task role) unless a test passes its own.

export type TAwsCredentials = NonNullable<STSClientConfig['credentials']>;
export type TAwsRequestHandler = NonNullable<STSClientConfig['requestHandler']>;

export interface TAwsClientOptions {
  /** Fixed credentials instead of the default chain (tests). */
  credentials?: TAwsCredentials;
  /** The HTTP layer the SDK sends through (tests replay recordings through it). */
  requestHandler?: TAwsRequestHandler;
}

export interface TAwsSession {
  accountId: string;
  /** `aws`, `aws-us-gov` or `aws-cn`, from the caller's ARN, for the ARNs we build. */
  partition: string;
  regions: string[];
  /** The region global services (IAM, S3 Control, STS, CloudFront) are called in: the first configured one. */
  home: string;
  signal: AbortSignal | undefined;
  iam(): IAMClient;
  s3Control(): S3ControlClient;
  cloudFront(): CloudFrontClient;
  ec2(region: string): EC2Client;
  elbv2(region: string): ElasticLoadBalancingV2Client;
  wafv2(region: string): WAFV2Client;
  rds(region: string): RDSClient;
  kms(region: string): KMSClient;
  guardDuty(region: string): GuardDutyClient;
  cloudTrail(region: string): CloudTrailClient;
  s3(region: string): S3Client;
  /** Closes every client's connections. */
  close(): void;
}

interface TClientConfig {
  region: string;
  credentials?: TAwsCredentials;
  requestHandler?: TAwsRequestHandler;
}

interface TClosable {
  destroy(): void;
}

function perRegion<C extends TClosable>(
  all: TClosable[],
  make: (region: string) => C,
): (region: string) => C {
  const made = new Map<string, C>();
  return (region) => {
    let client = made.get(region);
    if (!client) {
      client = make(region);
      made.set(region, client);
      all.push(client);
    }
    return client;
  };
}

async function withClient<C extends TClosable, T>(client: C, use: (client: C) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

/** Exchanges the base credentials for the role's, so every later call acts as the audit role. */
async function assumeRole(
  base: TClientConfig,
  roleArn: string,
  externalId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<TAwsCredentials> {
  const call = { action: 'sts:AssumeRole', region: base.region };
  const out = await send(call, () =>
    withClient(new STSClient(base), (sts) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: 'attestly-monitoring',
          ...(externalId ? { ExternalId: externalId } : {}),
          DurationSeconds: 3600,
        }),
        { abortSignal: signal },
      ),
    ),
  );
  const { Credentials: c } = parseResponse(ZAssumeRole, out, call);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

export async function openSession(
  config: { regions: string[]; roleArn?: string; externalId?: string },
  options: TAwsClientOptions,
  signal: AbortSignal | undefined,
): Promise<TAwsSession> {
  const home = config.regions[0] ?? 'us-east-1';
  const base: TClientConfig = {
    region: home,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
  };
  const credentials = config.roleArn
    ? await assumeRole(base, config.roleArn, config.externalId, signal)
    : options.credentials;
  const at = (region: string): TClientConfig => ({
    ...base,
    region,
    ...(credentials ? { credentials } : {}),
  });
  const identityCall = { action: 'sts:GetCallerIdentity', region: home };
  const identity = parseResponse(
    ZCallerIdentity,
    await send(identityCall, () =>
      withClient(new STSClient(at(home)), (sts) =>
        sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
      ),
    ),
    identityCall,
  );
  const all: TClosable[] = [];
  const iam = new IAMClient(at(home));
  const s3Control = new S3ControlClient(at(home));
  const cloudFront = new CloudFrontClient(at(home));
  all.push(iam, s3Control, cloudFront);
  return {
    accountId: identity.Account,
    partition: identity.Arn.split(':')[1] ?? 'aws',
    regions: config.regions,
    home,
    signal,
    iam: () => iam,
    s3Control: () => s3Control,
    cloudFront: () => cloudFront,
    ec2: perRegion(all, (r) => new EC2Client(at(r))),
    elbv2: perRegion(all, (r) => new ElasticLoadBalancingV2Client(at(r))),
    wafv2: perRegion(all, (r) => new WAFV2Client(at(r))),
    rds: perRegion(all, (r) => new RDSClient(at(r))),
    kms: perRegion(all, (r) => new KMSClient(at(r))),
    guardDuty: perRegion(all, (r) => new GuardDutyClient(at(r))),
    cloudTrail: perRegion(all, (r) => new CloudTrailClient(at(r))),
    s3: perRegion(all, (r) => new S3Client(at(r))),
    close: () => {
      for (const client of all) client.destroy();
    },
  };
}

/** Promise.all with at most `limit` calls in flight, so a large account is not throttled into failing. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
