import {
  fail,
  notApplicable,
  pass,
  type TTestDefinition,
  type TVerdict,
} from '../../domain/monitoring/model.ts';
import { DATABASE_PORTS, exposedPorts } from './aws-network.ts';
import type { TProviderLibrary } from './define.ts';
import { defineTest } from './define.ts';
import {
  TERRAFORM_RESOURCE_TYPES,
  type TTerraformRule,
  terraformCloudTrail,
  terraformDbInstance,
  terraformEbsVolume,
  terraformKmsKey,
  terraformLoadBalancer,
  terraformS3Bucket,
  terraformSecurityGroup,
} from './terraform-resources.ts';

// Infrastructure as code, judged before it is applied: encryption, logging and public exposure of the
// AWS resources a Terraform configuration, plan or state declares (see adapters/integrations/terraform).
// Each test maps to the controls of the runtime AWS test that checks the same setting in the account, so
// a plan can fail a pipeline before the account would fail the runtime test. A setting that is not known
// before apply is the `error` outcome, never a pass: judge a plan, where most of them are resolved.

export * from './terraform-resources.ts';

/** The outcome for a decisive setting that only apply will know. */
function unresolved(setting: string, address: string): TVerdict {
  return {
    status: 'error',
    reason: `${setting} of ${address} is not known before apply (an expression or a computed value); run the scan on \`terraform show -json\` of a plan`,
    fields: { [setting]: null },
  };
}

/** The ACLs that grant access to everyone, or to every AWS account. */
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

const BLOCK_SWITCHES = [
  ['blockPublicAcls', 'block_public_acls'],
  ['ignorePublicAcls', 'ignore_public_acls'],
  ['blockPublicPolicy', 'block_public_policy'],
  ['restrictPublicBuckets', 'restrict_public_buckets'],
] as const;

