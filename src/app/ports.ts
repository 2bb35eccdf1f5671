import type { TTestLibrary } from '../catalog/monitoring/library.ts';
import type { TAudit } from '../domain/audit/audit.ts';
import type {
  TAuditRequest,
  TAuditRequestComment,
  TAuditWalkthrough,
  TRequestStatus,
} from '../domain/audit/audit-request.ts';
import type { TActorType, TChainedEntry } from '../domain/audit-chain.ts';
import type { TCatalog, TFrequency, TOwnerRole } from '../domain/catalog-types.ts';
import type { TControl, TControlStatus } from '../domain/control.ts';
import type { TPairState, TTransition } from '../domain/monitoring/diff.ts';
import type { TSeverity } from '../domain/monitoring/model.ts';
import type {
  TChecklistMark,
  TMarkedItem,
  TPerson,
  TPersonAccount,
  TTrainingCompletion,
} from '../domain/people/person.ts';
import type { TMemberRole } from '../domain/permissions.ts';
import type { TPolicyVersionStatus } from '../domain/policy-lifecycle.ts';
import type { TComponentKind, TProgram } from '../domain/program.ts';
import type { TRiskCategory, TRiskStatus, TRiskTreatment } from '../domain/risk.ts';
import type {
  TAccessRequestStatus,
  TTrustCenterSettings,
  TTrustDocumentAccess,
  TTrustDocumentKind,
} from '../domain/trust-center.ts';
import type {
  TOperationalDependency,
  TProductionAccess,
  TReportOpinion,
  TReviewCadence,
  TReviewOutcome,
  TSubserviceMethod,
  TVendorDataCategory,
  TVendorReportType,
  TVendorStatus,
} from '../domain/vendor.ts';
import type { AccessReviewsRepo } from './access-reviews/access-review-ports.ts';
import type { AuditPackageRepo } from './audit-package/audit-package-ports.ts';
import type {
  PopulationsRepo,
  SamplesRepo,
  SamplingSettingsRepo,
  TimelineSourcesRepo,
} from './audits/audit-testing-ports.ts';
import type { LedgerRepo, SigningKeysRepo } from './ledger/ledger-ports.ts';
import type { Collector } from './monitoring/collector.ts';
import type { NotificationsRepo } from './notifications/notification-ports.ts';
import type { PrivacyRepo } from './privacy/privacy-ports.ts';

// The narrow interfaces use-cases depend on. Adapters implement them; entry points wire them.

import type { OrgScope } from './org-scope.ts';

export type { TMemberRole } from '../domain/permissions.ts';
export { type OrgScope, scopeOf } from './org-scope.ts';

export interface TOrganization {
  id: string;
  slug: string;
  name: string;
  requireMfa?: boolean;
}

export interface TUser {
  id: string;
  email: string;
}

export interface TNewControl {
  code: string;
  libraryId: string | null;
  title: string;
  requirement: string;
  evidenceGuidance: string;
  frequency: TFrequency;
  ownerRole: TOwnerRole;
  automatable: boolean;
  criteria: string[];
}

export interface TControlPatch {
  status?: TControlStatus;
  notApplicableReason?: string | null;
  ownerUserId?: string | null;
}

export interface TEvidenceRecord {
  id: string;
  title: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
  source: 'upload' | 'integration' | 'import';
  validFrom: string;
  validUntil: string | null;
  collectedAt: Date;
  controlCodes: string[];
}

export interface TNewPolicy {
  templateId: string | null;
  title: string;
  ownerRole: TOwnerRole;
  reviewCadence: string;
  bodyMarkdown: string;
  sha256: string;
  controlIds: string[];
}

export interface TPolicySummary {
  id: string;
  templateId: string | null;
  title: string;
  ownerRole: string;
  latestVersion: number;
  latestStatus: string;
  ownerUserId: string | null;
  ownerEmail: string | null;
  /** The version employees accept now, when one was published. */
  publishedVersion: number | null;
  publishedAt: Date | null;
  /** Acceptances of the published version (null when nothing is published). */
  acceptanceCount: number | null;
}

export interface TPolicy {
  id: string;
  templateId: string | null;
  title: string;
  ownerRole: string;
  ownerUserId: string | null;
  ownerEmail: string | null;
  reviewCadence: string;
}

/** A policy version without its body; who acted is given by email. */
export interface TPolicyVersionMeta {
  id: string;
  version: number;
  status: TPolicyVersionStatus;
  sha256: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  publishedBy: string | null;
  publishedAt: Date | null;
}

export interface TPolicyVersion extends TPolicyVersionMeta {
  bodyMarkdown: string;
}

export interface TPolicyAcceptance {
  userId: string;
  email: string;
  version: number;
  acceptedAt: Date;
}

export interface TTask {
  id: string;
  version?: number;
  title: string;
  description: string;
  controlId: string | null;
  criterionId: string | null;
  assigneeUserId: string | null;
  status: 'todo' | 'in_progress' | 'done';
  dueDate: string | null;
}

/** A request as it is stored: its control by id (the API names it by code). */
export interface TNewAuditRequest {
  id: string;
  auditId: string;
  ref: string;
  title: string;
  description: string;
  controlId: string | null;
  criterionId: string | null;
  dueDate: string | null;
  createdBy: string;
  createdAt: Date;
}

