import { findingState, ocsfFinding, severityOfFinding } from '../../../src/catalog/monitoring/ocsf.ts';
import { generator, hex, iso, nullable, type TRng } from './kit.ts';

// OCSF findings as Security Hub (Compliance Findings), Prowler (PASS/FAIL status codes) and GuardDuty (1.0
// Security Findings and Detection Findings) export them: mostly new or resolved, some suppressed, spread
// over every severity and over ages on both sides of the remediation windows.

const ACCOUNT = '123456789012';
const SEVERITIES = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical', 'Fatal'];
const severityName = (id: number) => SEVERITIES[id] ?? 'Other';
const STATUSES: Record<number, string> = {
  1: 'New',
  2: 'In Progress',
  3: 'Suppressed',
  4: 'Resolved',
  5: 'Archived',
};

const CHECKS = [
  {
    control: 'S3.1',
    title: 'S3 general purpose buckets should have block public access settings enabled',
    type: 'AwsS3Bucket',
  },
  { control: 'IAM.6', title: 'Hardware MFA should be enabled for the root user', type: 'AwsAccount' },
  {
    control: 'EC2.19',
    title: 'Security groups should not allow unrestricted access to high-risk ports',
    type: 'AwsEc2SecurityGroup',
  },
  {
    control: 'RDS.3',
    title: 'RDS DB instances should have encryption at-rest enabled',
    type: 'AwsRdsDbInstance',
  },
  {
    control: 'CloudTrail.4',
    title: 'CloudTrail log file validation should be enabled',
    type: 'AwsCloudTrailTrail',
  },
  { control: 'KMS.4', title: 'AWS KMS key rotation should be enabled', type: 'AwsKmsKey' },
];
const THREATS = [
  'UnauthorizedAccess:EC2/SSHBruteForce',
  'Recon:EC2/PortProbeUnprotectedPort',
  'CryptoCurrency:EC2/BitcoinTool.B!DNS',
  'Policy:S3/BucketBlockPublicAccessDisabled',
];

/** Informational to critical, weighted the way scanners report them (few critical, many low and medium). */
const severityId = (rng: TRng) => rng.pick([1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 99]);
const statusId = (rng: TRng) => rng.pick([1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5]);

export const ocsfGenerators = [
  generator(
    ocsfFinding,
    8,
    (rng, i) => {
      const region = rng.pick(['us-east-1', 'eu-west-1']);
      const kind = rng.pick(['securityhub', 'securityhub', 'prowler', 'prowler', 'guardduty'] as const);
      const severity = severityId(rng);
      const firstSeenAt = iso(rng.int(180));
      const observedAt = iso(rng.int(2));
      if (kind === 'guardduty') {
        const legacy = rng.chance(0.5);
        const state = statusId(rng);
        const threat = rng.pick(THREATS);
        const uid = `arn:aws:guardduty:${region}:${ACCOUNT}:detector/${hex(rng, 32)}/finding/${hex(rng, 24)}${i}`;
        return {
          id: uid,
          name: threat,
          attributes: {
            classUid: legacy ? 2001 : 2004,
            uid,
            title: threat,
            product: 'Amazon GuardDuty',
            statusId: state,
            status: STATUSES[state] ?? null,
            statusCode: null,
            severityId: severity,
            severity: severityName(severity),
            compliance: null,
            resources: [{ uid: `i-${hex(rng, 17)}`, name: null, type: 'AwsEc2Instance', region }],
            firstSeenAt,
            observedAt,
          },
        };
      }
      const check = rng.pick(CHECKS);
      const resource = `arn:aws:${check.control.split('.')[0]?.toLowerCase()}:${region}:${ACCOUNT}:${check.type}/r-${i}`;
      const passed = rng.chance(0.55);
      const prowler = kind === 'prowler';
      const uid = prowler
        ? `prowler-aws-${check.control}-${ACCOUNT}-${region}-r-${i}`
        : `arn:aws:securityhub:${region}:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0/${check.control}/finding/${hex(rng, 32)}${i}`;
      const state = passed ? rng.pick([1, 4, 5]) : statusId(rng);
      return {
        id: uid,
        name: `${check.title} (${resource})`,
        attributes: {
          classUid: 2003,
          uid,
          title: check.title,
          product: prowler ? 'Prowler' : 'Security Hub',
          statusId: state,
          status: STATUSES[state] ?? null,
          statusCode: prowler ? (passed ? 'PASS' : rng.chance(0.05) ? 'MANUAL' : 'FAIL') : null,
          severityId: severity,
          severity: severityName(severity),
          compliance: {
            statusId: passed ? 1 : rng.chance(0.05) ? rng.pick([0, 2]) : 3,
            status: passed ? 'Pass' : 'Fail',
            control: check.control,
            standards: ['standards/aws-foundational-security-best-practices/v/1.0.0'],
            requirements: prowler ? [] : [`NIST.800-53.r5 ${rng.pick(['AC-3', 'SC-7', 'SC-28', 'AU-9'])}`],
          },
          resources: [{ uid: resource, name: nullable(rng, 0.5, `r-${i}`), type: check.type, region }],
          firstSeenAt,
          observedAt,
        },
      };
    },
    // An open finding is resolved; any other one is reported again as failed (an informational one as medium).
    (a) =>
      findingState(a).kind === 'open' && severityOfFinding(a.severityId) !== null
        ? { ...a, statusId: 4, status: 'Resolved' }
        : {
            ...a,
            statusId: 1,
            status: 'New',
            statusCode: a.statusCode === null ? null : 'FAIL',
            severityId: a.severityId === 1 ? 3 : a.severityId,
            severity: a.severityId === 1 ? 'Medium' : a.severity,
            compliance: a.compliance ? { ...a.compliance, statusId: 3, status: 'Fail' } : null,
          },
  ),
];
