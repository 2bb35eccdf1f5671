import type {
  TTerraformCloudTrail,
  TTerraformDbInstance,
  TTerraformEbsVolume,
  TTerraformKmsKey,
  TTerraformLoadBalancer,
  TTerraformRule,
  TTerraformS3Bucket,
  TTerraformSecurityGroup,
} from '../../../catalog/monitoring/terraform.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import {
  isUnknown,
  readBlocks,
  readBool,
  readKnownString,
  readNumber,
  readString,
  readStrings,
  type TTfBlock,
} from './blocks.ts';

// Terraform resources → typed resources. Settings the AWS provider splits into companion resources (an
// S3 bucket's encryption, logging, public access block and ACL; a security group's separate rules) are
// folded into the resource they configure, found by the reference in their `bucket` or
// `security_group_id`: the expression in a configuration, the plan's recorded references, or the value
// (a state, or a plan whose names are known).

type TByType = Map<string, TTfBlock[]>;

function byType(blocks: TTfBlock[]): TByType {
  const map: TByType = new Map();
  for (const block of blocks) {
    const list = map.get(block.type);
    if (list) list.push(block);
    else map.set(block.type, [block]);
  }
  return map;
}

function ofTypes(all: TByType, ...types: string[]): TTfBlock[] {
  return types.flatMap((t) => all.get(t) ?? []);
}

/** The resource of `targetType` that `attribute` of `block` points at, if it can be told. */
function linked(
  block: TTfBlock,
  attribute: string,
  targets: TTfBlock[],
  matchFields: string[],
): TTfBlock | undefined {
  const value = block.values[attribute];
  if (typeof value === 'string' && !isUnknown(value)) {
    const byValue = targets.filter((t) => matchFields.some((f) => t.values[f] === value));
    const found = byValue.find((t) => t.module === block.module) ?? byValue[0];
    if (found) return found;
  }
  for (const ref of block.refs[attribute] ?? []) {
    const [type, name] = ref.split('.');
    const base = `${block.module}${type}.${name?.replace(/\[.*$/, '')}`;
    const candidates = targets.filter((t) => t.base === base);
    const found = candidates.find((t) => t.index === block.index) ?? candidates[0];
    if (found) return found;
  }
  return undefined;
}

/** Companions of each target, by the target's address. */
function companions(
  of: TTfBlock[],
  attribute: string,
  targets: TTfBlock[],
  matchFields: string[],
): Map<string, TTfBlock[]> {
  const map = new Map<string, TTfBlock[]>();
  for (const block of of) {
    const target = linked(block, attribute, targets, matchFields);
    if (!target) continue;
    map.set(target.address, [...(map.get(target.address) ?? []), block]);
  }
  return map;
}

function resource<A>(type: string, block: TTfBlock, attributes: Omit<A, 'address' | 'file'>): TResource<A> {
  return {
    type,
    id: block.address,
    name: block.address,
    attributes: { address: block.address, file: block.file, ...attributes } as A,
  };
}

const BUCKET_MATCH = ['id', 'bucket'];

/** The first default-encryption rule of a `rule` list (`apply_server_side_encryption_by_default`). */
function encryptionOf(holder: Record<string, unknown>): TTerraformS3Bucket['encryption'] {
  for (const rule of readBlocks(holder, 'rule') ?? []) {
    const apply = (readBlocks(rule, 'apply_server_side_encryption_by_default') ?? [])[0];
    if (apply)
      return {
        algorithm: readKnownString(apply, 'sse_algorithm'),
        kmsKeyId: readString(apply, 'kms_master_key_id'),
      };
  }
  return null;
}