/** Who acts, as the audit log records it. */
/** A risk in the register (domain/risk.ts has the rating rules). */
export interface TRisk {
  id: string;
  version: number;
  title: string;
  description: string;
  category: TRiskCategory;
  /** The starter-library entry it was adopted from, if any. */
  libraryId: string | null;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  ownerUserId: string | null;
  treatment: TRiskTreatment;
  reviewDate: string | null;
  status: TRiskStatus;
  acceptedBy: string | null;
  /** Who accepted, as the audit log names them (an email or a token). */
  acceptedByLabel: string | null;
  acceptedAt: Date | null;
  acceptanceNote: string | null;
  /** Ids of the linked controls. */
  controlIds: string[];
}

/** A vendor in the inventory (domain/vendor.ts has the tiering rubric and the warning rules). */
export interface TVendor {
  id: string;
  version: number;
  name: string;
  /** What the vendor does for the organization. */
  services: string;
  dataCategories: TVendorDataCategory[];
  operationalDependency: TOperationalDependency;
  productionAccess: TProductionAccess;
  ownerUserId: string | null;
  contractStart: string | null;
  renewalDate: string | null;
  /** null: by tier (quarterly when critical, annual otherwise). */
  reviewCadence: TReviewCadence | null;
  status: TVendorStatus;
  /** Set when the vendor is a subservice organization in the system description. */
  subservice: TSubservice | null;
  createdAt: Date;
}

export interface TSubservice {
  method: TSubserviceMethod;
  /** Where it appears in the report (e.g. "Section 3, Subservice organizations"). */
  reportSections: string | null;
  /** The complementary subservice organization controls (CSOCs) expected of it. */
  csocs: Array<{ description: string; criteria: string[] }>;
}

/** A stored file: the blob's key and SHA-256 (as evidence files are stored). */
export interface TStoredFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
}

/** A vendor's SOC 2 report, with its bridge letter when one was uploaded. */
export interface TVendorReport extends TStoredFile {
  id: string;
  vendorId: string;
  reportType: TVendorReportType;
  periodStart: string;
  periodEnd: string;
  opinion: TReportOpinion;
  exceptions: string;
  expiresOn: string;
  bridgeLetter: (TStoredFile & { coveredUntil: string; uploadedAt: Date }) | null;
  uploadedAt: Date;
}

export interface TVendorReview {
  id: string;
  vendorId: string;
  reviewedOn: string;
  reviewerUserId: string | null;
  /** The reviewer as recorded, kept when they leave the organization. */
  reviewerEmail: string;
  outcome: TReviewOutcome;
  notes: string;
  reportId: string | null;
  recordedAt: Date;
}

/** A complementary user entity control: what the organization expects of its own customers. */
export interface TCuec {
  id: string;
  description: string;
  criteria: string[];
}

export interface TActor {
  type: TActorType;
  /** A user's email, a token's name and id, or "cli:<os user>". */
  id: string;
  requestId: string | null;
  sourceAddress: string | null;
}

