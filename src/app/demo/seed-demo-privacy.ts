import type { AppDeps, OrgScope } from '../ports.ts';
import { recordPrivacyEntry } from '../privacy/privacy-register.ts';

// The demo's data inventory (Confidentiality is in the demo's scope, so C1.1 and C1.2 need it).

const DATA_ASSETS = [
  {
    name: 'Customer accounts',
    system: 'PostgreSQL (production)',
    dataCategories: ['contact details', 'billing address', 'account settings'],
    classification: 'confidential',
    personalInformation: true,
    retention: 'Life of the contract + 90 days',
    disposalMethod: 'Rows deleted by the offboarding job; backups age out after 35 days',
  },
  {
    name: 'Customer uploads',
    system: 'S3 bucket acme-uploads',
    dataCategories: ['customer documents'],
    classification: 'restricted',
    personalInformation: true,
    retention: 'Until the customer deletes them, at most the contract + 30 days',
    disposalMethod: 'Object deletion with a 30-day lifecycle rule on versions',
  },
  {
    name: 'Application logs',
    system: 'CloudWatch Logs',
    dataCategories: ['IP addresses', 'request metadata'],
    classification: 'internal',
    personalInformation: true,
    retention: '1 year',
    disposalMethod: 'Log group retention policy',
  },
  {
    name: 'Marketing site analytics',
    system: 'Plausible',
    dataCategories: ['aggregate page views'],
    classification: 'public',
    personalInformation: false,
    retention: '2 years',
    disposalMethod: 'Provider deletes on schedule',
  },
] as const;

export async function seedDemoPrivacy(deps: AppDeps, scope: OrgScope, ownerEmail: string): Promise<void> {
  for (const asset of DATA_ASSETS) {
    await recordPrivacyEntry(deps, scope, 'data_asset', {
      ...asset,
      ownerEmail,
      dataCategories: [...asset.dataCategories],
    });
  }
}
