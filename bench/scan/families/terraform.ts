import { exposedPorts } from '../../../src/catalog/monitoring/aws-network.ts';
import {
  type TTerraformRule,
  terraformCloudTrail,
  terraformDbInstance,
  terraformEbsVolume,
  terraformKmsKey,
  terraformLoadBalancer,
  terraformS3Bucket,
  terraformSecurityGroup,
} from '../../../src/catalog/monitoring/terraform.ts';
import { generator, hex, type TRng } from './kit.ts';

// Terraform: the AWS resources of plans (`terraform show -json`: addresses, settings resolved) and of .tf
// files (a file per resource, and now and then a setting that only apply knows, which is null).

const MODULES = ['', 'module.storage.', 'module.network.', 'module.app.'];

/** Where a resource comes from: a plan (no file, settings known) or a .tf file (some settings unknown). */
function origin(rng: TRng, kind: string, i: number) {
  const module = rng.pick(MODULES);
  const fromFile = rng.chance(0.4);
  return {
    address: `${module}${kind}.r${i}`,
    file: fromFile ? `${module ? module.slice(7, -1) : 'root'}/main.tf` : null,
    /** A setting written as an expression: unknown in a .tf file, resolved in a plan. */
    unknown: (p = 0.15) => fromFile && rng.chance(p),
  };
}

/** A boolean setting: true with odds p, or null when it is an expression in a .tf file. */
const setting = (rng: TRng, o: ReturnType<typeof origin>, p: number) => (o.unknown() ? null : rng.chance(p));

const rule = (protocol: string, port: number | null, cidr: string, unresolved = false): TTerraformRule => ({
  protocol,
  fromPort: port,
  toPort: port,
  ipv4Ranges: cidr.includes(':') ? [] : [cidr],
  ipv6Ranges: cidr.includes(':') ? [cidr] : [],
  prefixLists: [],
  sourceGroups: [],
  unresolved,
});

