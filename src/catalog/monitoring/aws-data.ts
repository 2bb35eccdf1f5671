import { fail, notApplicable, pass, type TTestDefinition } from '../../domain/monitoring/model.ts';
import { fullyBlocked } from './aws-account.ts';
import {
  awsKmsKey,
  awsRdsInstance,
  awsS3Bucket,
  type TAwsRdsInstance,
  type TPublicAccessBlock,
} from './aws-resources.ts';
import { defineTest } from './define.ts';

// Where data lives: S3 buckets, RDS instances and the KMS keys that encrypt them.

/** BCP-03's retention (AWS Foundational Security Best Practices RDS.11 asks only for 7). */
export const MIN_BACKUP_RETENTION_DAYS = 14;

/** S3 applies the account's and the bucket's blocks together: each switch is on if either turns it on. */
function effectiveBlock(a: TPublicAccessBlock | null, b: TPublicAccessBlock | null): TPublicAccessBlock {
  return {
    blockPublicAcls: Boolean(a?.blockPublicAcls || b?.blockPublicAcls),
    ignorePublicAcls: Boolean(a?.ignorePublicAcls || b?.ignorePublicAcls),
    blockPublicPolicy: Boolean(a?.blockPublicPolicy || b?.blockPublicPolicy),
    restrictPublicBuckets: Boolean(a?.restrictPublicBuckets || b?.restrictPublicBuckets),
  };
}

/** Storage, backups and deletion protection of a cluster member are the cluster's. */
function storageOwner(
  db: TAwsRdsInstance,
): { where: string } & Pick<
  TAwsRdsInstance,
  'storageEncrypted' | 'backupRetentionDays' | 'deletionProtection' | 'multiAz'
> {
  return db.cluster
    ? { where: `cluster ${db.cluster.identifier}`, ...db.cluster }
    : { where: 'instance', ...db };
}

const bucketTests: TTestDefinition[] = [
  defineTest(awsS3Bucket, {
    id: 'aws.s3_bucket_public_access_blocked',
    title: 'S3 buckets block public access',
    severity: 'high',
    rationale:
      'A bucket policy or object ACL that grants access to everyone publishes its data to the internet; the block switches make such grants ineffective.',
    remediation:
      'Turn on all four "Block public access" switches on the bucket (or for the whole account). If the bucket must serve public files, front it with CloudFront origin access control and document it.',
    controls: ['NET-12'],
    evaluate: ({ attributes: b }) => {
      const effective = effectiveBlock(b.publicAccessBlock, b.accountPublicAccessBlock);
      if (fullyBlocked(effective)) {
        return pass(
          fullyBlocked(b.publicAccessBlock)
            ? 'the bucket blocks public access'
            : 'the account blocks public access',
          { effective },
        );
      }
      const off = Object.entries(effective)
        .filter(([, on]) => !on)
        .map(([name]) => name);
      return fail(`public access is not fully blocked: ${off.join(', ')} off`, {
        bucket: b.publicAccessBlock,
        account: b.accountPublicAccessBlock,
      });
    },
  }),
  defineTest(awsS3Bucket, {
    id: 'aws.s3_bucket_default_encryption',
    title: 'S3 buckets have default encryption',
    severity: 'medium',
    rationale:
      'Default encryption makes every new object encrypted at rest without relying on each uploader to ask for it.',
    remediation:
      "Set the bucket's default encryption to SSE-KMS with a customer-managed key (or SSE-S3 at least) and enable bucket keys to keep KMS costs down.",
    controls: ['CRY-02'],
    evaluate: ({ attributes: b }) =>
      b.encryption
        ? pass(`objects are encrypted by default with ${b.encryption.algorithm}`, {
            encryption: b.encryption,
          })
        : fail('the bucket has no default encryption', { encryption: null }),
  }),
  defineTest(awsS3Bucket, {
    id: 'aws.s3_bucket_versioning',
    title: 'S3 buckets keep object versions',
    severity: 'low',
    rationale:
      'With versioning, an overwritten or deleted object can be restored, whether the cause is a bug, a mistake or ransomware.',
    remediation:
      'Enable versioning on the bucket, with a lifecycle rule that expires noncurrent versions after the retention period.',
    controls: ['BCP-10'],
    evaluate: ({ attributes: b }) =>
      b.versioning === 'enabled'
        ? pass('versioning is enabled', { versioning: b.versioning })
        : fail(`versioning is ${b.versioning.replace('_', ' ')}`, { versioning: b.versioning }),
  }),
];

