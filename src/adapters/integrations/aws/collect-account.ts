import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { GetAccountPasswordPolicyCommand, paginateListVirtualMFADevices } from '@aws-sdk/client-iam';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { z } from 'zod';
import type { TAwsAccount, TPublicAccessBlock } from '../../../catalog/monitoring/aws.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TAwsSession } from './clients.ts';
import { activeRootKeys, type TCredentialReport } from './credential-report.ts';
import { parseResponse, send, sendOrAbsent } from './errors.ts';
import {
  ZDescribeTrails,
  ZDetector,
  ZDetectorPage,
  ZEbsEncryptionByDefault,
  ZPasswordPolicy,
  ZPublicAccessBlock,
  ZTrailStatus,
  ZVirtualMfaPage,
} from './schemas.ts';

// The account-wide settings that make up the aws.account resource.

async function passwordPolicy(session: TAwsSession): Promise<TAwsAccount['passwordPolicy']> {
  const call = { action: 'iam:GetAccountPasswordPolicy' };
  // IAM answers NoSuchEntity when the account never set a policy: that is an observation, not a failure.
  const out = await sendOrAbsent(call, ['NoSuchEntity', 'NoSuchEntityException'], () =>
    session.iam().send(new GetAccountPasswordPolicyCommand({}), { abortSignal: session.signal }),
  );
  if (out === null) return null;
  const p = parseResponse(ZPasswordPolicy, out, call).PasswordPolicy;
  return {
    // IAM's documented default when the field is absent.
    minimumLength: p.MinimumPasswordLength ?? 6,
    reusePrevention: p.PasswordReusePrevention ?? null,
    maxAgeDays: p.MaxPasswordAge ?? null,
    requireSymbols: p.RequireSymbols ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireUppercase: p.RequireUppercaseCharacters ?? false,
    requireLowercase: p.RequireLowercaseCharacters ?? false,
  };
}

/** Root's MFA device is virtual when it appears among the assigned virtual devices. */
async function rootUsesVirtualMfa(session: TAwsSession): Promise<boolean> {
  const call = { action: 'iam:ListVirtualMFADevices' };
  return send(call, async () => {
    for await (const page of paginateListVirtualMFADevices(
      { client: session.iam() },
      { AssignmentStatus: 'Assigned' },
    )) {
      const devices = parseResponse(ZVirtualMfaPage, page, call).VirtualMFADevices;
      if (
        devices.some(
          (d) => d.User?.Arn.endsWith(':root') || d.SerialNumber.endsWith(':mfa/root-account-mfa-device'),
        )
      )
        return true;
    }
    return false;
  });
}

async function trails(session: TAwsSession): Promise<TAwsAccount['trails']> {
  // A multi-region trail is listed in every region (as a shadow trail): keep each ARN once.
  const seen = new Map<
    string,
    { region: string; trail: z.infer<typeof ZDescribeTrails>['trailList'][number] }
  >();
  for (const region of session.regions) {
    const call = { action: 'cloudtrail:DescribeTrails', region };
    const out = await send(call, () =>
      session.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }), {
        abortSignal: session.signal,
      }),
    );
    for (const trail of parseResponse(ZDescribeTrails, out, call).trailList) {
      if (!seen.has(trail.TrailARN)) seen.set(trail.TrailARN, { region, trail });
    }
  }
  return Promise.all(
    [...seen.values()].map(async ({ region: seenIn, trail }) => {
      // Ask the trail's home region when we collect it; a shadow trail's status is readable by ARN elsewhere.
      const region = session.regions.includes(trail.HomeRegion) ? trail.HomeRegion : seenIn;
      const call = { action: 'cloudtrail:GetTrailStatus', region };
      const status = parseResponse(
        ZTrailStatus,
        await send(call, () =>
          session.cloudTrail(region).send(new GetTrailStatusCommand({ Name: trail.TrailARN }), {
            abortSignal: session.signal,
          }),
        ),
        call,
      );
      return {
        name: trail.Name,
        arn: trail.TrailARN,
        homeRegion: trail.HomeRegion,
        multiRegion: trail.IsMultiRegionTrail ?? false,
        organizationTrail: trail.IsOrganizationTrail ?? false,
        logging: status.IsLogging,
        logFileValidation: trail.LogFileValidationEnabled ?? false,
        kmsKeyId: trail.KmsKeyId ?? null,
        cloudWatchLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null,
      };
    }),
  );
}

