import { DescribeKeyCommand, GetKeyRotationStatusCommand, paginateListKeys } from '@aws-sdk/client-kms';
import { paginateDescribeDBClusters, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import type {
  TAwsKmsKey,
  TAwsRdsInstance,
  TAwsS3Bucket,
  TPublicAccessBlock,
} from '../../../catalog/monitoring/aws.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { mapLimit, type TAwsSession } from './clients.ts';
import { toPublicAccessBlock } from './collect-account.ts';
import { parseResponse, send, sendOrAbsent } from './errors.ts';
import {
  ZBucketEncryption,
  ZBucketLocation,
  ZBucketPage,
  ZBucketVersioning,
  ZDbClusterPage,
  ZDbInstancePage,
  ZDescribeKey,
  ZKeyPage,
  ZKeyRotationStatus,
} from './schemas.ts';

// Data stores: S3 buckets (account-wide, each read in its own region), RDS instances and KMS keys.

/** Buckets or keys read at once; each takes a few calls, and S3 and KMS throttle per account. */
const CONCURRENCY = 8;

/** GetBucketLocation's legacy answers: no constraint is us-east-1, `EU` is eu-west-1. */
function locationRegion(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

async function bucketRegion(session: TAwsSession, name: string, listed: string | undefined): Promise<string> {
  if (listed) return listed;
  const call = { action: 's3:GetBucketLocation' };
  const out = await send(call, () =>
    session
      .s3(session.home)
      .send(new GetBucketLocationCommand({ Bucket: name }), { abortSignal: session.signal }),
  );
  return locationRegion(parseResponse(ZBucketLocation, out, call).LocationConstraint);
}

export async function collectBuckets(
  session: TAwsSession,
  accountBlock: TPublicAccessBlock | null,
): Promise<TResource<TAwsS3Bucket>[]> {
  const list = { action: 's3:ListAllMyBuckets' };
  const buckets = await send(list, async () => {
    const found: Array<{ Name: string; CreationDate?: Date; BucketRegion?: string }> = [];
    for await (const page of paginateListBuckets({ client: session.s3(session.home) }, {}))
      found.push(...parseResponse(ZBucketPage, page, list).Buckets);
    return found;
  });
  return mapLimit(buckets, CONCURRENCY, async (bucket) => {
    const region = await bucketRegion(session, bucket.Name, bucket.BucketRegion);
    const s3 = session.s3(region);
    const input = { Bucket: bucket.Name };
    const options = { abortSignal: session.signal };
    const blockCall = { action: 's3:GetBucketPublicAccessBlock', region };
    const encryptionCall = { action: 's3:GetEncryptionConfiguration', region };
    const versioningCall = { action: 's3:GetBucketVersioning', region };
    const [block, encryption, versioning] = await Promise.all([
      sendOrAbsent(blockCall, ['NoSuchPublicAccessBlockConfiguration'], () =>
        s3.send(new GetPublicAccessBlockCommand(input), options),
      ),
      sendOrAbsent(encryptionCall, ['ServerSideEncryptionConfigurationNotFoundError'], () =>
        s3.send(new GetBucketEncryptionCommand(input), options),
      ),
      send(versioningCall, () => s3.send(new GetBucketVersioningCommand(input), options)),
    ]);
    const rule = encryption
      ? parseResponse(
          ZBucketEncryption,
          encryption,
          encryptionCall,
        ).ServerSideEncryptionConfiguration.Rules.find((r) => r.ApplyServerSideEncryptionByDefault)
          ?.ApplyServerSideEncryptionByDefault
      : undefined;
    const status = parseResponse(ZBucketVersioning, versioning, versioningCall).Status;
    return {
      type: 'aws.s3.bucket',
      id: `arn:${session.partition}:s3:::${bucket.Name}`,
      name: bucket.Name,
      attributes: {
        name: bucket.Name,
        region,
        createdAt: bucket.CreationDate?.toISOString() ?? null,
        publicAccessBlock: block === null ? null : toPublicAccessBlock(block, blockCall),
        accountPublicAccessBlock: accountBlock,
        encryption: rule ? { algorithm: rule.SSEAlgorithm, kmsKeyId: rule.KMSMasterKeyID ?? null } : null,
        versioning: status === 'Enabled' ? 'enabled' : status === 'Suspended' ? 'suspended' : 'never_enabled',
      },
    };
  });
}

export async function collectDatabases(
  session: TAwsSession,
  region: string,
): Promise<TResource<TAwsRdsInstance>[]> {
  const client = session.rds(region);
  const instancesCall = { action: 'rds:DescribeDBInstances', region };
  const clustersCall = { action: 'rds:DescribeDBClusters', region };
  const [instances, clusters] = await Promise.all([
    send(instancesCall, async () => {
      const found = [];
      for await (const page of paginateDescribeDBInstances({ client }, {}))
        found.push(...parseResponse(ZDbInstancePage, page, instancesCall).DBInstances);
      return found;
    }),
    send(clustersCall, async () => {
      const found = [];
      for await (const page of paginateDescribeDBClusters({ client }, {}))
        found.push(...parseResponse(ZDbClusterPage, page, clustersCall).DBClusters);
      return found;
    }),
  ]);
  const byId = new Map(clusters.map((c) => [c.DBClusterIdentifier, c]));
  return instances.map((db) => {
    const cluster = db.DBClusterIdentifier ? byId.get(db.DBClusterIdentifier) : undefined;
    return {
      type: 'aws.rds.instance',
      id: db.DBInstanceArn,
      name: db.DBInstanceIdentifier,
      attributes: {
        identifier: db.DBInstanceIdentifier,
        region,
        engine: db.Engine,
        status: db.DBInstanceStatus,
        storageEncrypted: db.StorageEncrypted,
        backupRetentionDays: db.BackupRetentionPeriod,
        deletionProtection: db.DeletionProtection ?? false,
        multiAz: db.MultiAZ ?? false,
        publiclyAccessible: db.PubliclyAccessible,
        autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
        replicaOf:
          db.ReadReplicaSourceDBInstanceIdentifier ?? db.ReadReplicaSourceDBClusterIdentifier ?? null,
        cluster: cluster
          ? {
              identifier: cluster.DBClusterIdentifier,
              storageEncrypted: cluster.StorageEncrypted,
              backupRetentionDays: cluster.BackupRetentionPeriod,
              deletionProtection: cluster.DeletionProtection ?? false,
              multiAz: cluster.MultiAZ ?? false,
            }
          : null,
      },
    };
  });
}

/** Rotation only exists for symmetric encryption keys whose material KMS generated. */
function rotates(meta: { KeyManager: string; KeyState: string; KeySpec?: string; Origin?: string }): boolean {
  return (
    meta.KeyManager === 'CUSTOMER' &&
    meta.KeySpec === 'SYMMETRIC_DEFAULT' &&
    meta.Origin === 'AWS_KMS' &&
    (meta.KeyState === 'Enabled' || meta.KeyState === 'Disabled')
  );
}

export async function collectKeys(session: TAwsSession, region: string): Promise<TResource<TAwsKmsKey>[]> {
  const client = session.kms(region);
  const list = { action: 'kms:ListKeys', region };
  const ids = await send(list, async () => {
    const found: string[] = [];
    for await (const page of paginateListKeys({ client }, {}))
      found.push(...parseResponse(ZKeyPage, page, list).Keys.map((k) => k.KeyId));
    return found;
  });
  const describe = { action: 'kms:DescribeKey', region };
  const rotation = { action: 'kms:GetKeyRotationStatus', region };
  const options = { abortSignal: session.signal };
  return mapLimit(ids, CONCURRENCY, async (id) => {
    const meta = parseResponse(
      ZDescribeKey,
      await send(describe, () => client.send(new DescribeKeyCommand({ KeyId: id }), options)),
      describe,
    ).KeyMetadata;
    const status = rotates(meta)
      ? parseResponse(
          ZKeyRotationStatus,
          await send(rotation, () => client.send(new GetKeyRotationStatusCommand({ KeyId: id }), options)),
          rotation,
        )
      : null;
    return {
      type: 'aws.kms.key',
      id: meta.Arn,
      name: meta.Description ? `${meta.KeyId} (${meta.Description})` : meta.KeyId,
      attributes: {
        keyId: meta.KeyId,
        region,
        description: meta.Description ?? '',
        manager: meta.KeyManager,
        state: meta.KeyState,
        spec: meta.KeySpec ?? 'SYMMETRIC_DEFAULT',
        usage: meta.KeyUsage ?? 'ENCRYPT_DECRYPT',
        origin: meta.Origin ?? 'AWS_KMS',
        deletionDate: meta.DeletionDate?.toISOString() ?? null,
        rotationEnabled: status ? status.KeyRotationEnabled : null,
        rotationPeriodDays: status?.KeyRotationEnabled ? (status.RotationPeriodInDays ?? 365) : null,
      },
    };
  });
}