const storageTests: TTestDefinition[] = [
  defineTest(terraformS3Bucket, {
    id: 'terraform.s3_bucket_encryption',
    title: 'S3 buckets declare default encryption',
    severity: 'low',
    rationale:
      'S3 encrypts new objects with SSE-S3 even when nothing is declared, but only a declared configuration states the choice (SSE-KMS with a customer key for sensitive data) and keeps it from drifting.',
    remediation:
      'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with sse_algorithm "aws:kms" and a customer-managed key (or "AES256" at least), and bucket_key_enabled = true.',
    controls: ['CRY-02'],
    evaluate: ({ attributes: b }) => {
      if (!b.encryption) return fail('the bucket declares no default encryption', { encryption: null });
      if (b.encryption.algorithm === null) return unresolved('sse_algorithm', b.address);
      return pass(`objects are encrypted by default with ${b.encryption.algorithm}`, {
        encryption: b.encryption,
      });
    },
  }),
  defineTest(terraformS3Bucket, {
    id: 'terraform.s3_bucket_access_logging',
    title: 'S3 buckets log access',
    severity: 'low',
    rationale:
      'Server access logs record every request to the bucket, by whom and from where: the trail an investigation of a data leak starts from.',
    remediation:
      'Add an aws_s3_bucket_logging for the bucket, delivering to a dedicated log bucket (which itself does not need to log).',
    controls: ['OPS-03'],
    evaluate: ({ attributes: b }) => {
      if (b.accessLogging)
        return pass(`access logs go to ${b.accessLogging.targetBucket ?? 'a bucket known after apply'}`, {
          accessLogging: b.accessLogging,
        });
      if (b.receivesAccessLogs)
        return notApplicable('the bucket receives the access logs of other buckets', {
          receivesAccessLogs: true,
        });
      return fail('the bucket declares no access logging', { accessLogging: null });
    },
  }),
  defineTest(terraformS3Bucket, {
    id: 'terraform.s3_bucket_public_access_blocked',
    title: 'S3 buckets block public access and grant no public ACL',
    severity: 'high',
    rationale:
      'A public ACL or policy publishes the bucket to the internet; declaring all four block switches in code makes such a grant ineffective and keeps it from being turned off by hand.',
    remediation:
      'Add an aws_s3_bucket_public_access_block for the bucket with all four settings true, and remove any public-read, public-read-write or authenticated-read ACL.',
    controls: ['NET-12'],
    evaluate: ({ attributes: b }) => {
      if (b.acl && PUBLIC_ACLS.has(b.acl)) return fail(`the bucket has the ${b.acl} ACL`, { acl: b.acl });
      const block = b.publicAccessBlock;
      if (!block) return fail('the bucket declares no public access block', { publicAccessBlock: null });
      const off = BLOCK_SWITCHES.filter(([key]) => block[key] === false).map(([, name]) => name);
      if (off.length > 0)
        return fail(`public access is not fully blocked: ${off.join(', ')} false`, {
          publicAccessBlock: block,
        });
      const unknown = BLOCK_SWITCHES.find(([key]) => block[key] === null);
      if (unknown) return unresolved(unknown[1], b.address);
      return pass('all four public access block settings are true', { publicAccessBlock: block });
    },
  }),
  defineTest(terraformDbInstance, {
    id: 'terraform.rds_storage_encrypted',
    title: 'RDS instances encrypt their storage',
    severity: 'high',
    rationale:
      "Encryption at rest also covers the instance's snapshots, backups and replicas; it cannot be turned on later without a snapshot, copy and restore, so it belongs in the code that creates the database.",
    remediation: 'Set storage_encrypted = true (with kms_key_id for a customer-managed key).',
    controls: ['CRY-01'],
    evaluate: ({ attributes: db }) => {
      if (db.storageEncrypted === null) return unresolved('storage_encrypted', db.address);
      return db.storageEncrypted
        ? pass('storage_encrypted is true', { storageEncrypted: true })
        : fail('storage_encrypted is false or not set', { storageEncrypted: false });
    },
  }),
  defineTest(terraformDbInstance, {
    id: 'terraform.rds_not_public',
    title: 'RDS instances are not publicly accessible',
    severity: 'high',
    rationale:
      'A publicly accessible instance gets a public address; only its security group and password then stand between the internet and the data.',
    remediation: 'Set publicly_accessible = false (the default) and reach the database from inside the VPC.',
    controls: ['NET-04'],
    evaluate: ({ attributes: db }) => {
      if (db.publiclyAccessible === null) return unresolved('publicly_accessible', db.address);
      return db.publiclyAccessible
        ? fail('publicly_accessible is true', { publiclyAccessible: true })
        : pass('publicly_accessible is false', { publiclyAccessible: false });
    },
  }),
  defineTest(terraformEbsVolume, {
    id: 'terraform.ebs_volume_encrypted',
    title: 'EBS volumes are encrypted',
    severity: 'medium',
    rationale:
      'An unencrypted volume, and every snapshot taken of it, can be read by whoever gets a copy; encryption cannot be added to an existing volume.',
    remediation:
      'Set encrypted = true (with kms_key_id for a customer-managed key); turning on EBS encryption by default in every region covers volumes created elsewhere.',
    controls: ['CRY-02'],
    evaluate: ({ attributes: v }) => {
      if (v.encrypted === null) return unresolved('encrypted', v.address);
      return v.encrypted
        ? pass('encrypted is true', { encrypted: true, kmsKeyId: v.kmsKeyId })
        : fail('encrypted is false or not set', { encrypted: false });
    },
  }),
  defineTest(terraformKmsKey, {
    id: 'terraform.kms_rotation_enabled',
    title: 'KMS keys rotate automatically',
    severity: 'medium',
    rationale:
      'Automatic rotation replaces the key material at least yearly, which limits how much data any one version of the key protects.',
    remediation:
      'Set enable_key_rotation = true (and rotation_period_in_days if a shorter period is needed).',
    controls: ['CRY-04'],
    evaluate: ({ attributes: k }) => {
      const spec = k.keySpec ?? 'SYMMETRIC_DEFAULT';
      const usage = k.keyUsage ?? 'ENCRYPT_DECRYPT';
      if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT')
        return notApplicable(`automatic rotation does not apply to ${spec} keys for ${usage}`, {
          keySpec: spec,
          keyUsage: usage,
        });
      if (k.enableKeyRotation === null) return unresolved('enable_key_rotation', k.address);
      return k.enableKeyRotation
        ? pass('enable_key_rotation is true', { enableKeyRotation: true })
        : fail('enable_key_rotation is false or not set', { enableKeyRotation: false });
    },
  }),
];