export const terraformGenerators = [
  generator(
    terraformS3Bucket,
    1.5,
    (rng, i) => {
      const o = origin(rng, 'aws_s3_bucket', i);
      const bucket = o.unknown() ? null : `acme-${rng.pick(['uploads', 'backups', 'assets', 'logs'])}-${i}`;
      const blocked = rng.chance(0.85);
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          bucket,
          acl: rng.pick([null, null, null, null, null, 'private', 'log-delivery-write', 'public-read']),
          encryption: rng.chance(0.75)
            ? {
                algorithm: o.unknown() ? null : rng.pick(['aws:kms', 'AES256']),
                kmsKeyId: rng.chance(0.5) ? `aws_kms_key.r${i >> 2}.arn` : null,
              }
            : null,
          accessLogging: rng.chance(0.5)
            ? { targetBucket: o.unknown() ? null : `acme-logs-${i >> 4}` }
            : null,
          receivesAccessLogs: rng.chance(0.06),
          publicAccessBlock: rng.chance(0.7)
            ? {
                blockPublicAcls: setting(rng, o, blocked ? 1 : 0.5),
                ignorePublicAcls: setting(rng, o, blocked ? 1 : 0.5),
                blockPublicPolicy: setting(rng, o, blocked ? 1 : 0.5),
                restrictPublicBuckets: setting(rng, o, blocked ? 1 : 0.5),
              }
            : null,
        },
      };
    },
    (a) => ({ ...a, encryption: a.encryption ? null : { algorithm: 'AES256', kmsKeyId: null } }),
  ),
  generator(
    terraformDbInstance,
    0.5,
    (rng, i) => {
      const o = origin(rng, 'aws_db_instance', i);
      const replica = rng.chance(0.1);
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          identifier: o.unknown() ? null : `db-${i}`,
          engine: rng.pick(['postgres', 'postgres', 'mysql', 'mariadb']),
          storageEncrypted: setting(rng, o, 0.8),
          publiclyAccessible: setting(rng, o, 0.08),
          replicateSourceDb: replica ? `aws_db_instance.r${i - 1}.identifier` : null,
        },
      };
    },
    (a) => ({ ...a, publiclyAccessible: a.publiclyAccessible !== true }),
  ),
  generator(
    terraformEbsVolume,
    1,
    (rng, i) => {
      const o = origin(rng, 'aws_ebs_volume', i);
      const encrypted = setting(rng, o, 0.75);
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          availabilityZone: o.unknown() ? null : rng.pick(['us-east-1a', 'us-east-1b', 'eu-west-1a']),
          encrypted,
          kmsKeyId: encrypted && rng.chance(0.4) ? `aws_kms_key.r${i >> 2}.arn` : null,
        },
      };
    },
    (a) => ({ ...a, encrypted: a.encrypted !== true }),
  ),
  generator(
    terraformKmsKey,
    0.5,
    (rng, i) => {
      const o = origin(rng, 'aws_kms_key', i);
      const signing = rng.chance(0.05);
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          description: rng.pick([null, 'app data', 'backups', 'CloudTrail logs']),
          enableKeyRotation: setting(rng, o, 0.7),
          keySpec: signing ? 'RSA_2048' : rng.pick([null, null, 'SYMMETRIC_DEFAULT']),
          keyUsage: signing ? 'SIGN_VERIFY' : rng.pick([null, null, 'ENCRYPT_DECRYPT']),
        },
      };
    },
    // A symmetric key whose rotation is switched (a signing key becomes a symmetric one without rotation).
    (a) => {
      const symmetric = (a.keySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
      return {
        ...a,
        keySpec: null,
        keyUsage: null,
        enableKeyRotation:
          symmetric && (a.keyUsage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT'
            ? a.enableKeyRotation !== true
            : false,
      };
    },
  ),
  generator(
    terraformCloudTrail,
    0.05,
    (rng, i) => {
      const o = origin(rng, 'aws_cloudtrail', i);
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          name: o.unknown() ? null : `trail-${i}`,
          multiRegion: setting(rng, o, 0.75),
          logFileValidation: setting(rng, o, 0.65),
          logging: o.unknown(0.05) ? null : rng.chance(0.95),
          kmsKeyId: rng.chance(0.5) ? `aws_kms_key.r${i}.arn` : null,
        },
      };
    },
    (a) => ({ ...a, logFileValidation: a.logFileValidation !== true }),
  ),
  generator(
    terraformLoadBalancer,
    0.4,
    (rng, i) => {
      const o = origin(rng, rng.chance(0.1) ? 'aws_alb' : 'aws_lb', i);
      const logs = rng.chance(0.55);
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          name: o.unknown() ? null : `lb-${i}`,
          loadBalancerType: rng.pick([null, null, 'application', 'application', 'network']),
          internal: setting(rng, o, 0.4),
          accessLogs: logs
            ? { enabled: setting(rng, o, 0.85), bucket: o.unknown() ? null : `acme-lb-logs-${i >> 3}` }
            : rng.chance(0.1)
              ? { enabled: false, bucket: null }
              : null,
        },
      };
    },
    // An application load balancer gains or loses its access logs.
    (a) => ({
      ...a,
      loadBalancerType: 'application',
      accessLogs:
        (a.loadBalancerType ?? 'application') === 'application' && a.accessLogs?.enabled === true
          ? null
          : { enabled: true, bucket: 'acme-lb-logs' },
    }),
  ),
  generator(
    terraformSecurityGroup,
    1.5,
    (rng, i) => {
      const o = origin(rng, 'aws_security_group', i);
      const dynamic = o.unknown(0.05);
      const ingress = dynamic
        ? []
        : Array.from({ length: 1 + rng.int(3) }, () =>
            o.unknown(0.1)
              ? rule('tcp', null, '0.0.0.0/0', true)
              : rng.chance(0.05)
                ? rule('-1', null, rng.pick(['10.0.0.0/8', '0.0.0.0/0']))
                : rule(
                    rng.pick(['tcp', 'tcp', 'tcp', 'udp']),
                    rng.pick([22, 443, 443, 3389, 5432, 3306, 6379, 8080]),
                    rng.pick(['10.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '0.0.0.0/0', '::/0']),
                  ),
          );
      return {
        id: o.address,
        name: o.address,
        attributes: {
          address: o.address,
          file: o.file,
          name: o.unknown() ? null : `app-${i}`,
          vpcId: o.file ? 'var.vpc_id' : `vpc-${hex(rng, 17)}`,
          ingress,
          dynamicIngress: dynamic,
        },
      };
    },
    // Open SSH to the internet, or close every rule that was open to it.
    (a) =>
      exposedPorts(
        a.ingress.filter((r) => !r.unresolved),
        { 22: 'SSH' },
      ).length > 0
        ? { ...a, ingress: a.ingress.map((r) => ({ ...r, ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: [] })) }
        : { ...a, ingress: [...a.ingress, rule('tcp', 22, '0.0.0.0/0')] },
  ),
];
