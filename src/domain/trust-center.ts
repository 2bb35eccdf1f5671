import { z } from 'zod';
import type { TControlStatus } from './control.ts';
import { AttestlyError } from './errors.ts';
import { normalizeEmail } from './secret-tokens.ts';

// The public trust center (journey step 6, telling customers): what an organization chooses to show about its
// SOC 2 program, and the rules for who may read its gated documents. Pure: facts and dates are passed in.

/** What a customer reads about a control area: never a finding, a resource or a score. */
export const TRUST_AREA_STATES = ['monitored', 'in_place', 'in_progress'] as const;
export type TTrustAreaState = (typeof TRUST_AREA_STATES)[number];

export const TRUST_AREA_STATE_LABELS: Record<TTrustAreaState, string> = {
  monitored: 'Monitored continuously, passing',
  in_place: 'In place',
  in_progress: 'In progress',
};

export const TRUST_DOCUMENT_KINDS = ['soc2_report', 'penetration_test', 'other'] as const;
export type TTrustDocumentKind = (typeof TRUST_DOCUMENT_KINDS)[number];
export const TRUST_DOCUMENT_KIND_LABELS: Record<TTrustDocumentKind, string> = {
  soc2_report: 'SOC 2 report',
  penetration_test: 'Penetration test summary',
  other: 'Document',
};

/** Public: anyone may download it. Gated: only a visitor whose access request an admin approved. */
export const TRUST_DOCUMENT_ACCESS = ['public', 'gated'] as const;
export type TTrustDocumentAccess = (typeof TRUST_DOCUMENT_ACCESS)[number];

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type TAccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export const ZTrustArea = z.strictObject({
  title: z.string().max(120),
  description: z.string().max(600),
  /** Series of the criteria (CC6, A1): every control mapped to an in-scope criterion of the series. */
  series: z.array(z.string().max(10)).max(20),
  /** Control codes, for an area the organization curates itself. */
  controls: z.array(z.string().max(40)).max(200),
});
export type TTrustArea = z.infer<typeof ZTrustArea>;

export const ZTrustFaq = z.strictObject({ question: z.string().max(300), answer: z.string().max(3000) });
export type TTrustFaq = z.infer<typeof ZTrustFaq>;

export const ZSubprocessor = z.strictObject({
  name: z.string().max(120),
  purpose: z.string().max(300),
  location: z.string().max(120),
});
export type TSubprocessor = z.infer<typeof ZSubprocessor>;

/** What an admin sets; the same shape is stored (trimmed) and returned. */
export const ZTrustCenterSettings = z.strictObject({
  published: z.boolean(),
  headline: z.string().max(200),
  description: z.string().max(4000),
  securityContact: z.string().max(254).nullable(),
  faq: z.array(ZTrustFaq).max(50),
  areas: z.array(ZTrustArea).max(30),
  subprocessors: z.array(ZSubprocessor).max(100),
  ndaText: z.string().max(20_000),
});
export type TTrustCenterSettings = z.infer<typeof ZTrustCenterSettings>;

export const DEFAULT_NDA_TEXT = [
  'Confidentiality terms for documents shared through this trust center.',
  '',
  '1. The documents you receive describe the security program of the organization that shares them. You may use',
  'them only to evaluate that organization as a supplier or partner of your company.',
  '2. You will not share them outside the people in your company who need them for that evaluation, and you will',
  'protect them at least as carefully as your own confidential information.',
  '3. Each copy is marked with your name, company and email. Access ends on the date the organization sets, and',
  'you will delete the copies you no longer need.',
  '4. These terms last three years from the day you accept them.',
].join('\n');

/** A trust center nobody has configured yet: unpublished, with the default confidentiality terms. */
export function defaultTrustCenterSettings(organizationName: string): TTrustCenterSettings {
  return {
    published: false,
    headline: `${organizationName} Trust Center`,
    description: '',
    securityContact: null,
    faq: [],
    areas: [],
    subprocessors: [],
    ndaText: DEFAULT_NDA_TEXT,
  };
}

function fieldError(field: string, message: string): AttestlyError {
  return new AttestlyError('INVALID_INPUT', message, { field });
}