function buckets(all: TByType): TResource<TTerraformS3Bucket>[] {
  const list = ofTypes(all, 'aws_s3_bucket');
  const sse = companions(
    ofTypes(all, 'aws_s3_bucket_server_side_encryption_configuration'),
    'bucket',
    list,
    BUCKET_MATCH,
  );
  const logging = companions(ofTypes(all, 'aws_s3_bucket_logging'), 'bucket', list, BUCKET_MATCH);
  const blocks = companions(ofTypes(all, 'aws_s3_bucket_public_access_block'), 'bucket', list, BUCKET_MATCH);
  const acls = companions(ofTypes(all, 'aws_s3_bucket_acl'), 'bucket', list, BUCKET_MATCH);
  // Which buckets receive logs: the targets of every logging declaration, companion or inline.
  const receivers = new Set<string>();
  for (const l of ofTypes(all, 'aws_s3_bucket_logging'))
    receivers.add(linked(l, 'target_bucket', list, BUCKET_MATCH)?.address ?? '');
  for (const b of list) {
    for (const inline of readBlocks(b.values, 'logging') ?? []) {
      const holder = { ...b, values: inline, refs: {} };
      receivers.add(linked(holder, 'target_bucket', list, BUCKET_MATCH)?.address ?? '');
    }
  }
  return list.map((b) => {
    // Provider 4+ computes the inline blocks from the bucket; unknown there means "not declared inline".
    const inlineSse = (readBlocks(b.values, 'server_side_encryption_configuration') ?? [])[0];
    const inlineLogging = (readBlocks(b.values, 'logging') ?? [])[0];
    const declaredSse = sse.get(b.address)?.[0];
    const declaredLogging = logging.get(b.address)?.[0];
    const block = blocks.get(b.address)?.[0];
    const acl = acls.get(b.address)?.[0];
    const loggingSource = declaredLogging?.values ?? inlineLogging;
    return resource<TTerraformS3Bucket>('terraform.aws_s3_bucket', b, {
      bucket: readString(b.values, 'bucket'),
      acl: readString(acl?.values ?? {}, 'acl') ?? readKnownString(b.values, 'acl'),
      encryption: declaredSse ? encryptionOf(declaredSse.values) : inlineSse ? encryptionOf(inlineSse) : null,
      accessLogging: loggingSource ? { targetBucket: readString(loggingSource, 'target_bucket') } : null,
      receivesAccessLogs: receivers.has(b.address),
      publicAccessBlock: block
        ? {
            blockPublicAcls: readBool(block.values, 'block_public_acls', false),
            ignorePublicAcls: readBool(block.values, 'ignore_public_acls', false),
            blockPublicPolicy: readBool(block.values, 'block_public_policy', false),
            restrictPublicBuckets: readBool(block.values, 'restrict_public_buckets', false),
          }
        : null,
    });
  });
}

function databases(all: TByType): TResource<TTerraformDbInstance>[] {
  return ofTypes(all, 'aws_db_instance').map((b) =>
    resource<TTerraformDbInstance>('terraform.aws_db_instance', b, {
      identifier: readString(b.values, 'identifier'),
      engine: readString(b.values, 'engine'),
      storageEncrypted: readBool(b.values, 'storage_encrypted', false),
      publiclyAccessible: readBool(b.values, 'publicly_accessible', false),
      replicateSourceDb: readString(b.values, 'replicate_source_db'),
    }),
  );
}

function volumes(all: TByType): TResource<TTerraformEbsVolume>[] {
  return ofTypes(all, 'aws_ebs_volume').map((b) =>
    resource<TTerraformEbsVolume>('terraform.aws_ebs_volume', b, {
      availabilityZone: readString(b.values, 'availability_zone'),
      encrypted: readBool(b.values, 'encrypted', false),
      kmsKeyId: readString(b.values, 'kms_key_id'),
    }),
  );
}

function keys(all: TByType): TResource<TTerraformKmsKey>[] {
  return ofTypes(all, 'aws_kms_key').map((b) =>
    resource<TTerraformKmsKey>('terraform.aws_kms_key', b, {
      description: readString(b.values, 'description'),
      enableKeyRotation: readBool(b.values, 'enable_key_rotation', false),
      keySpec: readKnownString(b.values, 'customer_master_key_spec'),
      keyUsage: readKnownString(b.values, 'key_usage'),
    }),
  );
}

function trails(all: TByType): TResource<TTerraformCloudTrail>[] {
  return ofTypes(all, 'aws_cloudtrail').map((b) =>
    resource<TTerraformCloudTrail>('terraform.aws_cloudtrail', b, {
      name: readString(b.values, 'name'),
      multiRegion: readBool(b.values, 'is_multi_region_trail', false),
      logFileValidation: readBool(b.values, 'enable_log_file_validation', false),
      logging: readBool(b.values, 'enable_logging', true),
      kmsKeyId: readString(b.values, 'kms_key_id'),
    }),
  );
}

