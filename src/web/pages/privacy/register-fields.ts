import { DATA_CLASSIFICATIONS, DSR_TYPES, type TPrivacyRegister } from '../../../domain/privacy.ts';

// How each register's form is laid out. The server checks every field (domain/privacy.ts); this only
// decides which input shows it.

export type TFieldType = 'text' | 'textarea' | 'date' | 'datetime' | 'bool' | 'select' | 'list' | 'number';

export interface TFieldSpec {
  key: string;
  label: string;
  type: TFieldType;
  options?: readonly string[];
  optional?: boolean;
  hint?: string;
  /** What a new entry's form starts with (the server's default for the field). */
  initial?: string;
}

export const REGISTER_FIELDS: Record<TPrivacyRegister, TFieldSpec[]> = {
  data_asset: [
    { key: 'name', label: 'Data set', type: 'text' },
    { key: 'system', label: 'System or store', type: 'text', hint: 'A database, bucket, SaaS application…' },
    { key: 'dataCategories', label: 'Data categories', type: 'list', hint: 'Comma-separated' },
    { key: 'classification', label: 'Classification', type: 'select', options: DATA_CLASSIFICATIONS },
    { key: 'personalInformation', label: 'Holds personal information', type: 'bool' },
    { key: 'retention', label: 'Retention period', type: 'text' },
    { key: 'disposalMethod', label: 'Disposal method', type: 'text' },
    { key: 'ownerEmail', label: 'Owner (email)', type: 'text', optional: true },
  ],
  privacy_notice: [
    { key: 'version', label: 'Version', type: 'text' },
    { key: 'publishedOn', label: 'Published on', type: 'date' },
    { key: 'url', label: 'Address', type: 'text', hint: 'https://…' },
    { key: 'summaryOfChanges', label: 'What changed', type: 'textarea', optional: true },
  ],
  consent: [
    { key: 'subject', label: 'Who consented', type: 'text', hint: 'An identifier, not more than you need' },
    { key: 'purpose', label: 'Purpose', type: 'text' },
    { key: 'noticeVersion', label: 'Notice version shown', type: 'text' },
    { key: 'givenOn', label: 'Given on', type: 'date' },
    {
      key: 'method',
      label: 'How',
      type: 'select',
      options: ['web_form', 'in_app', 'email', 'paper', 'verbal'],
    },
    { key: 'withdrawnOn', label: 'Withdrawn on', type: 'date', optional: true },
  ],
  data_subject_request: [
    { key: 'requester', label: 'Requester', type: 'text' },
    { key: 'type', label: 'Request', type: 'select', options: DSR_TYPES },
    { key: 'receivedOn', label: 'Received on', type: 'date' },
    { key: 'identityVerified', label: 'Identity verified', type: 'bool' },
    { key: 'verificationMethod', label: 'How the identity was verified', type: 'text', optional: true },
    {
      key: 'responseDays',
      label: 'Days to answer',
      type: 'number',
      hint: '30 under GDPR, 45 under CCPA',
      initial: '30',
    },
    {
      key: 'status',
      label: 'Status',
      type: 'select',
      options: ['open', 'completed', 'refused'],
      initial: 'open',
    },
    { key: 'completedOn', label: 'Completed on', type: 'date', optional: true },
    { key: 'outcome', label: 'Outcome', type: 'textarea', optional: true },
  ],
  disclosure: [
    { key: 'recipient', label: 'Recipient', type: 'text' },
    { key: 'purpose', label: 'Purpose', type: 'text' },
    { key: 'dataCategories', label: 'Data categories', type: 'list', hint: 'Comma-separated' },
    { key: 'disclosedOn', label: 'Disclosed on', type: 'date' },
    { key: 'legalBasis', label: 'Legal basis or consent', type: 'text' },
  ],
  breach: [
    { key: 'title', label: 'Title', type: 'text' },
    { key: 'discoveredAt', label: 'Discovered at', type: 'datetime' },
    { key: 'description', label: 'What happened', type: 'textarea' },
    { key: 'personalInformation', label: 'Personal information involved', type: 'bool' },
    { key: 'affectedCount', label: 'People affected', type: 'number', optional: true },
    {
      key: 'notifyWithinHours',
      label: 'Hours to notify the authority',
      type: 'number',
      hint: '72 under GDPR',
      initial: '72',
    },
    { key: 'authorityNotifiedAt', label: 'Authority notified at', type: 'datetime', optional: true },
    { key: 'individualsNotifiedAt', label: 'Individuals notified at', type: 'datetime', optional: true },
    {
      key: 'status',
      label: 'Status',
      type: 'select',
      options: ['open', 'contained', 'closed'],
      initial: 'open',
    },
  ],
  vendor_commitment: [
    { key: 'vendor', label: 'Vendor', type: 'text' },
    { key: 'commitments', label: 'Privacy commitments', type: 'textarea' },
    { key: 'dpaSignedOn', label: 'Data processing agreement signed on', type: 'date', optional: true },
    { key: 'reviewedOn', label: 'Last reviewed on', type: 'date', optional: true },
  ],
};

/** The form's text for a stored value. */
export function toInput(spec: TFieldSpec, value: unknown): string {
  if (value === null || value === undefined) return spec.type === 'bool' ? 'false' : '';
  if (spec.type === 'list' && Array.isArray(value)) return value.join(', ');
  if (spec.type === 'datetime' && typeof value === 'string') {
    // datetime-local inputs show local time: shift the stored instant by the offset.
    const at = new Date(value);
    return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }
  return String(value);
}

/** The value to send for a form's text; empty optional fields are left out so the server's defaults apply. */
export function fromInput(spec: TFieldSpec, text: string): unknown {
  const trimmed = text.trim();
  if (spec.type === 'bool') return text === 'true';
  if (trimmed === '') {
    // Left out, an optional text takes the server's default; an optional date or number is null.
    if (spec.type === 'text' || spec.type === 'textarea') return spec.optional ? undefined : '';
    return spec.optional ? null : undefined;
  }
  switch (spec.type) {
    case 'number':
      return Number(trimmed);
    case 'list':
      return trimmed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'datetime':
      return new Date(trimmed).toISOString();
    default:
      return trimmed;
  }
}
