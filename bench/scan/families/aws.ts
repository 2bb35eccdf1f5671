import {
  awsAccount,
  awsIamUser,
  awsKmsKey,
  awsRdsInstance,
  awsS3Bucket,
  awsSecurityGroup,
  awsVpc,
} from '../../../src/catalog/monitoring/aws.ts';
import { exposedPorts } from '../../../src/catalog/monitoring/aws-network.ts';
import { generator, hex, iso, nullable, type TRng } from './kit.ts';

// AWS: the account's settings, IAM users, S3 buckets, RDS instances, security groups, VPCs and KMS keys.

const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
const ACCOUNT = '123456789012';

const block = (on: boolean) => ({
  blockPublicAcls: on,
  ignorePublicAcls: on,
  blockPublicPolicy: on,
  restrictPublicBuckets: on,
});

const rule = (protocol: string, port: number | null, cidr: string) => ({
  protocol,
  fromPort: port,
  toPort: port,
  ipv4Ranges: cidr.includes(':') ? [] : [cidr],
  ipv6Ranges: cidr.includes(':') ? [cidr] : [],
  prefixLists: [] as string[],
  sourceGroups: [] as string[],
});

const rdsSettings = (rng: TRng) => ({
  storageEncrypted: rng.chance(0.85),
  backupRetentionDays: rng.pick([0, 1, 7, 14, 35]),
  deletionProtection: rng.chance(0.6),
  multiAz: rng.chance(0.5),
});

