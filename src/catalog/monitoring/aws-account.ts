import {
  fail,
  notApplicable,
  pass,
  type TTestDefinition,
  type TVerdict,
} from '../../domain/monitoring/model.ts';
import { awsAccount, type TAwsAccount, type TPublicAccessBlock } from './aws-resources.ts';
import { defineTest } from './define.ts';

// Account-wide settings: the root user, the password policy, CloudTrail, GuardDuty, EBS default encryption
// and the account's S3 public access block. One aws.account resource per integration carries them all.

/** CIS AWS Foundations 1.8 and 1.9: at least 14 characters, and the last 24 passwords remembered. */
export const MIN_PASSWORD_LENGTH = 14;
export const MIN_PASSWORD_REUSE_PREVENTION = 24;

type TTrail = TAwsAccount['trails'][number];

/** The trails that record every region and are on: the only ones that meet OPS-01 on their own. */
function loggingMultiRegionTrails(account: TAwsAccount): TTrail[] {
  return account.trails.filter((t) => t.multiRegion && t.logging);
}

function trailFields(trails: TTrail[]): Record<string, unknown> {
  return { trails: trails.map((t) => t.name) };
}

/** A CloudTrail property judged only on the trails that count: without one, the multi-region test fails. */
function judgeTrails(account: TAwsAccount, holds: (trail: TTrail) => boolean, what: string): TVerdict {
  const trails = loggingMultiRegionTrails(account);
  if (trails.length === 0)
    return notApplicable('no multi-region trail is logging (see the multi-region test)');
  const good = trails.filter(holds);
  if (good.length > 0) return pass(`${what} on ${good.map((t) => t.name).join(', ')}`, trailFields(good));
  return fail(`no logging multi-region trail has ${what}`, trailFields(trails));
}

export function fullyBlocked(block: TPublicAccessBlock | null): boolean {
  if (!block) return false;
  return (
    block.blockPublicAcls && block.ignorePublicAcls && block.blockPublicPolicy && block.restrictPublicBuckets
  );
}

