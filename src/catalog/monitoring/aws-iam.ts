import { fail, notApplicable, pass, type TTestDefinition } from '../../domain/monitoring/model.ts';
import { awsIamUser, type TAwsIamUser } from './aws-resources.ts';
import { defineTest } from './define.ts';

// IAM users as the credential report describes them. Root is not among them: its row becomes part of
// aws.account. Ages count whole days before the evaluation's `now`.

/** AC-12 and AC-16 both say 90 days: rotate keys within it, disable credentials unused for it. */
export const MAX_CREDENTIAL_AGE_DAYS = 90;

const DAY_MS = 86_400_000;

export function daysSince(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}

type TAccessKey = TAwsIamUser['accessKeys'][number];

function activeKeys(user: TAwsIamUser): TAccessKey[] {
  return user.accessKeys.filter((k) => k.active);
}

/** When a credential last proved useful: its last use, else when it was issued (never used since). */
function lastSign(used: string | null, issued: string): { date: string; used: boolean } {
  return used === null ? { date: issued, used: false } : { date: used, used: true };
}

export const awsIamTests: TTestDefinition[] = [
  defineTest(awsIamUser, {
    id: 'aws.iam_user_console_mfa',
    title: 'IAM users who can sign in to the console have MFA',
    severity: 'high',
    rationale:
      "A console password without a second factor can be phished or guessed and gives that user's full permissions from any browser.",
    remediation:
      "Assign an MFA device to the user (IAM, Users, Security credentials), or remove the console password if the user does not need it. Better still, move people to IAM Identity Center with the identity provider's MFA.",
    controls: ['AC-04', 'AC-02'],
    evaluate: ({ attributes: u }) => {
      if (!u.passwordEnabled) return notApplicable('the user has no console password');
      return u.mfaActive
        ? pass('the console user has MFA', { mfaActive: true })
        : fail('the user can sign in to the console without MFA', {
            passwordEnabled: true,
            mfaActive: false,
          });
    },
  }),
  defineTest(awsIamUser, {
    id: 'aws.iam_access_key_rotated',
    title: `Active IAM access keys are younger than ${MAX_CREDENTIAL_AGE_DAYS} days`,
    severity: 'medium',
    rationale:
      'Long-lived keys end up in laptops, CI logs and old repositories; rotating them limits how long a leaked copy keeps working.',
    remediation:
      'Create a second key, move the workload to it, deactivate and delete the old one; where possible replace the key with a role (OIDC for CI, instance or task roles for workloads).',
    controls: ['AC-12'],
    evaluate: ({ attributes: u }, { now }) => {
      const keys = activeKeys(u);
      if (keys.length === 0) return notApplicable('the user has no active access key');
      const old = keys
        .map((k) => ({ slot: k.slot, ageDays: daysSince(k.lastRotated ?? u.createdAt, now) }))
        .filter((k) => k.ageDays > MAX_CREDENTIAL_AGE_DAYS);
      if (old.length === 0)
        return pass(`${keys.length} active key(s), all rotated within ${MAX_CREDENTIAL_AGE_DAYS} days`);
      return fail(`access key ${old.map((k) => `${k.slot} is ${k.ageDays} days old`).join(', key ')}`, {
        keys: old,
      });
    },
  }),
  defineTest(awsIamUser, {
    id: 'aws.iam_password_unused_disabled',
    title: `Console passwords unused for ${MAX_CREDENTIAL_AGE_DAYS} days are removed`,
    severity: 'medium',
    rationale:
      'A password nobody uses is one nobody would notice being used by someone else; it usually belongs to a person who left or changed roles.',
    remediation:
      "Confirm with the user's manager whether the access is still needed; if not, delete the login profile (console password), and delete the user if nothing else uses it.",
    controls: ['AC-16'],
    evaluate: ({ attributes: u }, { now }) => {
      if (!u.passwordEnabled) return notApplicable('the user has no console password');
      const sign = lastSign(u.passwordLastUsed, u.passwordLastChanged ?? u.createdAt);
      const days = daysSince(sign.date, now);
      const fields = { passwordLastUsed: u.passwordLastUsed, days };
      if (days <= MAX_CREDENTIAL_AGE_DAYS)
        return pass(`the password was ${sign.used ? 'used' : 'set'} ${days} days ago`, fields);
      return fail(
        sign.used
          ? `the password was last used ${days} days ago`
          : `the password was set ${days} days ago and never used`,
        fields,
      );
    },
  }),
  defineTest(awsIamUser, {
    id: 'aws.iam_access_key_unused_disabled',
    title: `Access keys unused for ${MAX_CREDENTIAL_AGE_DAYS} days are deactivated`,
    severity: 'medium',
    rationale:
      'An active key that nothing uses is pure exposure: it can only be used by someone who should not have it.',
    remediation: 'Deactivate the key, wait a week for anything that breaks, then delete it.',
    controls: ['AC-16', 'AC-12'],
    evaluate: ({ attributes: u }, { now }) => {
      const keys = activeKeys(u);
      if (keys.length === 0) return notApplicable('the user has no active access key');
      const idle = keys
        .map((k) => {
          const sign = lastSign(k.lastUsed, k.lastRotated ?? u.createdAt);
          return { slot: k.slot, everUsed: sign.used, days: daysSince(sign.date, now) };
        })
        .filter((k) => k.days > MAX_CREDENTIAL_AGE_DAYS);
      if (idle.length === 0) return pass(`every active key was used within ${MAX_CREDENTIAL_AGE_DAYS} days`);
      return fail(
        idle
          .map((k) =>
            k.everUsed
              ? `key ${k.slot} last used ${k.days} days ago`
              : `key ${k.slot} never used in ${k.days} days`,
          )
          .join('; '),
        { keys: idle },
      );
    },
  }),
  defineTest(awsIamUser, {
    id: 'aws.iam_single_active_access_key',
    title: 'IAM users have at most one active access key',
    severity: 'low',
    rationale:
      'Two active keys are only needed during a rotation; a second key left active doubles what can leak and hides which one is really in use.',
    remediation:
      'Finish the rotation: find which key is in use (last used date), deactivate the other and delete it.',
    controls: ['AC-12'],
    evaluate: ({ attributes: u }) => {
      const count = activeKeys(u).length;
      if (count === 0) return notApplicable('the user has no active access key');
      return count === 1
        ? pass('one active access key', { activeKeys: 1 })
        : fail(`${count} active access keys`, { activeKeys: count });
    },
  }),
];