const loggingTests: TTestDefinition[] = [
  defineTest(terraformCloudTrail, {
    id: 'terraform.cloudtrail_multi_region_logging',
    title: 'CloudTrail trails record every region',
    severity: 'high',
    rationale:
      'A trail limited to one region misses activity in every other one, which is where an intruder who knows it would act.',
    remediation: 'Set is_multi_region_trail = true and leave enable_logging at true.',
    controls: ['OPS-01'],
    evaluate: ({ attributes: t }) => {
      if (t.logging === false) return fail('enable_logging is false', { logging: false });
      if (t.multiRegion === false)
        return fail('is_multi_region_trail is false or not set', { multiRegion: false });
      if (t.multiRegion === null) return unresolved('is_multi_region_trail', t.address);
      if (t.logging === null) return unresolved('enable_logging', t.address);
      return pass('the trail records every region', { multiRegion: true, logging: true });
    },
  }),
  defineTest(terraformCloudTrail, {
    id: 'terraform.cloudtrail_log_file_validation',
    title: 'CloudTrail trails validate their log files',
    severity: 'medium',
    rationale:
      'Log file validation writes signed digests, so an auditor can prove that no log file was changed or deleted after delivery.',
    remediation: 'Set enable_log_file_validation = true.',
    controls: ['OPS-01', 'OPS-02'],
    evaluate: ({ attributes: t }) => {
      if (t.logFileValidation === null) return unresolved('enable_log_file_validation', t.address);
      return t.logFileValidation
        ? pass('enable_log_file_validation is true', { logFileValidation: true })
        : fail('enable_log_file_validation is false or not set', { logFileValidation: false });
    },
  }),
  defineTest(terraformLoadBalancer, {
    id: 'terraform.lb_access_logs',
    title: 'Application load balancers keep access logs',
    severity: 'medium',
    rationale:
      'Access logs record every request with its client address, path and response: the evidence for investigating an attack on the application.',
    remediation: 'Add an access_logs block with a log bucket and enabled = true.',
    controls: ['OPS-03'],
    evaluate: ({ attributes: lb }) => {
      const type = lb.loadBalancerType ?? 'application';
      if (type !== 'application') return notApplicable(`a ${type} load balancer`, { loadBalancerType: type });
      if (!lb.accessLogs) return fail('the load balancer has no access_logs block', { accessLogs: null });
      if (lb.accessLogs.enabled === null) return unresolved('access_logs.enabled', lb.address);
      return lb.accessLogs.enabled
        ? pass(`access logs go to ${lb.accessLogs.bucket ?? 'a bucket known after apply'}`, {
            accessLogs: lb.accessLogs,
          })
        : fail('access_logs.enabled is false or not set', { accessLogs: lb.accessLogs });
    },
  }),
];

/** Protocols that never carry TCP; any other (or an unknown one) might. */
const NOT_TCP = new Set(['udp', '17', 'icmp', '1', 'icmpv6', '58']);

/** A rule whose protocol, ports or sources are unknown might open the port: the verdict waits for apply. */
function mightOpen(rule: TTerraformRule, ports: Record<number, string>): boolean {
  if (NOT_TCP.has(rule.protocol)) return false;
  const { fromPort, toPort } = rule;
  if (fromPort === null || toPort === null) return true;
  return Object.keys(ports).some((p) => fromPort <= Number(p) && Number(p) <= toPort);
}

function portTest(spec: {
  id: string;
  title: string;
  ports: Record<number, string>;
  rationale: string;
  controls: string[];
}): TTestDefinition {
  return defineTest(terraformSecurityGroup, {
    id: spec.id,
    title: spec.title,
    severity: 'high',
    rationale: spec.rationale,
    remediation:
      'Remove 0.0.0.0/0 and ::/0 from the rule; allow the port only from known address ranges or security groups, or reach hosts through Systems Manager Session Manager or a VPN.',
    controls: spec.controls,
    evaluate: ({ attributes: g }) => {
      const found = exposedPorts(
        g.ingress.filter((r) => !r.unresolved),
        spec.ports,
      );
      if (found.length > 0) {
        const ports = [...new Set(found.map((f) => `${f.port} (${f.service})`))];
        return fail(
          `${ports.join(', ')} open to ${[...new Set(found.flatMap((f) => f.sources))].join(' and ')}`,
          {
            exposures: found,
          },
        );
      }
      if (g.dynamicIngress) return unresolved('dynamic "ingress"', g.address);
      const unsure = g.ingress.filter((r) => r.unresolved && mightOpen(r, spec.ports));
      if (unsure.length > 0) return unresolved(`an ingress rule's ports or sources`, g.address);
      return pass('no such port is open to the internet', { ports: Object.keys(spec.ports).map(Number) });
    },
  });
}

const exposureTests: TTestDefinition[] = [
  portTest({
    id: 'terraform.sg_no_public_ssh',
    title: 'No security group allows SSH from the internet',
    ports: { 22: 'SSH' },
    rationale:
      'SSH open to 0.0.0.0/0 or ::/0 is scanned within minutes of apply; one weak key or unpatched daemon is then a shell in the network.',
    controls: ['NET-02'],
  }),
  portTest({
    id: 'terraform.sg_no_public_rdp',
    title: 'No security group allows RDP from the internet',
    ports: { 3389: 'RDP' },
    rationale:
      'RDP exposed to the internet is a leading ransomware entry point through password spraying and protocol flaws.',
    controls: ['NET-02'],
  }),
  portTest({
    id: 'terraform.sg_no_public_database_ports',
    title: 'No security group opens database ports to the internet',
    ports: DATABASE_PORTS,
    rationale:
      'A database port reachable from anywhere leaves only the database password between the internet and the data.',
    controls: ['NET-02', 'NET-04'],
  }),
];

export const terraformLibrary: TProviderLibrary = {
  provider: 'terraform',
  resourceTypes: TERRAFORM_RESOURCE_TYPES,
  tests: [...storageTests, ...loggingTests, ...exposureTests],
};