/** Trims what an admin entered and refuses what a public page could not show. */
export function normalizeTrustCenterSettings(input: TTrustCenterSettings): TTrustCenterSettings {
  const headline = input.headline.trim();
  if (!headline) throw fieldError('headline', 'a headline is required');
  let securityContact: string | null = null;
  if (input.securityContact !== null && input.securityContact.trim() !== '') {
    securityContact = normalizeEmail(input.securityContact);
    if (!securityContact)
      throw fieldError('securityContact', 'the security contact must be an email address');
  }
  const ndaText = input.ndaText.trim();
  if (!ndaText) throw fieldError('ndaText', 'the confidentiality terms visitors accept are required');
  const faq = input.faq.map((f, i) => {
    const entry = { question: f.question.trim(), answer: f.answer.trim() };
    if (!entry.question || !entry.answer)
      throw fieldError(`faq.${i}`, 'every FAQ entry needs a question and an answer');
    return entry;
  });
  const areas = input.areas.map((a, i) => {
    const area = {
      title: a.title.trim(),
      description: a.description.trim(),
      series: [...new Set(a.series.map((s) => s.trim().toUpperCase()).filter(Boolean))],
      controls: [...new Set(a.controls.map((c) => c.trim()).filter(Boolean))],
    };
    if (!area.title) throw fieldError(`areas.${i}`, 'every control area needs a title');
    if (area.series.length === 0 && area.controls.length === 0)
      throw fieldError(`areas.${i}`, `the area "${area.title}" names no series and no control`);
    return area;
  });
  const subprocessors = input.subprocessors.map((s, i) => {
    const entry = { name: s.name.trim(), purpose: s.purpose.trim(), location: s.location.trim() };
    if (!entry.name) throw fieldError(`subprocessors.${i}`, 'every subprocessor needs a name');
    return entry;
  });
  return {
    published: input.published,
    headline,
    description: input.description.trim(),
    securityContact,
    faq,
    areas,
    subprocessors,
    ndaText,
  };
}

/** One control as an area's state sees it: is it in place, and does current evidence show it operating? */
export interface TAreaControl {
  status: TControlStatus;
  /** Implemented controls with valid evidence, or whose automated tests all pass. */
  evidenced: boolean;
  /** Automated tests cover it (and then evidenced means they pass). */
  monitored: boolean;
}

/**
 * The state a customer reads for an area: every applicable control in place and operating, with automated
 * tests behind at least one of them, is "monitored"; in place and evidenced otherwise is "in place"; anything
 * less is "in progress". Null when no applicable control backs the area (it is left off the page).
 */
export function trustAreaState(controls: TAreaControl[]): TTrustAreaState | null {
  const applicable = controls.filter((c) => c.status !== 'not_applicable');
  if (applicable.length === 0) return null;
  if (!applicable.every((c) => c.status === 'implemented' && c.evidenced)) return 'in_progress';
  return applicable.some((c) => c.monitored) ? 'monitored' : 'in_place';
}

export const REPORT_STATUSES = [
  'audit_in_progress',
  'report_available_on_request',
  'report_available',
] as const;
export type TReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<TReportStatus, string> = {
  audit_in_progress: 'Audit in progress',
  report_available_on_request: 'Report available on request',
  report_available: 'Report available',
};

/** The SOC 2 report's status follows the documents: a shared report is available, gated or not. */
export function reportStatus(documents: Array<{ kind: TTrustDocumentKind; access: TTrustDocumentAccess }>) {
  const reports = documents.filter((d) => d.kind === 'soc2_report');
  if (reports.some((d) => d.access === 'public')) return 'report_available' as const;
  if (reports.length > 0) return 'report_available_on_request' as const;
  return 'audit_in_progress' as const;
}

export interface TAccessRequestInput {
  name: string;
  company: string;
  email: string;
  acceptNda: boolean;
}

/** A visitor's access request, checked field by field so the form can show each error beside its field. */
export function checkAccessRequest(
  input: TAccessRequestInput,
):
  | { ok: true; value: { name: string; company: string; email: string } }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  const company = input.company.trim().replace(/\s+/g, ' ');
  if (!name) errors.name = 'Enter your name.';
  else if (name.length > 120) errors.name = 'Use at most 120 characters.';
  if (!company) errors.company = 'Enter your company.';
  else if (company.length > 120) errors.company = 'Use at most 120 characters.';
  const email = normalizeEmail(input.email);
  if (!email) errors.email = 'Enter a work email address, like name@company.com.';
  if (!input.acceptNda) errors.acceptNda = 'Accept the confidentiality terms to request access.';
  if (Object.keys(errors).length > 0 || !email) return { ok: false, errors };
  return { ok: true, value: { name, company, email } };
}

/** Access ends at the end of the chosen day (UTC): tomorrow at the earliest, a year ahead at the latest. */
export function accessExpiry(expiresOn: string, today: string): Date {
  if (expiresOn <= today)
    throw fieldError('expiresOn', `access must last past today (${today}); choose a later date`);
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
  if (expiresOn > latest) throw fieldError('expiresOn', `access may last a year at most (until ${latest})`);
  return new Date(Date.parse(`${expiresOn}T23:59:59.999Z`));
}

/** The line stamped on every page a requester downloads. */
export function watermarkLine(
  requester: { name: string; company: string; email: string },
  day: string,
): string {
  return `Confidential - provided to ${requester.name} (${requester.email}), ${requester.company}, on ${day}`;
}