export const awsGenerators = [
  generator(
    awsAccount,
    0.02,
    (rng, i) => {
      const accountId = String(100_000_000_000 + i);
      return {
        id: accountId,
        name: `account ${accountId}`,
        attributes: {
          accountId,
          regions: REGIONS,
          credentialReportGeneratedAt: nullable(rng, 0.05, iso(0)),
          root: {
            mfaActive: rng.chance(0.8),
            virtualMfa: rng.chance(0.5),
            activeAccessKeys: rng.chance(0.1) ? 1 : 0,
            passwordLastUsed: nullable(rng, 0.5, iso(rng.int(400))),
          },
          passwordPolicy: nullable(rng, 0.2, {
            minimumLength: rng.pick([8, 14, 16]),
            reusePrevention: rng.pick([null, 5, 24]),
            maxAgeDays: rng.pick([null, 90]),
            requireSymbols: rng.chance(0.7),
            requireNumbers: rng.chance(0.7),
            requireUppercase: rng.chance(0.7),
            requireLowercase: rng.chance(0.7),
          }),
          trails: [
            {
              name: 'organization-trail',
              arn: `arn:aws:cloudtrail:us-east-1:${accountId}:trail/organization-trail`,
              homeRegion: 'us-east-1',
              multiRegion: rng.chance(0.8),
              organizationTrail: rng.chance(0.5),
              logging: rng.chance(0.9),
              logFileValidation: rng.chance(0.7),
              kmsKeyId: nullable(rng, 0.4, `arn:aws:kms:us-east-1:${accountId}:key/${hex(rng, 8)}`),
              cloudWatchLogGroupArn: nullable(
                rng,
                0.5,
                `arn:aws:logs:us-east-1:${accountId}:log-group:trail`,
              ),
            },
          ],
          guardDuty: REGIONS.map((region) => ({
            region,
            detectors: rng.chance(0.2)
              ? []
              : [{ id: hex(rng, 32), status: rng.pick(['ENABLED', 'DISABLED']) }],
          })),
          ebsEncryptionByDefault: REGIONS.map((region) => ({ region, enabled: rng.chance(0.8) })),
          s3PublicAccessBlock: nullable(rng, 0.3, block(rng.chance(0.8))),
        },
      };
    },
    (a) => ({ ...a, root: { ...a.root, mfaActive: !a.root.mfaActive } }),
  ),
  generator(
    awsIamUser,
    8,
    (rng, i) => ({
      id: `arn:aws:iam::${ACCOUNT}:user/user-${i}`,
      name: `user-${i}`,
      attributes: {
        userName: `user-${i}`,
        arn: `arn:aws:iam::${ACCOUNT}:user/user-${i}`,
        createdAt: iso(400 + rng.int(1000)),
        passwordEnabled: rng.chance(0.6),
        passwordLastUsed: nullable(rng, 0.2, iso(rng.int(200))),
        passwordLastChanged: nullable(rng, 0.1, iso(rng.int(400))),
        mfaActive: rng.chance(0.8),
        accessKeys: [1, 2].slice(0, rng.int(3)).map((slot) => ({
          slot,
          active: rng.chance(0.8),
          lastRotated: nullable(rng, 0.05, iso(rng.int(200))),
          lastUsed: nullable(rng, 0.2, iso(rng.int(150))),
          lastUsedService: rng.pick([null, 's3', 'sts', 'ec2']),
        })),
      },
    }),
    (a) => ({ ...a, passwordEnabled: true, mfaActive: !a.mfaActive }),
  ),
  generator(
    awsS3Bucket,
    5,
    (rng, i) => ({
      id: `arn:aws:s3:::bucket-${i}`,
      name: `bucket-${i}`,
      attributes: {
        name: `bucket-${i}`,
        region: rng.pick(REGIONS),
        createdAt: nullable(rng, 0.02, iso(rng.int(2000))),
        publicAccessBlock: nullable(rng, 0.3, block(rng.chance(0.8))),
        accountPublicAccessBlock: nullable(rng, 0.5, block(true)),
        encryption: nullable(rng, 0.1, { algorithm: rng.pick(['AES256', 'aws:kms']), kmsKeyId: null }),
        versioning: rng.pick(['enabled', 'suspended', 'never_enabled'] as const),
      },
    }),
    (a) => ({ ...a, encryption: a.encryption ? null : { algorithm: 'AES256', kmsKeyId: null } }),
  ),
  generator(
    awsRdsInstance,
    2,
    (rng, i) => {
      const member = rng.chance(0.2);
      return {
        id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:db-${i}`,
        name: `db-${i}`,
        attributes: {
          identifier: `db-${i}`,
          region: rng.pick(REGIONS),
          engine: member ? 'aurora-postgresql' : rng.pick(['postgres', 'mysql', 'mariadb']),
          status: 'available',
          ...rdsSettings(rng),
          publiclyAccessible: rng.chance(0.1),
          autoMinorVersionUpgrade: rng.chance(0.8),
          replicaOf: !member && rng.chance(0.1) ? `db-${i - 1}` : null,
          cluster: member ? { identifier: `cluster-${i >> 2}`, ...rdsSettings(rng) } : null,
        },
      };
    },
    (a) => ({ ...a, publiclyAccessible: !a.publiclyAccessible }),
  ),
  generator(
    awsSecurityGroup,
    5,
    (rng, i) => {
      const ingress = Array.from({ length: 1 + rng.int(3) }, () =>
        rng.chance(0.1)
          ? rule('-1', null, rng.pick(['10.0.0.0/8', '0.0.0.0/0']))
          : rule(
              rng.pick(['tcp', 'tcp', 'udp', '6']),
              rng.pick([22, 443, 3389, 5432, 3306, 8080]),
              rng.pick(['10.0.0.0/8', '10.0.0.0/8', '0.0.0.0/0', '::/0']),
            ),
      );
      const groupId = `sg-${i.toString(16).padStart(17, '0')}`;
      return {
        id: groupId,
        name: `sg-${i}`,
        attributes: {
          groupId,
          groupName: rng.chance(0.1) ? 'default' : `app-${i}`,
          vpcId: `vpc-${(i >> 3).toString(16).padStart(17, '0')}`,
          region: rng.pick(REGIONS),
          isDefault: rng.chance(0.1),
          ingress,
          egress: [rule('-1', null, '0.0.0.0/0')],
        },
      };
    },
    // Open SSH to the internet, or close every rule that was open to it.
    (a) =>
      exposedPorts(a.ingress, { 22: 'SSH' }).length > 0
        ? { ...a, ingress: a.ingress.map((r) => ({ ...r, ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: [] })) }
        : { ...a, ingress: [...a.ingress, rule('tcp', 22, '0.0.0.0/0')] },
  ),
  generator(
    awsVpc,
    1,
    (rng, i) => ({
      id: `vpc-${i.toString(16).padStart(17, '0')}`,
      name: `vpc-${i}`,
      attributes: {
        vpcId: `vpc-${i.toString(16).padStart(17, '0')}`,
        region: rng.pick(REGIONS),
        isDefault: rng.chance(0.1),
        cidrBlock: nullable(rng, 0.01, '10.0.0.0/16'),
        flowLogs: rng.chance(0.6)
          ? [{ id: `fl-${hex(rng, 17)}`, status: 'ACTIVE', trafficType: 'ALL', destinationType: 's3' }]
          : [],
      },
    }),
    (a) => ({
      ...a,
      flowLogs:
        a.flowLogs.length > 0
          ? []
          : [{ id: 'fl-00000000000000000', status: 'ACTIVE', trafficType: 'ALL', destinationType: 's3' }],
    }),
  ),
  generator(
    awsKmsKey,
    2,
    (rng, i) => {
      const pending = rng.chance(0.05);
      const keyId = `${hex(rng, 8)}-${i}`;
      return {
        id: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
        name: `key-${i}`,
        attributes: {
          keyId,
          region: rng.pick(REGIONS),
          description: rng.pick(['', 'Default key that protects my S3 objects', 'app data']),
          manager: rng.pick(['CUSTOMER', 'CUSTOMER', 'AWS']),
          state: pending ? 'PendingDeletion' : rng.pick(['Enabled', 'Enabled', 'Disabled']),
          spec: 'SYMMETRIC_DEFAULT',
          usage: 'ENCRYPT_DECRYPT',
          origin: 'AWS_KMS',
          deletionDate: pending ? iso(-7) : null,
          rotationEnabled: nullable(rng, 0.05, rng.chance(0.7)),
          rotationPeriodDays: rng.pick([null, 365, 90]),
        },
      };
    },
    // A customer key, enabled, whose rotation is switched (an AWS managed key becomes a customer one).
    (a) => ({
      ...a,
      manager: 'CUSTOMER',
      state: 'Enabled',
      deletionDate: null,
      rotationEnabled: a.manager === 'CUSTOMER' ? a.rotationEnabled !== true : false,
    }),
  ),
];
