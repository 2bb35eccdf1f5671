import { z } from 'zod';
import { resourceType } from './define.ts';

// What a Terraform configuration, plan or state declares, one resource type per AWS resource kind. A
// resource is what Terraform will create or keep (a plan's planned values, a state's values, or the
// configuration as written). `null` in a setting means it is not known before apply: an expression such
// as `var.encrypted` in a .tf file, or a value the plan computes. Settings left out take the AWS
// provider's default. Companion resources (aws_s3_bucket_logging, aws_security_group_rule …) are folded
// into the resource they configure; the tests in terraform.ts judge.

const common = {
  /** The Terraform address, e.g. `module.storage.aws_s3_bucket.logs[0]`. */
  address: z.string(),
  /** The file that declares it, relative to the integration's path; null for plan and state output. */
  file: z.string().nullable(),
};

const ZMaybeBool = z.boolean().nullable();

export const terraformS3Bucket = resourceType(
  'terraform.aws_s3_bucket',
  'Terraform AWS S3 bucket',
  z.object({
    ...common,
    /** The bucket name, or the expression that makes it. */
    bucket: z.string().nullable(),
    /** The canned ACL (inline `acl` or an aws_s3_bucket_acl); null when none is set. */
    acl: z.string().nullable(),
    /** Default encryption, inline or from aws_s3_bucket_server_side_encryption_configuration; null: none declared. */
    encryption: z.object({ algorithm: z.string().nullable(), kmsKeyId: z.string().nullable() }).nullable(),
    /** Server access logging (inline `logging` or aws_s3_bucket_logging); null: none declared. */
    accessLogging: z.object({ targetBucket: z.string().nullable() }).nullable(),
    /** Another bucket of the same configuration delivers its access logs here. */
    receivesAccessLogs: z.boolean(),
    /** From aws_s3_bucket_public_access_block; null: no block declared for this bucket. */
    publicAccessBlock: z
      .object({
        blockPublicAcls: ZMaybeBool,
        ignorePublicAcls: ZMaybeBool,
        blockPublicPolicy: ZMaybeBool,
        restrictPublicBuckets: ZMaybeBool,
      })
      .nullable(),
  }),
);

export const terraformDbInstance = resourceType(
  'terraform.aws_db_instance',
  'Terraform AWS RDS database instance',
  z.object({
    ...common,
    identifier: z.string().nullable(),
    engine: z.string().nullable(),
    storageEncrypted: ZMaybeBool,
    publiclyAccessible: ZMaybeBool,
    /** The source database when this is a read replica (`replicate_source_db`). */
    replicateSourceDb: z.string().nullable(),
  }),
);

export const terraformEbsVolume = resourceType(
  'terraform.aws_ebs_volume',
  'Terraform AWS EBS volume',
  z.object({
    ...common,
    availabilityZone: z.string().nullable(),
    encrypted: ZMaybeBool,
    kmsKeyId: z.string().nullable(),
  }),
);

export const terraformKmsKey = resourceType(
  'terraform.aws_kms_key',
  'Terraform AWS KMS key',
  z.object({
    ...common,
    description: z.string().nullable(),
    enableKeyRotation: ZMaybeBool,
    /** customer_master_key_spec; SYMMETRIC_DEFAULT unless set. */
    keySpec: z.string().nullable(),
    /** ENCRYPT_DECRYPT unless set. */
    keyUsage: z.string().nullable(),
  }),
);

export const terraformCloudTrail = resourceType(
  'terraform.aws_cloudtrail',
  'Terraform AWS CloudTrail trail',
  z.object({
    ...common,
    name: z.string().nullable(),
    multiRegion: ZMaybeBool,
    logFileValidation: ZMaybeBool,
    /** enable_logging: true unless set. */
    logging: ZMaybeBool,
    kmsKeyId: z.string().nullable(),
  }),
);

export const terraformLoadBalancer = resourceType(
  'terraform.aws_lb',
  'Terraform AWS load balancer (aws_lb, aws_alb)',
  z.object({
    ...common,
    name: z.string().nullable(),
    /** application unless set; network or gateway otherwise. */
    loadBalancerType: z.string().nullable(),
    internal: ZMaybeBool,
    /** The access_logs block; null when there is none. */
    accessLogs: z.object({ enabled: ZMaybeBool, bucket: z.string().nullable() }).nullable(),
  }),
);

/** An inbound rule, inline or from aws_security_group_rule / aws_vpc_security_group_ingress_rule. */
const ZTerraformRule = z.object({
  /** `-1` for every protocol (Terraform's `-1` or `all`), else tcp, udp, icmp or a number. */
  protocol: z.string(),
  fromPort: z.number().int().nullable(),
  toPort: z.number().int().nullable(),
  ipv4Ranges: z.array(z.string()),
  ipv6Ranges: z.array(z.string()),
  prefixLists: z.array(z.string()),
  sourceGroups: z.array(z.string()),
  /** Its protocol, ports or address ranges are not known before apply. */
  unresolved: z.boolean(),
});
export type TTerraformRule = z.infer<typeof ZTerraformRule>;

export const terraformSecurityGroup = resourceType(
  'terraform.aws_security_group',
  'Terraform AWS security group',
  z.object({
    ...common,
    name: z.string().nullable(),
    vpcId: z.string().nullable(),
    ingress: z.array(ZTerraformRule),
    /** Inbound rules come from a `dynamic "ingress"` block, which only a plan expands. */
    dynamicIngress: z.boolean(),
  }),
);

export const TERRAFORM_RESOURCE_TYPES = [
  terraformS3Bucket,
  terraformDbInstance,
  terraformEbsVolume,
  terraformKmsKey,
  terraformCloudTrail,
  terraformLoadBalancer,
  terraformSecurityGroup,
];

export type TTerraformS3Bucket = z.infer<typeof terraformS3Bucket.schema>;
export type TTerraformDbInstance = z.infer<typeof terraformDbInstance.schema>;
export type TTerraformEbsVolume = z.infer<typeof terraformEbsVolume.schema>;
export type TTerraformKmsKey = z.infer<typeof terraformKmsKey.schema>;
export type TTerraformCloudTrail = z.infer<typeof terraformCloudTrail.schema>;
export type TTerraformLoadBalancer = z.infer<typeof terraformLoadBalancer.schema>;
export type TTerraformSecurityGroup = z.infer<typeof terraformSecurityGroup.schema>;