const rdsTests: TTestDefinition[] = [
  defineTest(awsRdsInstance, {
    id: 'aws.rds_storage_encrypted',
    title: 'RDS storage is encrypted',
    severity: 'high',
    rationale:
      "Encryption at rest also covers the instance's snapshots, automated backups and read replicas, which are copied and shared more easily than the database itself.",
    remediation:
      'Encryption cannot be turned on in place: snapshot the instance, copy the snapshot with a KMS key, restore from the encrypted copy and switch the application over.',
    controls: ['CRY-01'],
    evaluate: ({ attributes: db }) => {
      const owner = storageOwner(db);
      return owner.storageEncrypted
        ? pass(`storage is encrypted (${owner.where})`, { storageEncrypted: true })
        : fail(`storage is not encrypted (${owner.where})`, { storageEncrypted: false });
    },
  }),
  defineTest(awsRdsInstance, {
    id: 'aws.rds_backup_retention',
    title: `RDS automated backups are kept at least ${MIN_BACKUP_RETENTION_DAYS} days`,
    severity: 'medium',
    rationale:
      'Automated backups give point-in-time recovery; with a short retention, corruption noticed a week late can no longer be undone.',
    remediation: `Modify the instance (or its cluster) and set the backup retention period to ${MIN_BACKUP_RETENTION_DAYS} days or more (14 to meet BCP-03 in full).`,
    controls: ['BCP-03'],
    evaluate: ({ attributes: db }) => {
      if (db.replicaOf && !db.cluster)
        return notApplicable(`a read replica of ${db.replicaOf}; its source keeps the backups`);
      const owner = storageOwner(db);
      const days = owner.backupRetentionDays;
      if (days >= MIN_BACKUP_RETENTION_DAYS)
        return pass(`backups are kept ${days} days (${owner.where})`, { days });
      return fail(
        days === 0
          ? `automated backups are off (${owner.where})`
          : `backups are kept only ${days} day(s) (${owner.where})`,
        {
          days,
        },
      );
    },
  }),
  defineTest(awsRdsInstance, {
    id: 'aws.rds_not_public',
    title: 'RDS instances are not publicly accessible',
    severity: 'high',
    rationale:
      'A publicly accessible instance gets an internet-resolvable address; one security group mistake then exposes the database login to the whole internet.',
    remediation:
      'Modify the instance and set "Publicly accessible" to No; reach it through the application subnets, a bastion with Session Manager, or a VPN.',
    controls: ['NET-04'],
    evaluate: ({ attributes: db }) =>
      db.publiclyAccessible
        ? fail('the instance is publicly accessible', { publiclyAccessible: true })
        : pass('the instance is not publicly accessible', { publiclyAccessible: false }),
  }),
  defineTest(awsRdsInstance, {
    id: 'aws.rds_deletion_protection',
    title: 'RDS deletion protection is on',
    severity: 'medium',
    rationale:
      'Deletion protection stops a mistaken console click, script or Terraform plan from deleting a production database.',
    remediation: 'Modify the instance (or its cluster) and turn on deletion protection.',
    controls: ['BCP-10'],
    evaluate: ({ attributes: db }) => {
      const owner = storageOwner(db);
      return owner.deletionProtection
        ? pass(`deletion protection is on (${owner.where})`, { deletionProtection: true })
        : fail(`deletion protection is off (${owner.where})`, { deletionProtection: false });
    },
  }),
  defineTest(awsRdsInstance, {
    id: 'aws.rds_multi_az',
    title: 'RDS runs in more than one availability zone',
    severity: 'low',
    rationale: 'A Multi-AZ deployment fails over on its own when a zone or the primary host fails.',
    remediation:
      'Modify the instance and enable Multi-AZ (for Aurora, add a replica in another availability zone). Non-production databases can accept the risk.',
    controls: ['BCP-07'],
    evaluate: ({ attributes: db }) => {
      if (db.replicaOf && !db.cluster) return notApplicable(`a read replica of ${db.replicaOf}`);
      const owner = storageOwner(db);
      return owner.multiAz
        ? pass(`Multi-AZ (${owner.where})`, { multiAz: true })
        : fail(`a single availability zone (${owner.where})`, { multiAz: false });
    },
  }),
  defineTest(awsRdsInstance, {
    id: 'aws.rds_auto_minor_version_upgrade',
    title: 'RDS applies minor engine upgrades automatically',
    severity: 'low',
    rationale:
      "Minor versions carry the engine's security fixes; applying them in the maintenance window keeps the database patched.",
    remediation: 'Modify the instance and turn on "Auto minor version upgrade".',
    controls: ['OPS-10'],
    evaluate: ({ attributes: db }) =>
      db.autoMinorVersionUpgrade
        ? pass('minor upgrades are applied automatically', { autoMinorVersionUpgrade: true })
        : fail('minor upgrades are not applied automatically', { autoMinorVersionUpgrade: false }),
  }),
];

const kmsTests: TTestDefinition[] = [
  defineTest(awsKmsKey, {
    id: 'aws.kms_rotation_enabled',
    title: 'Customer-managed KMS keys rotate automatically',
    severity: 'medium',
    rationale:
      'Automatic rotation replaces the key material at least yearly, which limits how much data any one version of the key protects.',
    remediation: 'Enable automatic key rotation on the key (yearly, or a shorter rotation period).',
    controls: ['CRY-04'],
    evaluate: ({ attributes: k }) => {
      if (k.manager !== 'CUSTOMER') return notApplicable('an AWS managed key, rotated by AWS');
      if (k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion')
        return notApplicable('the key is scheduled for deletion');
      if (k.rotationEnabled === null)
        return notApplicable(`automatic rotation does not apply to ${k.spec} keys of origin ${k.origin}`);
      return k.rotationEnabled
        ? pass(`rotation is on, every ${k.rotationPeriodDays ?? 365} days`, {
            rotationPeriodDays: k.rotationPeriodDays,
          })
        : fail('automatic rotation is off', { rotationEnabled: false });
    },
  }),
  defineTest(awsKmsKey, {
    id: 'aws.kms_key_not_pending_deletion',
    title: 'Customer-managed KMS keys are not scheduled for deletion',
    severity: 'low',
    rationale:
      'Deleting a key makes everything encrypted with it unreadable for good; the waiting period exists so someone can confirm the deletion is intended.',
    remediation:
      'Confirm nothing still uses the key (CloudTrail Decrypt events); if anything might, cancel the deletion and disable the key instead.',
    controls: ['CRY-03'],
    evaluate: ({ attributes: k }) => {
      if (k.manager !== 'CUSTOMER') return notApplicable('an AWS managed key');
      return k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion'
        ? fail(`the key is scheduled for deletion on ${k.deletionDate ?? 'an unknown date'}`, {
            deletionDate: k.deletionDate,
          })
        : pass(`the key is ${k.state}`, { state: k.state });
    },
  }),
];

export const awsDataTests: TTestDefinition[] = [...bucketTests, ...rdsTests, ...kmsTests];