async function guardDuty(session: TAwsSession, region: string): Promise<TAwsAccount['guardDuty'][number]> {
  const client = session.guardDuty(region);
  const list = { action: 'guardduty:ListDetectors', region };
  const ids = await send(list, async () => {
    const found: string[] = [];
    for await (const page of paginateListDetectors({ client }, {}))
      found.push(...parseResponse(ZDetectorPage, page, list).DetectorIds);
    return found;
  });
  const get = { action: 'guardduty:GetDetector', region };
  const detectors = await Promise.all(
    ids.map(async (id) => {
      const out = await send(get, () =>
        client.send(new GetDetectorCommand({ DetectorId: id }), { abortSignal: session.signal }),
      );
      return { id, status: parseResponse(ZDetector, out, get).Status };
    }),
  );
  return { region, detectors };
}

async function ebsDefault(
  session: TAwsSession,
  region: string,
): Promise<{ region: string; enabled: boolean }> {
  const call = { action: 'ec2:GetEbsEncryptionByDefault', region };
  const out = await send(call, () =>
    session.ec2(region).send(new GetEbsEncryptionByDefaultCommand({}), { abortSignal: session.signal }),
  );
  return { region, enabled: parseResponse(ZEbsEncryptionByDefault, out, call).EbsEncryptionByDefault };
}

export function toPublicAccessBlock(
  out: unknown,
  call: { action: string; region?: string },
): TPublicAccessBlock {
  const c = parseResponse(ZPublicAccessBlock, out, call).PublicAccessBlockConfiguration;
  return {
    blockPublicAcls: c.BlockPublicAcls ?? false,
    ignorePublicAcls: c.IgnorePublicAcls ?? false,
    blockPublicPolicy: c.BlockPublicPolicy ?? false,
    restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
}

export async function accountPublicAccessBlock(session: TAwsSession): Promise<TPublicAccessBlock | null> {
  const call = { action: 's3:GetAccountPublicAccessBlock' };
  const out = await sendOrAbsent(call, ['NoSuchPublicAccessBlockConfiguration'], () =>
    session.s3Control().send(new GetPublicAccessBlockCommand({ AccountId: session.accountId }), {
      abortSignal: session.signal,
    }),
  );
  return out === null ? null : toPublicAccessBlock(out, call);
}

export async function collectAccount(
  session: TAwsSession,
  report: TCredentialReport,
  s3PublicAccessBlock: TPublicAccessBlock | null,
): Promise<TResource<TAwsAccount>> {
  const [policy, virtualMfa, trailList, detectors, ebs] = await Promise.all([
    passwordPolicy(session),
    rootUsesVirtualMfa(session),
    trails(session),
    Promise.all(session.regions.map((r) => guardDuty(session, r))),
    Promise.all(session.regions.map((r) => ebsDefault(session, r))),
  ]);
  return {
    type: 'aws.account',
    id: session.accountId,
    name: `AWS account ${session.accountId}`,
    attributes: {
      accountId: session.accountId,
      regions: session.regions,
      credentialReportGeneratedAt: report.generatedAt,
      root: {
        mfaActive: report.root.mfa_active,
        virtualMfa,
        activeAccessKeys: activeRootKeys(report.root),
        passwordLastUsed: report.root.password_last_used,
      },
      passwordPolicy: policy,
      trails: trailList,
      guardDuty: detectors,
      ebsEncryptionByDefault: ebs,
      s3PublicAccessBlock,
    },
  };
}