function loadBalancers(all: TByType): TResource<TTerraformLoadBalancer>[] {
  return ofTypes(all, 'aws_lb', 'aws_alb').map((b) => {
    const logs = readBlocks(b.values, 'access_logs');
    const block = logs?.[0];
    return resource<TTerraformLoadBalancer>('terraform.aws_lb', b, {
      name: readString(b.values, 'name'),
      loadBalancerType: readKnownString(b.values, 'load_balancer_type'),
      internal: readBool(b.values, 'internal', false),
      accessLogs:
        logs === null
          ? { enabled: null, bucket: null }
          : block
            ? { enabled: readBool(block, 'enabled', false), bucket: readString(block, 'bucket') }
            : null,
    });
  });
}

interface TRuleFields {
  protocol: string;
  from: string;
  to: string;
  v4: string;
  v6: string;
  prefixes: string;
  groups: string;
}

const INLINE: TRuleFields = {
  protocol: 'protocol',
  from: 'from_port',
  to: 'to_port',
  v4: 'cidr_blocks',
  v6: 'ipv6_cidr_blocks',
  prefixes: 'prefix_list_ids',
  groups: 'security_groups',
};
const SG_RULE: TRuleFields = { ...INLINE, groups: 'source_security_group_id' };
const VPC_RULE: TRuleFields = {
  protocol: 'ip_protocol',
  from: 'from_port',
  to: 'to_port',
  v4: 'cidr_ipv4',
  v6: 'cidr_ipv6',
  prefixes: 'prefix_list_id',
  groups: 'referenced_security_group_id',
};

function toRule(values: Record<string, unknown>, fields: TRuleFields): TTerraformRule {
  let unresolved = false;
  const rawProtocol = values[fields.protocol];
  let protocol =
    typeof rawProtocol === 'number' ? String(rawProtocol) : (readKnownString(values, fields.protocol) ?? '');
  if (protocol === '') unresolved = true;
  protocol = protocol.toLowerCase() === 'all' ? '-1' : protocol.toLowerCase();
  const port = (key: string) => {
    const raw = values[key];
    const value = readNumber(values, key);
    if (raw !== undefined && raw !== null && value === null) unresolved = true;
    return value === null || value < 0 ? null : value;
  };
  const from = protocol === '-1' ? null : port(fields.from);
  const to = protocol === '-1' ? null : port(fields.to);
  const list = (key: string) => {
    const found = readStrings(values, key);
    if (found === null || found.some(isUnknown)) unresolved = true;
    return (found ?? []).filter((v) => !isUnknown(v));
  };
  return {
    protocol,
    fromPort: from,
    toPort: to,
    ipv4Ranges: list(fields.v4),
    ipv6Ranges: list(fields.v6),
    prefixLists: list(fields.prefixes),
    // Kept as written: a source group is never the internet, and its expression names it.
    sourceGroups: ([] as unknown[])
      .concat(values[fields.groups] ?? [])
      .filter((g): g is string => typeof g === 'string'),
    unresolved,
  };
}

function securityGroups(all: TByType): TResource<TTerraformSecurityGroup>[] {
  const list = ofTypes(all, 'aws_security_group');
  const match = ['id'];
  const ruleResources = ofTypes(all, 'aws_security_group_rule').filter((r) => r.values.type === 'ingress');
  const rules = companions(ruleResources, 'security_group_id', list, match);
  const vpcRules = companions(
    ofTypes(all, 'aws_vpc_security_group_ingress_rule'),
    'security_group_id',
    list,
    match,
  );
  return list.map((g) => {
    const inline = readBlocks(g.values, 'ingress');
    return resource<TTerraformSecurityGroup>('terraform.aws_security_group', g, {
      name: readString(g.values, 'name'),
      vpcId: readString(g.values, 'vpc_id'),
      ingress: [
        ...(inline ?? []).map((r) => toRule(r, INLINE)),
        ...(rules.get(g.address) ?? []).map((r) => toRule(r.values, SG_RULE)),
        ...(vpcRules.get(g.address) ?? []).map((r) => toRule(r.values, VPC_RULE)),
      ],
      dynamicIngress: inline === null,
    });
  });
}

/** Every resource type of the Terraform library, from the managed resources read. */
export function terraformResources(blocks: TTfBlock[]): TResource[] {
  const all = byType(blocks);
  return [
    ...buckets(all),
    ...databases(all),
    ...volumes(all),
    ...keys(all),
    ...trails(all),
    ...loadBalancers(all),
    ...securityGroups(all),
  ] as TResource[];
}