export interface TAuditEntry {
  occurredAt: Date;
  actor: TActor;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface TAuditQuery {
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  actor?: string | undefined;
  /** Entries with seq below this (for the next page). */
  beforeSeq?: number | undefined;
  /** Entries that occurred in [from, before): an auditor limited to one audit sees its period only. */
  occurred?: { from: Date; before: Date } | undefined;
  limit: number;
}

export interface TUserAuth {
  id: string;
  email: string;
  passwordHash: string | null;
  totpSecretSealed: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  /**
   * TOTP enabled or at least one passkey registered: the one answer to "does this user have a second
   * factor", for the session's pending second factor and an organization's requireMfa alike.
   */
  hasSecondFactor: boolean;
}

export interface TSession {
  idHash: string;
  userId: string;
  csrfToken: string;
  mfaVerified: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  sourceAddress: string | null;
  revokedAt: Date | null;
  /** Set for a single sign-on session: it reaches only this organization. */
  orgId: string | null;
}

export interface TApiToken {
  id: string;
  orgId: string;
  name: string;
  role: TMemberRole;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TInvitation {
  id: string;
  orgId: string;
  email: string;
  role: TMemberRole;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  /** Set for an auditor invited into one audit: the membership it becomes is limited to that audit. */
  auditId?: string | null;
}

/** An organization's OpenID Connect connection. The client secret stays sealed until a sign-in needs it. */
export interface TSsoConnection {
  orgId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string;
  allowedDomains: string[];
  jitRole: TMemberRole;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A single sign-on in progress, between the redirect to the provider and its callback. */
export interface TSsoLoginState {
  stateHash: string;
  orgId: string;
  codeVerifierSealed: string;
  nonce: string;
  redirectAfter: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A registered passkey. The public key is what its assertions are checked against; nothing here is secret. */
export interface TWebAuthnCredential {
  /** The credential id, base64url. */
  id: string;
  userId: string;
  /** The COSE-encoded public key. */
  publicKey: Uint8Array;
  /** The authenticator's signature counter at its last use (0 for authenticators that keep none). */
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A WebAuthn challenge handed out, stored as its hash; userId is null for a sign-in without a password. */
export interface TWebAuthnChallenge {
  challengeHash: string;
  userId: string | null;
  purpose: 'register' | 'authenticate';
  createdAt: Date;
  expiresAt: Date;
}

/** A token that enrols machines into the host agent; its secret is shown once, only its hash is kept. */
export interface TAgentEnrolmentToken {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** How many devices enrolled with it. */
  enrolments: number;
}

/** A machine enrolled into the host agent, which reports with its own device credential. */
export interface TAgentDevice {
  id: string;
  orgId: string;
  hostname: string;
  enrolledAt: Date;
  revokedAt: Date | null;
  lastReportAt: Date | null;
}

export interface TIntegration {
  id: string;
  orgId: string;
  type: string;
  name: string;
  configSealed: string;
  scheduleMinutes: number;
  enabled: boolean;
  status: 'new' | 'ok' | 'failed';
  lastError: { message: string; details?: Record<string, unknown> } | null;
  lastRunAt: Date | null;
  nextRunAt: Date;
  createdAt: Date;
  /** collected: a collector runs on schedule; pushed: resources arrive by the push API or an import. */
  delivery: 'collected' | 'pushed';
}

export interface TMonitorRun {
  id: string;
  integrationId: string;
  startedAt: Date;
  finishedAt: Date;
  status: 'succeeded' | 'failed';
  error: { message: string; details?: Record<string, unknown> } | null;
  resources: number;
  passed: number;
  failed: number;
  errors: number;
  notApplicable: number;
  transitions: number;
  snapshotSha256: string | null;
  snapshotBlobKey: string | null;
}

/** The stored state of one (test, resource) pair of an integration. */
export interface TTestState extends TPairState {
  integrationId: string;
  resourceType: string;
  resourceName: string;
  fields: Record<string, unknown>;
}

/** A test an organization wrote itself: a CEL expression over one resource type, mapped to its controls. */
export interface TCustomTest {
  /** custom.<slug>, unique in the organization. */
  id: string;
  title: string;
  resourceType: string;
  expression: string;
  severity: TSeverity;
  /** Control codes of the organization. */
  controls: string[];
  rationale: string;
  remediation: string;
  createdBy: string;
  createdAt: Date;
}

/** One day's readiness, kept for the dashboard's trend. */
export interface TReadinessSnapshot {
  day: string;
  overall: number | null;
  categories: Record<string, number | null>;
  counts: {
    criteria: Record<string, number>;
    controls: Record<string, number>;
    gaps: number;
  };
}

export interface TOverdueTask {
  id: string;
  title: string;
  dueDate: string;
  status: 'todo' | 'in_progress';
  assignee: { userId: string; email: string; name: string | null } | null;
  controlCode: string | null;
}

/** The default owner of one owner role. */
export interface TOwnerRoleAssignment {
  ownerRole: TOwnerRole;
  userId: string;
  email: string;
  name: string | null;
}

/** An organization's trust-center settings, with the version of its click-through NDA. */
export interface TTrustCenterRecord extends TTrustCenterSettings {
  ndaVersion: number;
  updatedAt: Date;
  updatedBy: string;
}

/** A document shared on the trust center; publicId is what public URLs carry. */
export interface TTrustDocument {
  id: string;
  publicId: string;
  title: string;
  description: string;
  kind: TTrustDocumentKind;
  access: TTrustDocumentAccess;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
  evidenceId: string | null;
  createdBy: string;
  createdAt: Date;
}

/** A visitor's request to read the gated documents, with the NDA text and version they accepted. */
export interface TTrustAccessRequest {
  id: string;
  name: string;
  company: string;
  email: string;
  ndaVersion: number;
  ndaText: string;
  ndaAcceptedAt: Date;
  sourceAddress: string | null;
  status: TAccessRequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface TTrustDownload {
  id: string;
  requestId: string;
  documentId: string;
  downloadedAt: Date;
  sourceAddress: string | null;
  watermark: string;
}

export interface Repositories {
  organizations: {
    create(org: TOrganization): Promise<void>;
    findBySlug(slug: string): Promise<TOrganization | null>;
    list(): Promise<TOrganization[]>;
    setRequireMfa(scope: OrgScope, requireMfa: boolean): Promise<void>;
  };
  users: {
    findByEmail(email: string): Promise<TUser | null>;
    create(user: TUser): Promise<void>;
    count(): Promise<number>;
    findAuthByEmail(email: string): Promise<TUserAuth | null>;
    getAuth(userId: string): Promise<TUserAuth>;
    setPasswordHash(userId: string, hash: string): Promise<void>;
    setTotp(userId: string, totp: { sealed: string | null; enabledAt: Date | null }): Promise<void>;
    /** Every stored TOTP secret, sealed, for re-sealing under a new master key. */
    listSealedTotp(): Promise<Array<{ userId: string; sealed: string }>>;
    replaceSealedTotp(userId: string, sealed: string): Promise<void>;
    /** Records the last TOTP step used, only if it is newer; false when another request used it first. */
    advanceTotpStep(userId: string, step: number): Promise<boolean>;
  };
  recoveryCodes: {
    replace(userId: string, hashes: string[]): Promise<void>;
    unused(userId: string): Promise<string[]>;
    /** Marks a code used; false when it was already used (two requests racing with one code). */
    use(userId: string, hash: string, at: Date): Promise<boolean>;
  };
  sessions: {
    create(session: TSession): Promise<void>;
    find(idHash: string): Promise<TSession | null>;
    touch(idHash: string, at: Date): Promise<void>;
    setMfaVerified(idHash: string): Promise<void>;
    revoke(idHash: string, at: Date): Promise<void>;
    revokeAllForUser(userId: string, at: Date): Promise<number>;
  };
  apiTokens: {
    create(
      scope: OrgScope,
      token: TApiToken & { tokenHash: string; createdBy: string | null },
    ): Promise<void>;
    list(scope: OrgScope): Promise<TApiToken[]>;
    /** Unscoped on purpose: a presented token is what tells which organization it belongs to. */
    findByHash(tokenHash: string): Promise<TApiToken | null>;
    revoke(scope: OrgScope, id: string, at: Date): Promise<boolean>;
    touch(id: string, at: Date): Promise<void>;
  };
  invitations: {
    create(scope: OrgScope, invitation: TInvitation & { tokenHash: string }): Promise<void>;
    list(scope: OrgScope): Promise<TInvitation[]>;
    /** Unscoped on purpose: the link's token is what names the organization. */
    findByHash(tokenHash: string): Promise<TInvitation | null>;
    /** Marks it accepted once; false when it was already accepted, revoked or expired. */
    accept(id: string, at: Date): Promise<boolean>;
    revoke(scope: OrgScope, id: string, at: Date): Promise<boolean>;
  };
  setupTokens: {
    create(tokenHash: string, at: Date, expiresAt: Date): Promise<void>;
    /** Uses a setup token once; false when it is unknown, used or expired. */
    consume(tokenHash: string, at: Date): Promise<boolean>;
  };
  /** One-time links that sign in as the demo organization's owner. */
  demoSignIns: {
    create(tokenHash: string, userId: string, at: Date, expiresAt: Date): Promise<void>;
    /** Uses a link once and returns whom it signs in; null when it is unknown, used or expired. */
    consume(tokenHash: string, at: Date): Promise<string | null>;
  };
  signInFailures: {
    record(email: string, address: string, at: Date): Promise<void>;
    count(filter: { email?: string; address?: string }, since: Date): Promise<number>;
    clearForEmail(email: string): Promise<void>;
  };
  memberships: {
    add(scope: OrgScope, userId: string, role: TMemberRole): Promise<void>;
    find(scope: OrgScope, userId: string): Promise<TMemberRole | null>;
    list(scope: OrgScope): Promise<Array<{ userId: string; email: string; role: TMemberRole }>>;
    listForUser(userId: string): Promise<Array<{ org: TOrganization; role: TMemberRole }>>;
    /** The owners' user ids, their rows locked until the transaction ends (so two demotions cannot race). */
    lockOwners(scope: OrgScope): Promise<string[]>;
    setRole(scope: OrgScope, userId: string, role: TMemberRole): Promise<boolean>;
    remove(scope: OrgScope, userId: string): Promise<boolean>;
  };
  programs: {
    create(scope: OrgScope, program: TProgram): Promise<void>;
    find(scope: OrgScope): Promise<TProgram | null>;
    /** Replaces the report type, its dates and the scope. */
    update(scope: OrgScope, program: TProgram): Promise<void>;
  };
  components: {
    add(
      scope: OrgScope,
      components: Array<{ id: string; kind: TComponentKind; name: string }>,
    ): Promise<void>;
    list(scope: OrgScope): Promise<Array<{ kind: TComponentKind; name: string }>>;
  };
  exclusions: {
    set(scope: OrgScope, criterionId: string, reason: string): Promise<void>;
    remove(scope: OrgScope, criterionId: string): Promise<boolean>;
    list(scope: OrgScope): Promise<Map<string, string>>;
  };
  controls: {
    insertMany(scope: OrgScope, controls: Array<TNewControl & { id: string }>): Promise<void>;
    list(scope: OrgScope): Promise<TControl[]>;
    findByCode(scope: OrgScope, code: string): Promise<TControl | null>;
    /** The control's own text: what it requires and what evidence shows it operates. */
    findText(scope: OrgScope, id: string): Promise<{ requirement: string; evidenceGuidance: string } | null>;
    /** Applies a patch; with expectedVersion, only if the row is still at that version (false otherwise). */
    update(
      scope: OrgScope,
      id: string,
      patch: TControlPatch,
      at: Date,
      expectedVersion?: number,
    ): Promise<boolean>;
  };
  evidence: {
    insert(
      scope: OrgScope,
      evidence: Omit<TEvidenceRecord, 'controlCodes'>,
      controlIds: string[],
      createdBy: string | null,
    ): Promise<void>;
    list(scope: OrgScope): Promise<TEvidenceRecord[]>;
    find(scope: OrgScope, id: string): Promise<TEvidenceRecord | null>;
    /** Validity periods of the evidence linked to each control, keyed by control id. */
    validityByControl(
      scope: OrgScope,
    ): Promise<Map<string, Array<{ validFrom: string; validUntil: string | null }>>>;
    /** Changes title and validity (a new validity is a new ledger entry, at `at`); false when there is no such evidence. */
    update(
      scope: OrgScope,
      id: string,
      patch: { title: string; validFrom: string; validUntil: string | null },
      at: Date,
    ): Promise<boolean>;
    /** Replaces the controls an evidence item is linked to. */
    setControls(scope: OrgScope, id: string, controlIds: string[]): Promise<void>;
  };
  policies: {
    insert(scope: OrgScope, policy: TNewPolicy & { id: string; versionId: string }): Promise<void>;
    list(scope: OrgScope): Promise<TPolicySummary[]>;
    /** With forUpdate, locks the policy's row until the transaction ends: lifecycle changes queue up. */
    find(scope: OrgScope, id: string, options?: { forUpdate?: boolean }): Promise<TPolicy | null>;
    listVersions(scope: OrgScope, policyId: string): Promise<TPolicyVersionMeta[]>;
    findVersion(scope: OrgScope, policyId: string, version: number): Promise<TPolicyVersion | null>;
    insertVersion(
      scope: OrgScope,
      version: { id: string; policyId: string; version: number; bodyMarkdown: string; sha256: string },
      createdBy: string | null,
      at: Date,
    ): Promise<void>;
    /** Saves a draft's body; false when the version is no longer a draft. */
    updateDraft(
      scope: OrgScope,
      versionId: string,
      body: { bodyMarkdown: string; sha256: string },
      at: Date,
    ): Promise<boolean>;
    /** Moves a version from one status to the next, stamping who and when; false when it was not in `from`. */
    transition(
      scope: OrgScope,
      versionId: string,
      from: TPolicyVersionStatus,
      to: TPolicyVersionStatus,
      stamp: { userId: string | null; at: Date },
    ): Promise<boolean>;
    setOwner(scope: OrgScope, policyId: string, ownerUserId: string | null): Promise<void>;
    /** Records an acceptance once; false when the user had already accepted this version. */
    accept(
      scope: OrgScope,
      acceptance: { id: string; policyVersionId: string; userId: string; acceptedAt: Date },
    ): Promise<boolean>;
    findAcceptance(
      scope: OrgScope,
      policyVersionId: string,
      userId: string,
    ): Promise<{ acceptedAt: Date } | null>;
    /** Every acceptance of any version of the policy, newest first. */
    listAcceptances(scope: OrgScope, policyId: string): Promise<TPolicyAcceptance[]>;
    /** Published versions the user has not accepted, by policy title. */
    listUnaccepted(
      scope: OrgScope,
      userId: string,
    ): Promise<
      Array<{ policyId: string; title: string; version: number; sha256: string; publishedAt: Date }>
    >;
  };
  tasks: {
    insert(scope: OrgScope, task: TTask): Promise<void>;
    list(scope: OrgScope, filter?: { assigneeUserId?: string; status?: TTask['status'] }): Promise<TTask[]>;
    find(scope: OrgScope, id: string): Promise<TTask | null>;
    /** Updates only if the task is still at expectedVersion; false otherwise. */
    update(scope: OrgScope, task: TTask, expectedVersion: number, at: Date): Promise<boolean>;
    /** Tasks not done whose due date is before the given day, earliest first, with assignee and control. */
    listOverdue(scope: OrgScope, today: string): Promise<TOverdueTask[]>;
  };
  risks: {
    insert(scope: OrgScope, risk: TRisk): Promise<void>;
    list(scope: OrgScope): Promise<TRisk[]>;
    find(scope: OrgScope, id: string): Promise<TRisk | null>;
    /** Updates only if the risk is still at expectedVersion; false otherwise. */
    update(scope: OrgScope, risk: TRisk, expectedVersion: number, at: Date): Promise<boolean>;
    /** Replaces the risk's linked controls. */
    setControls(scope: OrgScope, riskId: string, controlIds: string[]): Promise<void>;
  };
  /** Audits (domain/audit/audit.ts), and the auditors limited to one of them. */
  audits: {
    insert(scope: OrgScope, audit: TAudit): Promise<void>;
    /** Oldest first. */
    list(scope: OrgScope): Promise<TAudit[]>;
    find(scope: OrgScope, id: string): Promise<TAudit | null>;
    /** Updates only if the audit is still at expectedVersion; false otherwise. */
    update(scope: OrgScope, audit: TAudit, expectedVersion: number, at: Date): Promise<boolean>;
    /** The audit a member's membership is limited to, if any. */
    findForMember(scope: OrgScope, userId: string): Promise<TAudit | null>;
    /** Limits an auditor's membership to one audit. */
    limitMember(scope: OrgScope, userId: string, auditId: string): Promise<void>;
    /** The members limited to this audit. */
    listAuditors(
      scope: OrgScope,
      auditId: string,
    ): Promise<Array<{ userId: string; email: string; role: TMemberRole }>>;
  };
  /** The requests of an audit, with the evidence attached, comments and walkthroughs. */
  auditRequests: {
    insertMany(scope: OrgScope, requests: TNewAuditRequest[]): Promise<void>;
    /** By reference. */
    list(scope: OrgScope, auditId: string): Promise<TAuditRequest[]>;
    find(scope: OrgScope, auditId: string, id: string): Promise<TAuditRequest | null>;
    /** Moves a request from one status to another; false when it was no longer in `from`. */
    setStatus(
      scope: OrgScope,
      id: string,
      change: { from: TRequestStatus; to: TRequestStatus; flagReason: string | null; at: Date },
    ): Promise<boolean>;
    /** Attaches evidence items (attaching one twice is a no-op). */
    attachEvidence(scope: OrgScope, id: string, evidenceIds: string[], by: string, at: Date): Promise<void>;
    /** Ids of the evidence attached to any request of the audit. */
    evidenceIdsOfAudit(scope: OrgScope, auditId: string): Promise<string[]>;
    addComment(scope: OrgScope, comment: TAuditRequestComment): Promise<void>;
    /** Oldest first. */
    listComments(scope: OrgScope, auditId: string): Promise<TAuditRequestComment[]>;
    addWalkthrough(scope: OrgScope, walkthrough: TAuditWalkthrough): Promise<void>;
    /** By when they are scheduled. */
    listWalkthroughs(scope: OrgScope, auditId: string): Promise<TAuditWalkthrough[]>;
  };
  /** Vendors, their SOC 2 reports and reviews, subservice organizations, and the CUECs. */
  vendors: {
    insert(scope: OrgScope, vendor: TVendor): Promise<void>;
    /** By name. */
    list(scope: OrgScope): Promise<TVendor[]>;
    find(scope: OrgScope, id: string): Promise<TVendor | null>;
    /** Updates only if the vendor is still at expectedVersion; false otherwise. */
    update(scope: OrgScope, vendor: TVendor, expectedVersion: number, at: Date): Promise<boolean>;
    insertReport(scope: OrgScope, report: TVendorReport): Promise<void>;
    /** One vendor's reports (or every vendor's), the latest period first. */
    listReports(scope: OrgScope, vendorId?: string): Promise<TVendorReport[]>;
    findReport(scope: OrgScope, vendorId: string, reportId: string): Promise<TVendorReport | null>;
    /** Replaces a report's details and bridge letter (never its file). */
    updateReport(scope: OrgScope, report: TVendorReport): Promise<void>;
    insertReview(scope: OrgScope, review: TVendorReview): Promise<void>;
    /** One vendor's reviews (or every vendor's), the latest first. */
    listReviews(scope: OrgScope, vendorId?: string): Promise<TVendorReview[]>;
    /** Active vendors marked as subservice organizations, by name, for the system description. */
    listSubserviceOrganizations(scope: OrgScope): Promise<
      Array<{
        name: string;
        services: string;
        method: TSubserviceMethod;
        csocs: string[];
        reportSections: string | null;
      }>
    >;
    /** In the order they were added. */
    listCuecs(scope: OrgScope): Promise<TCuec[]>;
    insertCuec(scope: OrgScope, cuec: TCuec): Promise<void>;
    /** false when the organization has no such CUEC. */
    updateCuec(scope: OrgScope, cuec: TCuec): Promise<boolean>;
    removeCuec(scope: OrgScope, id: string): Promise<boolean>;
  };
  auditLog: {
    /** Appends to the organization's hash chain; appends for one organization are serialized. */
    append(scope: OrgScope, entry: TAuditEntry): Promise<TChainedEntry>;
    /** The whole chain in order, for verification. */
    chain(scope: OrgScope): Promise<TChainedEntry[]>;
    /** A page of entries, newest first. */
    page(scope: OrgScope, query: TAuditQuery): Promise<TChainedEntry[]>;
  };
  sso: {
    find(scope: OrgScope): Promise<TSsoConnection | null>;
    /** Creates the organization's connection or replaces it (keeping when it was created). */
    save(scope: OrgScope, connection: Omit<TSsoConnection, 'orgId'>): Promise<void>;
    createLoginState(scope: OrgScope, state: Omit<TSsoLoginState, 'orgId'>): Promise<void>;
    /**
     * Spends a sign-in state once and returns it; null when it is unknown, used or expired. Unscoped on
     * purpose: the state coming back from the provider is what names the organization.
     */
    consumeLoginState(stateHash: string, at: Date): Promise<TSsoLoginState | null>;
    /** Deletes states that expired before the given time; returns how many. */
    purgeLoginStates(before: Date): Promise<number>;
  };
  /** A user's own credentials: like sessions, they belong to a user, not to an organization. */
  webauthn: {
    createChallenge(challenge: TWebAuthnChallenge): Promise<void>;
    /**
     * Spends a challenge once, only for the purpose and user it was issued to (userId null: issued for a
     * sign-in without a password); false when it is unknown, used, expired or was issued for something else.
     */
    consumeChallenge(
      challengeHash: string,
      expected: { purpose: TWebAuthnChallenge['purpose']; userId: string | null },
      at: Date,
    ): Promise<boolean>;
    /** Deletes challenges that expired before the given time; returns how many. */
    purgeChallenges(before: Date): Promise<number>;
    /** Stores a new credential; false when a credential with this id is already registered. */
    addCredential(credential: TWebAuthnCredential): Promise<boolean>;
    /** Unscoped on purpose: in a sign-in without a password, the credential is what names the user. */
    findCredential(id: string): Promise<TWebAuthnCredential | null>;
    listCredentials(userId: string): Promise<TWebAuthnCredential[]>;
    /**
     * Records a use: the new counter, only while the stored one is still `fromCounter`; false when another
     * use got there first (two assertions racing, or a cloned authenticator).
     */
    recordUse(id: string, use: { fromCounter: number; toCounter: number; at: Date }): Promise<boolean>;
    /** Removes one of the user's own credentials; false when they have none with this id. */
    removeCredential(userId: string, id: string): Promise<boolean>;
  };
  monitoring: {
    createIntegration(scope: OrgScope, integration: Omit<TIntegration, 'orgId'>): Promise<void>;
    listIntegrations(scope: OrgScope): Promise<TIntegration[]>;
    findIntegration(scope: OrgScope, idOrName: string): Promise<TIntegration | null>;
    /** Unscoped on purpose: the scheduler runs every organization's due integrations (collected ones only). */
    dueIntegrations(now: Date, limit: number): Promise<TIntegration[]>;
    /**
     * Records a run; with the slot a scheduled run was scheduled for, only the first run of that slot
     * (false: one was recorded already, so a queue's second delivery does not count twice).
     */
    insertRun(scope: OrgScope, run: TMonitorRun, scheduledFor?: Date | null): Promise<boolean>;
    updateIntegrationAfterRun(
      scope: OrgScope,
      id: string,
      update: Pick<TIntegration, 'status' | 'lastError' | 'lastRunAt' | 'nextRunAt'>,
    ): Promise<void>;
    replaceIntegrationConfig(scope: OrgScope, id: string, configSealed: string): Promise<void>;
    /**
     * Claims a due integration for one runner: moves its next run on, only if nobody else did first, so two
     * schedulers never run the same integration twice. Unscoped, like dueIntegrations.
     */
    claimDue(id: string, expectedNextRunAt: Date, nextRunAt: Date): Promise<boolean>;
    states(scope: OrgScope, integrationId?: string): Promise<TTestState[]>;
    /** Writes a run's transitions in batches: new and changed pairs upserted, gone pairs deleted, history appended. */
    applyTransitions(
      scope: OrgScope,
      integrationId: string,
      runId: string,
      transitions: TTransition[],
      at: Date,
    ): Promise<void>;
    listRuns(scope: OrgScope, integrationId: string, limit: number): Promise<TMonitorRun[]>;
  };
  /** An organization's own tests: CEL expressions over one resource type, compiled when a run needs them. */
  readinessSnapshots: {
    /** Writes the organization's row for snapshot.day, replacing one written earlier that day. */
    upsert(scope: OrgScope, snapshot: TReadinessSnapshot, at: Date): Promise<void>;
    /** Rows from the given day on, oldest first. */
    listSince(scope: OrgScope, fromDay: string): Promise<TReadinessSnapshot[]>;
  };
  ownerRoles: {
    list(scope: OrgScope): Promise<TOwnerRoleAssignment[]>;
    /** Sets (userId) or clears (null) the default owner of a role. */
    set(scope: OrgScope, ownerRole: TOwnerRole, userId: string | null, at: Date): Promise<void>;
    /** Gives every control and policy of the role that has no owner this owner; returns what it changed. */
    assignUnowned(
      scope: OrgScope,
      ownerRole: TOwnerRole,
      userId: string,
      at: Date,
    ): Promise<{ controlCodes: string[]; policyIds: string[] }>;
  };
  /** The public trust center: settings, shared documents, access requests and the download log. */
  trustCenter: {
    find(scope: OrgScope): Promise<TTrustCenterRecord | null>;
    /** Creates the organization's settings or replaces them. */
    save(scope: OrgScope, record: TTrustCenterRecord): Promise<void>;
    listPublicPolicies(scope: OrgScope): Promise<Array<{ policyId: string; publicId: string }>>;
    /** Replaces the set of policies shown publicly. */
    setPublicPolicies(
      scope: OrgScope,
      policies: Array<{ policyId: string; publicId: string }>,
    ): Promise<void>;
    insertDocument(scope: OrgScope, document: TTrustDocument): Promise<void>;
    /** Documents not removed, oldest first. */
    listDocuments(scope: OrgScope): Promise<TTrustDocument[]>;
    /** Marks a document removed; false when the organization has no such document. */
    removeDocument(scope: OrgScope, id: string, at: Date): Promise<boolean>;
    insertAccessRequest(scope: OrgScope, request: TTrustAccessRequest): Promise<void>;
    /** Newest first. */
    listAccessRequests(scope: OrgScope): Promise<TTrustAccessRequest[]>;
    findAccessRequest(scope: OrgScope, id: string): Promise<TTrustAccessRequest | null>;
    /** A pending request from this email, so a visitor who asks twice is not queued twice. */
    findPendingAccessRequest(scope: OrgScope, email: string): Promise<TTrustAccessRequest | null>;
    /** Approves (with a new link's token hash and an expiry) or denies (dropping any link); false if unknown. */
    decideAccessRequest(
      scope: OrgScope,
      id: string,
      decision: {
        status: 'approved' | 'denied';
        decidedBy: string;
        decidedAt: Date;
        expiresAt: Date | null;
        tokenHash: string | null;
      },
    ): Promise<boolean>;
    /** The approved request whose link carries this token, while it has not expired. */
    findApprovedByToken(scope: OrgScope, tokenHash: string, at: Date): Promise<TTrustAccessRequest | null>;
    recordDownload(scope: OrgScope, download: TTrustDownload): Promise<void>;
    /** Newest first. */
    listDownloads(scope: OrgScope, limit: number): Promise<TTrustDownload[]>;
  };
  /** The host agent: enrolment tokens, enrolled devices and each device's latest report. */
  agent: {
    createEnrolmentToken(
      scope: OrgScope,
      token: TAgentEnrolmentToken & { tokenHash: string; createdBy: string | null },
    ): Promise<void>;
    listEnrolmentTokens(scope: OrgScope): Promise<TAgentEnrolmentToken[]>;
    revokeEnrolmentToken(scope: OrgScope, id: string, at: Date): Promise<boolean>;
    /**
     * Counts one enrolment with a live token and returns its id and organization; null when the token is
     * unknown, revoked or expired. Unscoped on purpose: the presented token names the organization.
     */
    useEnrolmentToken(tokenHash: string, at: Date): Promise<{ id: string; orgId: string } | null>;
    createDevice(
      scope: OrgScope,
      device: Omit<TAgentDevice, 'orgId'> & { credentialHash: string; enrolmentTokenId: string },
    ): Promise<void>;
    listDevices(scope: OrgScope): Promise<TAgentDevice[]>;
    /** Unscoped on purpose: the presented credential names the device and its organization. */
    findDeviceByCredential(credentialHash: string): Promise<TAgentDevice | null>;
    revokeDevice(scope: OrgScope, id: string, at: Date): Promise<boolean>;
    /** Keeps a device's latest report (and the hostname it gave); false when the device is revoked or unknown. */
    saveReport(
      scope: OrgScope,
      id: string,
      report: { hostname: string; attributes: Record<string, unknown> },
      at: Date,
    ): Promise<boolean>;
    /** The latest report of every device that is not revoked. */
    latestReports(
      scope: OrgScope,
    ): Promise<Array<{ device: TAgentDevice; attributes: Record<string, unknown> }>>;
  };
  /** The personnel register, its hand-ticked checklist items, training completions and matched accounts. */
  people: {
    list(scope: OrgScope): Promise<TPerson[]>;
    find(scope: OrgScope, id: string): Promise<TPerson | null>;
    findByEmail(scope: OrgScope, email: string): Promise<TPerson | null>;
    insert(scope: OrgScope, person: TPerson): Promise<void>;
    /** Updates only if the person is still at expectedVersion; false otherwise. */
    update(scope: OrgScope, person: TPerson, expectedVersion: number, at: Date): Promise<boolean>;
    listMarks(scope: OrgScope): Promise<TChecklistMark[]>;
    /** Ticks an item, replacing an earlier tick of the same item. */
    setMark(scope: OrgScope, mark: TChecklistMark): Promise<void>;
    removeMark(scope: OrgScope, personId: string, item: TMarkedItem): Promise<boolean>;
    listCompletions(scope: OrgScope, personId?: string): Promise<TTrainingCompletion[]>;
    /** Records a completion once; false when the same one (course, version, time) was recorded already. */
    addCompletion(scope: OrgScope, completion: TTrainingCompletion): Promise<boolean>;
    listAccounts(scope: OrgScope): Promise<TPersonAccount[]>;
    /** Replaces every matched account of the organization with those of the latest sync. */
    replaceAccounts(scope: OrgScope, accounts: TPersonAccount[]): Promise<void>;
    /**
     * Unscoped on purpose (the scheduler): organizations whose integration of type `people` is due, or that
     * have none yet but have an integration of one of the `accounts` types.
     */
    dueForRefresh(
      now: Date,
      limit: number,
      types: { people: string; accounts: readonly string[] },
    ): Promise<Array<{ orgId: string; integrationId: string | null; nextRunAt: Date | null }>>;
  };
  customTests: {
    list(scope: OrgScope): Promise<TCustomTest[]>;
    find(scope: OrgScope, testId: string): Promise<TCustomTest | null>;
    /** Inserts the test, or replaces the one with the same test id (keeping who created it, and when). */
    save(scope: OrgScope, test: TCustomTest & { rowId: string }): Promise<void>;
    /** Deletes it; false when the organization has no test with this id. */
    remove(scope: OrgScope, testId: string): Promise<boolean>;
  };
  /** Type 2 testing: populations, samples, the organization's sample sizes, the timelines' reads. */
  populations: PopulationsRepo;
  samples: SamplesRepo;
  samplingSettings: SamplingSettingsRepo;
  timelineSources: TimelineSourcesRepo;
  /** The evidence ledger (appended by the evidence, monitoring and audit-log repositories) and its signing key. */
  ledger: LedgerRepo;
  signingKeys: SigningKeysRepo;
  /** The audit package's bulk read of monitoring runs' transitions. */
  auditPackage: AuditPackageRepo;
  notifications: NotificationsRepo;
  privacy: PrivacyRepo;
  /** User access reviews: campaigns, their frozen accounts and decisions, and each system's schedule. */
  accessReviews: AccessReviewsRepo;
}

/** Repositories plus the ability to run several writes as one: all land or none does. */
export interface Store {
  repos: Repositories;
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** A blob's bytes in pieces, for blobs too large to hold as one array (a run's evidence snapshot). */
export type TByteChunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface BlobStore {
  /** Stores bytes under their SHA-256 and returns the key; storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string; sizeBytes: number }>;
  /** put() of the chunks joined, without joining them: hashed as they are written, stored once complete. */
  putStream(chunks: TByteChunks): Promise<{ key: string; sha256: string; sizeBytes: number }>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface TMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail: SMTP when configured, otherwise the message goes to the log (development). */
export interface Mailer {
  /** Whether mail reaches its recipient; false when it only goes to the log, so a link must be shown. */
  readonly delivers: boolean;
  send(mail: TMail): Promise<void>;
}

export interface SecretSealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export interface TOidcClientCredentials {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Who the provider says signed in, from an ID token whose signature, issuer, audience and nonce checked out. */
export interface TOidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/** An OpenID Connect relying party: discovery, the authorization URL, and the code exchange. */
export interface OidcClient {
  /** Reads the issuer's discovery document; INVALID_INPUT when the issuer cannot be used. */
  discover(issuer: string): Promise<{ issuer: string }>;
  /** The provider's authorization URL for the code flow, with the PKCE challenge of codeVerifier. */
  buildAuthorizationUrl(
    client: TOidcClientCredentials,
    request: { redirectUri: string; state: string; nonce: string; codeVerifier: string },
  ): Promise<string>;
  /**
   * Checks the callback (state, issuer, errors), exchanges its code and verifies the ID token;
   * UNAUTHENTICATED when any of it fails.
   */
  exchangeCode(
    client: TOidcClientCredentials,
    callback: { redirectUri: string; query: string; state: string; nonce: string; codeVerifier: string },
  ): Promise<TOidcIdentity>;
}

export interface AppDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  newId: () => string;
  randomBytes: (n: number) => Uint8Array;
  passwords: PasswordHasher;
  mailer: Mailer;
  /** Loaded on first use: only features that store credentials need the master key. */
  secrets: () => Promise<SecretSealer>;
  catalog: TCatalog;
  /** The integrations this build can collect from, and the built-in test library. */
  monitoring: { collectors: ReadonlyMap<string, Collector>; library: TTestLibrary };
  /** Who is acting, as written to the audit log. */
  actor: TActor;
  oidc: OidcClient;
}
