import { z } from 'zod';
import { resourceType } from './define.ts';

// What the AWS collector observes, as resource types. Dates are ISO 8601 UTC strings; null means AWS
// reports none (a credential never used, a setting never configured). Each type keeps the raw settings,
// never a judgement: the tests in aws-*.ts decide.

const ZIsoDate = z.iso.datetime();

/** The four switches of an S3 public access block; a switch AWS omits is off. */
export const ZPublicAccessBlock = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});
export type TPublicAccessBlock = z.infer<typeof ZPublicAccessBlock>;

export const awsAccount = resourceType(
  'aws.account',
  'AWS account',
  z.object({
    accountId: z.string().regex(/^\d{12}$/),
    /** The regions the integration collects; per-region settings below cover exactly these. */
    regions: z.array(z.string()).min(1),
    credentialReportGeneratedAt: ZIsoDate.nullable(),
    /** The credential report row `<root_account>`. */
    root: z.object({
      mfaActive: z.boolean(),
      /** An assigned virtual (app) MFA device; false with MFA active means a hardware key or passkey. */
      virtualMfa: z.boolean(),
      activeAccessKeys: z.number().int().min(0),
      passwordLastUsed: ZIsoDate.nullable(),
    }),
    /** null: the account has no password policy, so IAM's defaults apply. */
    passwordPolicy: z
      .object({
        minimumLength: z.number().int(),
        /** How many previous passwords cannot be reused; null: reuse is not prevented. */
        reusePrevention: z.number().int().nullable(),
        maxAgeDays: z.number().int().nullable(),
        requireSymbols: z.boolean(),
        requireNumbers: z.boolean(),
        requireUppercase: z.boolean(),
        requireLowercase: z.boolean(),
      })
      .nullable(),
    /** Every trail seen from the collected regions, once each (a multi-region trail shows in all of them). */
    trails: z.array(
      z.object({
        name: z.string(),
        arn: z.string(),
        homeRegion: z.string(),
        multiRegion: z.boolean(),
        organizationTrail: z.boolean(),
        logging: z.boolean(),
        logFileValidation: z.boolean(),
        kmsKeyId: z.string().nullable(),
        cloudWatchLogGroupArn: z.string().nullable(),
      }),
    ),
    guardDuty: z.array(
      z.object({
        region: z.string(),
        detectors: z.array(z.object({ id: z.string(), status: z.string() })),
      }),
    ),
    ebsEncryptionByDefault: z.array(z.object({ region: z.string(), enabled: z.boolean() })),
    /** The account-wide S3 public access block; null when none is configured. */
    s3PublicAccessBlock: ZPublicAccessBlock.nullable(),
  }),
);

export const awsIamUser = resourceType(
  'aws.iam.user',
  'AWS IAM user',
  z.object({
    userName: z.string(),
    arn: z.string(),
    createdAt: ZIsoDate,
    passwordEnabled: z.boolean(),
    passwordLastUsed: ZIsoDate.nullable(),
    passwordLastChanged: ZIsoDate.nullable(),
    mfaActive: z.boolean(),
    /** The user's access keys (slot 1 and 2 of the report), only slots that hold a key. */
    accessKeys: z.array(
      z.object({
        slot: z.number().int().min(1).max(2),
        active: z.boolean(),
        lastRotated: ZIsoDate.nullable(),
        lastUsed: ZIsoDate.nullable(),
        lastUsedService: z.string().nullable(),
      }),
    ),
  }),
);

export const awsS3Bucket = resourceType(
  'aws.s3.bucket',
  'AWS S3 bucket',
  z.object({
    name: z.string(),
    region: z.string(),
    createdAt: ZIsoDate.nullable(),
    /** The bucket's own block; null when none is set. */
    publicAccessBlock: ZPublicAccessBlock.nullable(),
    /** The account's block, which S3 combines with the bucket's switch by switch. */
    accountPublicAccessBlock: ZPublicAccessBlock.nullable(),
    /** Default encryption; null when the bucket has none. */
    encryption: z.object({ algorithm: z.string(), kmsKeyId: z.string().nullable() }).nullable(),
    versioning: z.enum(['enabled', 'suspended', 'never_enabled']),
  }),
);

const ZRdsSettings = {
  storageEncrypted: z.boolean(),
  backupRetentionDays: z.number().int().min(0),
  deletionProtection: z.boolean(),
  multiAz: z.boolean(),
};

