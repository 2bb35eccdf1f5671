import { z } from 'zod';

// Data and privacy registers (issue 7 §5). The data inventory is kept by every organization (it is the
// evidence for C1.1 and C1.2, and for P3 and P4 when Privacy is in scope); the other registers exist only
// when the Privacy category is in scope. Each register's entries are validated here, field by field.

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date in the form YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');

export const ZDataAsset = z.strictObject({
  name: text(200),
  /** The system or store that holds it: a database, a bucket, a SaaS application, a spreadsheet. */
  system: text(200),
  dataCategories: z.array(text(80)).min(1).max(30),
  classification: z.enum(DATA_CLASSIFICATIONS),
  personalInformation: z.boolean(),
  retention: text(200),
  disposalMethod: text(200),
  ownerEmail: z.email().max(254).nullable().default(null),
});

export const ZPrivacyNotice = z.strictObject({
  version: text(40),
  publishedOn: ZDate,
  url: z.url().max(2000),
  summaryOfChanges: optionalText(2000),
});

export const ZConsentRecord = z.strictObject({
  /** Who consented, as the organization identifies them (never more than it needs). */
  subject: text(200),
  purpose: text(300),
  noticeVersion: text(40),
  givenOn: ZDate,
  method: z.enum(['web_form', 'in_app', 'email', 'paper', 'verbal']),
  withdrawnOn: ZDate.nullable().default(null),
});

export const DSR_TYPES = [
  'access',
  'correction',
  'deletion',
  'portability',
  'objection',
  'restriction',
] as const;
export const ZDataSubjectRequest = z.strictObject({
  requester: text(200),
  type: z.enum(DSR_TYPES),
  receivedOn: ZDate,
  identityVerified: z.boolean(),
  verificationMethod: optionalText(300),
  /** Days allowed to answer (30 under GDPR, 45 under CCPA); the deadline follows from it. */
  responseDays: z.number().int().min(1).max(90).default(30),
  status: z.enum(['open', 'completed', 'refused']).default('open'),
  completedOn: ZDate.nullable().default(null),
  outcome: optionalText(2000),
});

export const ZDisclosure = z.strictObject({
  recipient: text(200),
  purpose: text(300),
  dataCategories: z.array(text(80)).min(1).max(30),
  disclosedOn: ZDate,
  legalBasis: text(300),
});

export const ZBreach = z.strictObject({
  title: text(200),
  discoveredAt: z.iso.datetime({ offset: true }),
  description: text(4000),
  personalInformation: z.boolean(),
  affectedCount: z.number().int().min(0).nullable().default(null),
  /** Hours allowed to notify the authority (72 under GDPR); the deadline follows from it. */
  notifyWithinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  authorityNotifiedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  individualsNotifiedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  status: z.enum(['open', 'contained', 'closed']).default('open'),
});

export const ZVendorPrivacyCommitment = z.strictObject({
  vendor: text(200),
  commitments: text(2000),
  dpaSignedOn: ZDate.nullable().default(null),
  reviewedOn: ZDate.nullable().default(null),
});

export const PRIVACY_REGISTER_KINDS = [
  'data_asset',
  'privacy_notice',
  'consent',
  'data_subject_request',
  'disclosure',
  'breach',
  'vendor_commitment',
] as const;
export type TPrivacyRegister = (typeof PRIVACY_REGISTER_KINDS)[number];

export const PRIVACY_REGISTERS = {
  data_asset: { schema: ZDataAsset, privacyOnly: false, criteria: ['C1.1', 'C1.2', 'P3.1', 'P4.1'] },
  privacy_notice: { schema: ZPrivacyNotice, privacyOnly: true, criteria: ['P1.1'] },
  consent: { schema: ZConsentRecord, privacyOnly: true, criteria: ['P2.1', 'P3.2'] },
  data_subject_request: {
    schema: ZDataSubjectRequest,
    privacyOnly: true,
    criteria: ['P5.1', 'P5.2', 'P6.7'],
  },
  disclosure: { schema: ZDisclosure, privacyOnly: true, criteria: ['P6.1', 'P6.2'] },
  breach: { schema: ZBreach, privacyOnly: true, criteria: ['P6.3', 'P6.6'] },
  vendor_commitment: { schema: ZVendorPrivacyCommitment, privacyOnly: true, criteria: ['P6.4', 'P6.5'] },
} as const satisfies Record<
  TPrivacyRegister,
  { schema: z.ZodType; privacyOnly: boolean; criteria: readonly string[] }
>;

export const REGISTER_LABELS: Record<TPrivacyRegister, string> = {
  data_asset: 'Data inventory',
  privacy_notice: 'Privacy notices',
  consent: 'Consent records',
  data_subject_request: 'Data-subject requests',
  disclosure: 'Disclosures',
  breach: 'Breaches',
  vendor_commitment: 'Vendor privacy commitments',
};

/** Whether a register is open to an organization, given its categories in scope. */
export function registerOpen(kind: TPrivacyRegister, categories: readonly string[]): boolean {
  return !PRIVACY_REGISTERS[kind].privacyOnly || categories.includes('privacy');
}

export type TDeadline = { due: string; overdue: boolean } | null;

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An open request is overdue the day after its deadline; a closed one never is. */
export function requestDeadline(
  request: { receivedOn: string; responseDays: number; status: string },
  today: string,
): TDeadline {
  const due = addDaysIso(request.receivedOn, request.responseDays);
  return { due, overdue: request.status === 'open' && today > due };
}

/** A breach of personal information must reach the authority within its hours; others have no deadline. */
export function breachDeadline(
  breach: {
    discoveredAt: string;
    notifyWithinHours: number;
    personalInformation: boolean;
    authorityNotifiedAt: string | null;
  },
  now: Date,
): TDeadline {
  if (!breach.personalInformation) return null;
  const due = new Date(Date.parse(breach.discoveredAt) + breach.notifyWithinHours * 3_600_000).toISOString();
  return { due, overdue: breach.authorityNotifiedAt === null && now.toISOString() > due };
}

/** The deadline an entry carries, if its register has one. */
export function deadlineOf(kind: TPrivacyRegister, data: Record<string, unknown>, now: Date): TDeadline {
  if (kind === 'data_subject_request')
    return requestDeadline(data as z.infer<typeof ZDataSubjectRequest>, now.toISOString().slice(0, 10));
  if (kind === 'breach') return breachDeadline(data as z.infer<typeof ZBreach>, now);
  return null;
}

/** A one-line name for an entry, for lists and the audit log. */
export function entryLabel(kind: TPrivacyRegister, data: Record<string, unknown>): string {
  const pick = (key: string) => String(data[key] ?? '');
  switch (kind) {
    case 'data_asset':
      return `${pick('name')} (${pick('system')})`;
    case 'privacy_notice':
      return `Notice ${pick('version')}`;
    case 'consent':
      return `${pick('subject')}: ${pick('purpose')}`;
    case 'data_subject_request':
      return `${pick('type')} request from ${pick('requester')}`;
    case 'disclosure':
      return `To ${pick('recipient')}`;
    case 'breach':
      return pick('title');
    case 'vendor_commitment':
      return pick('vendor');
  }
}
