import { z } from 'zod';

// The fields the collector reads from each AWS response, as the SDK v3 hands them over (already decoded
// from XML or JSON: timestamps are Dates, blobs are bytes). Anything else in a response is dropped; a
// field we rely on that is missing or of another type fails the collection instead of guessing.

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .optional()
    .transform((items) => items ?? []);

// STS
export const ZCallerIdentity = z.object({
  Account: z.string().regex(/^\d{12}$/),
  Arn: z.string().startsWith('arn:'),
});
export const ZAssumeRole = z.object({
  Credentials: z.object({
    AccessKeyId: z.string(),
    SecretAccessKey: z.string(),
    SessionToken: z.string(),
    Expiration: z.date(),
  }),
});

// IAM
export const ZGenerateCredentialReport = z.object({
  State: z.enum(['STARTED', 'INPROGRESS', 'COMPLETE']),
});
export const ZGetCredentialReport = z.object({
  Content: z.instanceof(Uint8Array),
  ReportFormat: z.literal('text/csv').optional(),
  GeneratedTime: z.date().optional(),
});
export const ZPasswordPolicy = z.object({
  PasswordPolicy: z.object({
    MinimumPasswordLength: z.number().int().optional(),
    RequireSymbols: z.boolean().optional(),
    RequireNumbers: z.boolean().optional(),
    RequireUppercaseCharacters: z.boolean().optional(),
    RequireLowercaseCharacters: z.boolean().optional(),
    MaxPasswordAge: z.number().int().optional(),
    PasswordReusePrevention: z.number().int().optional(),
  }),
});
export const ZVirtualMfaPage = z.object({
  VirtualMFADevices: list(
    z.object({
      SerialNumber: z.string(),
      User: z.object({ Arn: z.string() }).optional(),
    }),
  ),
});

// EC2
export const ZEbsEncryptionByDefault = z.object({ EbsEncryptionByDefault: z.boolean() });
const ZIpPermission = z.object({
  IpProtocol: z.string(),
  FromPort: z.number().int().optional(),
  ToPort: z.number().int().optional(),
  IpRanges: list(z.object({ CidrIp: z.string() })),
  Ipv6Ranges: list(z.object({ CidrIpv6: z.string() })),
  PrefixListIds: list(z.object({ PrefixListId: z.string() })),
  UserIdGroupPairs: list(z.object({ GroupId: z.string().optional() })),
});
export type TIpPermission = z.infer<typeof ZIpPermission>;
export const ZSecurityGroupPage = z.object({
  SecurityGroups: list(
    z.object({
      GroupId: z.string(),
      GroupName: z.string(),
      OwnerId: z.string(),
      VpcId: z.string().optional(),
      SecurityGroupArn: z.string().optional(),
      IpPermissions: list(ZIpPermission),
      IpPermissionsEgress: list(ZIpPermission),
    }),
  ),
});
export const ZVpcPage = z.object({
  Vpcs: list(
    z.object({
      VpcId: z.string(),
      OwnerId: z.string(),
      CidrBlock: z.string().optional(),
      IsDefault: z.boolean().optional(),
      Tags: list(z.object({ Key: z.string(), Value: z.string() })),
    }),
  ),
});
export const ZFlowLogPage = z.object({
  FlowLogs: list(
    z.object({
      FlowLogId: z.string(),
      ResourceId: z.string(),
      FlowLogStatus: z.string(),
      TrafficType: z.string().optional(),
      LogDestinationType: z.string().optional(),
    }),
  ),
});

// RDS
const rdsSettings = {
  StorageEncrypted: z.boolean(),
  BackupRetentionPeriod: z.number().int(),
  DeletionProtection: z.boolean().optional(),
  MultiAZ: z.boolean().optional(),
};
export const ZDbInstancePage = z.object({
  DBInstances: list(
    z.object({
      DBInstanceIdentifier: z.string(),
      DBInstanceArn: z.string(),
      Engine: z.string(),
      DBInstanceStatus: z.string(),
      ...rdsSettings,
      PubliclyAccessible: z.boolean(),
      AutoMinorVersionUpgrade: z.boolean(),
      DBClusterIdentifier: z.string().optional(),
      ReadReplicaSourceDBInstanceIdentifier: z.string().optional(),
      ReadReplicaSourceDBClusterIdentifier: z.string().optional(),
    }),
  ),
});
export const ZDbClusterPage = z.object({
  DBClusters: list(z.object({ DBClusterIdentifier: z.string(), ...rdsSettings })),
});

// KMS
export const ZKeyPage = z.object({ Keys: list(z.object({ KeyId: z.string() })) });
export const ZDescribeKey = z.object({
  KeyMetadata: z.object({
    KeyId: z.string(),
    Arn: z.string(),
    Description: z.string().optional(),
    KeyManager: z.string(),
    KeyState: z.string(),
    KeySpec: z.string().optional(),
    KeyUsage: z.string().optional(),
    Origin: z.string().optional(),
    DeletionDate: z.date().optional(),
  }),
});
export const ZKeyRotationStatus = z.object({
  KeyRotationEnabled: z.boolean(),
  RotationPeriodInDays: z.number().int().optional(),
});