export const awsRdsInstance = resourceType(
  'aws.rds.instance',
  'AWS RDS database instance',
  z.object({
    identifier: z.string(),
    region: z.string(),
    engine: z.string(),
    status: z.string(),
    ...ZRdsSettings,
    publiclyAccessible: z.boolean(),
    autoMinorVersionUpgrade: z.boolean(),
    /** The source instance or cluster when this is a read replica. */
    replicaOf: z.string().nullable(),
    /** Aurora and other cluster members: storage, backups and deletion protection belong to the cluster. */
    cluster: z.object({ identifier: z.string(), ...ZRdsSettings }).nullable(),
  }),
);

const ZSecurityGroupRule = z.object({
  /** `-1` for every protocol, else tcp, udp, icmp, icmpv6 or a protocol number. */
  protocol: z.string(),
  fromPort: z.number().int().nullable(),
  toPort: z.number().int().nullable(),
  ipv4Ranges: z.array(z.string()),
  ipv6Ranges: z.array(z.string()),
  prefixLists: z.array(z.string()),
  sourceGroups: z.array(z.string()),
});
export type TSecurityGroupRule = z.infer<typeof ZSecurityGroupRule>;

export const awsSecurityGroup = resourceType(
  'aws.ec2.security_group',
  'AWS EC2 security group',
  z.object({
    groupId: z.string(),
    groupName: z.string(),
    vpcId: z.string().nullable(),
    region: z.string(),
    /** The group AWS creates with each VPC, named `default`. */
    isDefault: z.boolean(),
    ingress: z.array(ZSecurityGroupRule),
    egress: z.array(ZSecurityGroupRule),
  }),
);

export const awsVpc = resourceType(
  'aws.ec2.vpc',
  'AWS VPC',
  z.object({
    vpcId: z.string(),
    region: z.string(),
    isDefault: z.boolean(),
    cidrBlock: z.string().nullable(),
    flowLogs: z.array(
      z.object({
        id: z.string(),
        status: z.string(),
        trafficType: z.string(),
        destinationType: z.string().nullable(),
      }),
    ),
  }),
);

export const awsKmsKey = resourceType(
  'aws.kms.key',
  'AWS KMS key',
  z.object({
    keyId: z.string(),
    region: z.string(),
    description: z.string(),
    /** CUSTOMER keys are the account's own; AWS keys are managed (and rotated) by AWS. */
    manager: z.string(),
    state: z.string(),
    spec: z.string(),
    usage: z.string(),
    origin: z.string(),
    deletionDate: ZIsoDate.nullable(),
    /** null when rotation does not apply (AWS managed, asymmetric, HMAC or imported keys) or cannot be read. */
    rotationEnabled: z.boolean().nullable(),
    rotationPeriodDays: z.number().int().nullable(),
  }),
);

/** The web ACL in front of a resource: a WAFv2 web ACL's ARN and name, or a WAF Classic web ACL's id. */
const ZWebAcl = z.object({ id: z.string(), name: z.string().nullable() });

export const awsLoadBalancer = resourceType(
  'aws.elbv2.load_balancer',
  'AWS Elastic Load Balancing v2 load balancer',
  z.object({
    name: z.string(),
    region: z.string(),
    /** application, network or gateway. */
    loadBalancerType: z.string(),
    /** internet-facing or internal. */
    scheme: z.string(),
    dnsName: z.string().nullable(),
    vpcId: z.string().nullable(),
    state: z.string().nullable(),
    /** Looked up for internet-facing application load balancers only (WAF attaches to no other kind); null otherwise or when none is associated. */
    webAcl: ZWebAcl.nullable(),
  }),
);

export const awsCloudFrontDistribution = resourceType(
  'aws.cloudfront.distribution',
  'AWS CloudFront distribution',
  z.object({
    distributionId: z.string(),
    domainName: z.string(),
    aliases: z.array(z.string()),
    enabled: z.boolean(),
    status: z.string(),
    /** allow-all, redirect-to-https or https-only, for the default cache behaviour. */
    viewerProtocolPolicy: z.string(),
    /** null when no web ACL is attached. */
    webAcl: ZWebAcl.nullable(),
  }),
);

export type TAwsAccount = z.infer<typeof awsAccount.schema>;
export type TAwsIamUser = z.infer<typeof awsIamUser.schema>;
export type TAwsS3Bucket = z.infer<typeof awsS3Bucket.schema>;
export type TAwsRdsInstance = z.infer<typeof awsRdsInstance.schema>;
export type TAwsSecurityGroup = z.infer<typeof awsSecurityGroup.schema>;
export type TAwsVpc = z.infer<typeof awsVpc.schema>;
export type TAwsKmsKey = z.infer<typeof awsKmsKey.schema>;
export type TAwsLoadBalancer = z.infer<typeof awsLoadBalancer.schema>;
export type TAwsCloudFrontDistribution = z.infer<typeof awsCloudFrontDistribution.schema>;