export const awsAccountTests: TTestDefinition[] = [
  defineTest(awsAccount, {
    id: 'aws.root_mfa_enabled',
    title: 'The AWS root user has MFA',
    severity: 'critical',
    rationale:
      'The root user can do anything in the account, including closing it and changing billing; a password alone is one phishing email away from losing the whole account.',
    remediation:
      'Sign in as root, open Security credentials and assign an MFA device (a hardware key or passkey is best), then store the device with the root credentials under two-person custody.',
    controls: ['AC-14', 'AC-04'],
    evaluate: ({ attributes: a }) =>
      a.root.mfaActive
        ? pass('the root user has MFA', { mfaActive: true })
        : fail('the root user has no MFA device', { mfaActive: false }),
  }),
  defineTest(awsAccount, {
    id: 'aws.root_hardware_mfa',
    title: 'The AWS root user uses a hardware MFA device',
    severity: 'medium',
    rationale:
      'A virtual MFA app lives on a phone that is carried, backed up and replaced; a hardware key or passkey kept in a vault is harder to copy and is what AC-14 asks of root.',
    remediation:
      'Register a FIDO security key or hardware TOTP token for the root user, then remove the virtual MFA device.',
    controls: ['AC-14', 'AC-03'],
    evaluate: ({ attributes: a }) => {
      if (!a.root.mfaActive)
        return notApplicable('the root user has no MFA at all (see aws.root_mfa_enabled)');
      return a.root.virtualMfa
        ? fail('the root user relies on a virtual MFA app', { virtualMfa: true })
        : pass('the root user has a hardware MFA device or passkey', { virtualMfa: false });
    },
  }),
  defineTest(awsAccount, {
    id: 'aws.root_no_access_keys',
    title: 'The AWS root user has no active access keys',
    severity: 'critical',
    rationale:
      'A root access key gives unrestricted API access that no policy can limit and no MFA protects; if it leaks, the account is lost.',
    remediation:
      'Sign in as root, open Security credentials, and deactivate then delete every access key. Give automation an IAM role instead.',
    controls: ['AC-14'],
    evaluate: ({ attributes: a }) =>
      a.root.activeAccessKeys === 0
        ? pass('the root user has no active access key', { activeAccessKeys: 0 })
        : fail(`the root user has ${a.root.activeAccessKeys} active access key(s)`, {
            activeAccessKeys: a.root.activeAccessKeys,
          }),
  }),
  defineTest(awsAccount, {
    id: 'aws.password_policy_min_length',
    title: `IAM passwords are at least ${MIN_PASSWORD_LENGTH} characters`,
    severity: 'medium',
    rationale:
      'Length is what makes a password hard to guess; without an account password policy IAM accepts passwords of 8 characters.',
    remediation: `In IAM, Account settings, edit the password policy and set the minimum length to ${MIN_PASSWORD_LENGTH} or more.`,
    controls: ['AC-11'],
    evaluate: ({ attributes: a }) => {
      if (a.passwordPolicy === null)
        return fail('the account has no password policy', { passwordPolicy: null });
      const length = a.passwordPolicy.minimumLength;
      return length >= MIN_PASSWORD_LENGTH
        ? pass(`the minimum password length is ${length}`, { minimumLength: length })
        : fail(`the minimum password length is ${length}, below ${MIN_PASSWORD_LENGTH}`, {
            minimumLength: length,
          });
    },
  }),
  defineTest(awsAccount, {
    id: 'aws.password_policy_reuse_prevention',
    title: `IAM passwords cannot reuse the last ${MIN_PASSWORD_REUSE_PREVENTION}`,
    severity: 'low',
    rationale:
      'When a password must change, letting the user pick a recent one again undoes the change, including after a suspected compromise.',
    remediation: `In IAM, Account settings, edit the password policy and set "Prevent password reuse" to ${MIN_PASSWORD_REUSE_PREVENTION}.`,
    controls: ['AC-11'],
    evaluate: ({ attributes: a }) => {
      if (a.passwordPolicy === null)
        return fail('the account has no password policy', { passwordPolicy: null });
      const reuse = a.passwordPolicy.reusePrevention;
      if (reuse === null) return fail('password reuse is not prevented', { reusePrevention: null });
      return reuse >= MIN_PASSWORD_REUSE_PREVENTION
        ? pass(`the last ${reuse} passwords cannot be reused`, { reusePrevention: reuse })
        : fail(`only the last ${reuse} passwords are remembered`, { reusePrevention: reuse });
    },
  }),
  defineTest(awsAccount, {
    id: 'aws.cloudtrail_multi_region_logging',
    title: 'A multi-region CloudTrail trail is logging',
    severity: 'high',
    rationale:
      'Without a trail that covers every region, API activity in an unwatched region, where an attacker would go, leaves no lasting record.',
    remediation:
      'Create (or convert) a trail with "Apply trail to all regions" on, deliver it to a bucket in the logging account, and make sure logging is started.',
    controls: ['OPS-01'],
    evaluate: ({ attributes: a }) => {
      const trails = loggingMultiRegionTrails(a);
      if (trails.length > 0) return pass(`${trails[0]?.name} records every region`, trailFields(trails));
      const stopped = a.trails.filter((t) => t.multiRegion);
      return fail(
        stopped.length > 0
          ? `multi-region trail(s) ${stopped.map((t) => t.name).join(', ')} are not logging`
          : 'no trail covers every region',
        { trails: a.trails.map((t) => ({ name: t.name, multiRegion: t.multiRegion, logging: t.logging })) },
      );
    },
  }),
  defineTest(awsAccount, {
    id: 'aws.cloudtrail_log_file_validation',
    title: 'CloudTrail log file validation is on',
    severity: 'medium',
    rationale:
      'Digest files let you prove that log files were not changed or deleted after delivery, which an auditor and an investigation both rely on.',
    remediation: 'Edit the multi-region trail and turn on "Log file validation".',
    controls: ['OPS-01', 'OPS-02'],
    evaluate: ({ attributes: a }) => judgeTrails(a, (t) => t.logFileValidation, 'log file validation'),
  }),
  defineTest(awsAccount, {
    id: 'aws.cloudtrail_kms_encrypted',
    title: 'CloudTrail logs are encrypted with a KMS key',
    severity: 'low',
    rationale:
      'With a customer-managed KMS key, reading the logs needs kms:Decrypt as well as access to the bucket, so the key policy limits who can read them.',
    remediation:
      'Create a customer-managed KMS key whose policy lets CloudTrail encrypt, then set it as the trail\'s "Log file SSE-KMS encryption" key.',
    controls: ['OPS-02', 'OPS-15'],
    evaluate: ({ attributes: a }) => judgeTrails(a, (t) => t.kmsKeyId !== null, 'KMS encryption'),
  }),
  defineTest(awsAccount, {
    id: 'aws.cloudtrail_cloudwatch_delivery',
    title: 'CloudTrail delivers to CloudWatch Logs',
    severity: 'low',
    rationale:
      'Alerts on root sign-in, IAM policy changes or disabled logging are built on CloudWatch metric filters over the trail; a trail that only writes to S3 cannot raise them.',
    remediation:
      'Edit the multi-region trail, enable CloudWatch Logs delivery to a log group, then add metric filters and alarms for the events OPS-04 lists.',
    controls: ['OPS-04'],
    evaluate: ({ attributes: a }) =>
      judgeTrails(a, (t) => t.cloudWatchLogGroupArn !== null, 'CloudWatch Logs delivery'),
  }),
  defineTest(awsAccount, {
    id: 'aws.guardduty_enabled',
    title: 'GuardDuty is enabled in every collected region',
    severity: 'high',
    rationale:
      'GuardDuty watches CloudTrail, DNS and flow logs for known attack patterns; a region without it is where misuse such as crypto-mining goes unnoticed.',
    remediation:
      'Enable GuardDuty in each listed region (with AWS Organizations, from the delegated administrator with auto-enable for all accounts).',
    controls: ['OPS-05'],
    evaluate: ({ attributes: a }) => {
      const off = a.guardDuty
        .filter((r) => !r.detectors.some((d) => d.status === 'ENABLED'))
        .map((r) => r.region);
      return off.length === 0
        ? pass(`GuardDuty is enabled in ${a.guardDuty.length} region(s)`, { regions: a.regions })
        : fail(`GuardDuty is not enabled in ${off.join(', ')}`, { regionsWithout: off });
    },
  }),
  defineTest(awsAccount, {
    id: 'aws.ebs_default_encryption',
    title: 'EBS encryption by default is on in every collected region',
    severity: 'medium',
    rationale:
      'With the account setting on, every new volume and snapshot copy is encrypted, whoever creates it and however; without it, encryption depends on each launch template.',
    remediation:
      'In EC2, Settings, "EBS encryption", turn on "Always encrypt new EBS volumes" in each listed region (aws ec2 enable-ebs-encryption-by-default).',
    controls: ['CRY-02'],
    evaluate: ({ attributes: a }) => {
      const off = a.ebsEncryptionByDefault.filter((r) => !r.enabled).map((r) => r.region);
      return off.length === 0
        ? pass('new EBS volumes are encrypted in every collected region', { regions: a.regions })
        : fail(`EBS encryption by default is off in ${off.join(', ')}`, { regionsWithout: off });
    },
  }),
  defineTest(awsAccount, {
    id: 'aws.s3_account_public_access_block',
    title: 'S3 public access is blocked for the whole account',
    severity: 'high',
    rationale:
      'The account-level block overrides any bucket policy or ACL that would make data public, including on buckets created later by someone who forgets.',
    remediation:
      'In S3, "Block Public Access settings for this account", turn on all four settings. Serve public assets through CloudFront with origin access control instead of public buckets.',
    controls: ['NET-12'],
    evaluate: ({ attributes: a }) =>
      fullyBlocked(a.s3PublicAccessBlock)
        ? pass('all four account-level public access switches are on', { block: a.s3PublicAccessBlock })
        : fail(
            a.s3PublicAccessBlock === null
              ? 'the account has no S3 public access block'
              : 'the account-level S3 public access block is only partly on',
            { block: a.s3PublicAccessBlock },
          ),
  }),
];