// GuardDuty
export const ZDetectorPage = z.object({ DetectorIds: list(z.string()) });
export const ZDetector = z.object({ Status: z.string() });

// CloudTrail
export const ZDescribeTrails = z.object({
  trailList: list(
    z.object({
      Name: z.string(),
      TrailARN: z.string(),
      HomeRegion: z.string(),
      IsMultiRegionTrail: z.boolean().optional(),
      IsOrganizationTrail: z.boolean().optional(),
      LogFileValidationEnabled: z.boolean().optional(),
      KmsKeyId: z.string().optional(),
      CloudWatchLogsLogGroupArn: z.string().optional(),
    }),
  ),
});
export const ZTrailStatus = z.object({ IsLogging: z.boolean() });

// S3 and S3 Control
export const ZBucketPage = z.object({
  Buckets: list(
    z.object({
      Name: z.string(),
      CreationDate: z.date().optional(),
      BucketRegion: z.string().optional(),
    }),
  ),
});
export const ZBucketLocation = z.object({ LocationConstraint: z.string().optional() });
export const ZPublicAccessBlock = z.object({
  PublicAccessBlockConfiguration: z.object({
    BlockPublicAcls: z.boolean().optional(),
    IgnorePublicAcls: z.boolean().optional(),
    BlockPublicPolicy: z.boolean().optional(),
    RestrictPublicBuckets: z.boolean().optional(),
  }),
});
export const ZBucketEncryption = z.object({
  ServerSideEncryptionConfiguration: z.object({
    Rules: list(
      z.object({
        ApplyServerSideEncryptionByDefault: z
          .object({ SSEAlgorithm: z.string(), KMSMasterKeyID: z.string().optional() })
          .optional(),
      }),
    ),
  }),
});
export const ZBucketVersioning = z.object({ Status: z.enum(['Enabled', 'Suspended']).optional() });

// The IAM credential report (CSV). Dates are ISO 8601; "N/A", "no_information" and "not_supported" stand
// for none. Only the columns the collector reads are required.
const ZFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const ZReportDate = z
  .string()
  .refine((v) => ['N/A', 'no_information', 'not_supported'].includes(v) || !Number.isNaN(Date.parse(v)), {
    message: 'not a date',
  })
  .transform((v) => (Number.isNaN(Date.parse(v)) ? null : new Date(v).toISOString()));
const ZRequiredReportDate = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const ZReportText = z.string().transform((v) => (v === 'N/A' || v === '' ? null : v));
export const ZCredentialReportRow = z.object({
  user: z.string().min(1),
  arn: z.string().startsWith('arn:'),
  user_creation_time: ZRequiredReportDate,
  password_enabled: z.enum(['true', 'false', 'not_supported']).transform((v) => v === 'true'),
  password_last_used: ZReportDate,
  password_last_changed: ZReportDate,
  mfa_active: ZFlag,
  access_key_1_active: ZFlag,
  access_key_1_last_rotated: ZReportDate,
  access_key_1_last_used_date: ZReportDate,
  access_key_1_last_used_service: ZReportText,
  access_key_2_active: ZFlag,
  access_key_2_last_rotated: ZReportDate,
  access_key_2_last_used_date: ZReportDate,
  access_key_2_last_used_service: ZReportText,
});
export type TCredentialReportRow = z.infer<typeof ZCredentialReportRow>;

// Elastic Load Balancing v2, WAFv2 and CloudFront: what sits in front of an application.
export const ZLoadBalancerPage = z.object({
  LoadBalancers: list(
    z.object({
      LoadBalancerArn: z.string(),
      LoadBalancerName: z.string(),
      DNSName: z.string().optional(),
      Scheme: z.string(),
      Type: z.string(),
      VpcId: z.string().optional(),
      State: z.object({ Code: z.string() }).optional(),
    }),
  ),
});
/** WAF answers without a WebACL when none is associated. */
export const ZWebAclForResource = z.object({
  WebACL: z.object({ Name: z.string(), Id: z.string(), ARN: z.string() }).optional(),
});
export const ZDistributionPage = z.object({
  DistributionList: z.object({
    Items: list(
      z.object({
        Id: z.string(),
        ARN: z.string(),
        DomainName: z.string(),
        Status: z.string(),
        Enabled: z.boolean(),
        Aliases: z.object({ Items: list(z.string()) }).optional(),
        /** A WAFv2 web ACL's ARN, a WAF Classic web ACL's id, or empty when none is attached. */
        WebACLId: z.string(),
        DefaultCacheBehavior: z.object({ ViewerProtocolPolicy: z.string() }),
      }),
    ),
  }),
});
