import type { ColumnType, Generated } from 'kysely';

// Row types of the migrations in ./migrations. Keep in step with the SQL: a column added there is added here.

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date, Date>;
/** DATE columns travel as 'YYYY-MM-DD' strings (the connection installs that parser). */
type DateString = string;

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  require_mfa: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  totp_secret_sealed: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  created_at: CreatedAt;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_verified: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  source_address: string | null;
  revoked_at: Date | null;
  org_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  role: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface DemoSignInTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  email: string;
  source_address: string;
  at: Date;
}

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: string;
  created_at: CreatedAt;
  /** Set for an auditor limited to one audit (migration 0021). */
  audit_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProgramsTable {
  org_id: string;
  report_type: string;
  as_of_date: DateString | null;
  window_start: DateString | null;
  window_end: DateString | null;
  categories: string[];
  component_kinds: string[];
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SystemComponentsTable {
  id: string;
  org_id: string;
  kind: string;
  name: string;
  description: string | null;
  created_at: CreatedAt;
}

export interface CriterionExclusionsTable {
  org_id: string;
  criterion_id: string;
  reason: string;
  created_at: CreatedAt;
}

export interface ControlsTable {
  id: string;
  org_id: string;
  code: string;
  library_id: string | null;
  title: string;
  requirement: string;
  evidence_guidance: string;
  frequency: string;
  owner_role: string;
  owner_user_id: string | null;
  automatable: boolean;
  status: string;
  not_applicable_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ControlCriteriaTable {
  org_id: string;
  control_id: string;
  criterion_id: string;
}

export interface PoliciesTable {
  id: string;
  org_id: string;
  template_id: string | null;
  title: string;
  owner_role: string;
  owner_user_id: string | null;
  review_cadence: string;
  created_at: CreatedAt;
}

export interface PolicyVersionsTable {
  id: string;
  org_id: string;
  policy_id: string;
  version: number;
  body_markdown: string;
  sha256: string;
  status: string;
  created_by: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  published_at: Date | null;
  created_at: CreatedAt;
  /** Migration 0012. */
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PolicyAcceptancesTable {
  id: string;
  org_id: string;
  policy_version_id: string;
  user_id: string;
  accepted_at: Date;
}

export interface PolicyControlsTable {
  org_id: string;
  policy_id: string;
  control_id: string;
}

export interface EvidenceTable {
  id: string;
  org_id: string;
  title: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  blob_key: string;
  source: string;
  valid_from: DateString;
  valid_until: DateString | null;
  collected_at: Timestamp;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface EvidenceControlsTable {
  org_id: string;
  evidence_id: string;
  control_id: string;
}

export interface TasksTable {
  id: string;
  org_id: string;
  title: string;
  description: string;
  control_id: string | null;
  criterion_id: string | null;
  assignee_user_id: string | null;
  status: string;
  due_date: DateString | null;
  completed_at: Date | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
}

export interface RisksTable {
  id: string;
  org_id: string;
  title: string;
  description: string;
  category: string;
  library_id: string | null;
  inherent_likelihood: number;
  inherent_impact: number;
  residual_likelihood: number;
  residual_impact: number;
  owner_user_id: string | null;
  treatment: string;
  review_date: DateString | null;
  status: string;
  accepted_by: string | null;
  accepted_by_label: string | null;
  accepted_at: Date | null;
  acceptance_note: string | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
}

export interface RiskControlsTable {
  org_id: string;
  risk_id: string;
  control_id: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_type: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  source_address: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditsTable {
  id: string;
  org_id: string;
  firm_name: string;
  contacts: ColumnType<Array<{ name: string; email: string; role: string | null }>, string, string>;
  report_type: string;
  as_of_date: DateString | null;
  window_start: DateString | null;
  window_end: DateString | null;
  phase: string;
  firm_checklist: ColumnType<Record<string, { done: boolean; note: string }>, string, string>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AuditRequestsTable {
  id: string;
  org_id: string;
  audit_id: string;
  ref: string;
  title: string;
  description: string;
  control_id: string | null;
  criterion_id: string | null;
  due_date: DateString | null;
  status: ColumnType<string, string | undefined, string>;
  flag_reason: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AuditRequestEvidenceTable {
  org_id: string;
  request_id: string;
  evidence_id: string;
  attached_by: string;
  attached_at: Date;
}

export interface AuditRequestCommentsTable {
  id: string;
  org_id: string;
  request_id: string;
  author: string;
  body: string;
  created_at: Date;
}

export interface AuditWalkthroughsTable {
  id: string;
  org_id: string;
  request_id: string;
  scheduled_at: Date;
  attendees: ColumnType<string[], string, string>;
  notes: string;
  created_by: string;
  created_at: Date;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  audit_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SsoConnectionsTable {
  org_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  allowed_domains: string[];
  jit_role: string;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface SsoLoginStatesTable {
  state_hash: string;
  org_id: string;
  code_verifier_sealed: string;
  nonce: string;
  redirect_after: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface WebauthnCredentialsTable {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

export interface WebauthnChallengesTable {
  challenge_hash: string;
  user_id: string | null;
  purpose: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface IntegrationsTable {
  id: string;
  org_id: string;
  type: string;
  name: string;
  config_sealed: string;
  schedule_minutes: ColumnType<number, number | undefined, number>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<string, string | undefined, string>;
  last_error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  last_run_at: Date | null;
  next_run_at: Date;
  created_at: Date;
  /** collected: the scheduler runs its collector; pushed: its resources arrive by push or import. */
  delivery: ColumnType<string, string | undefined, string>;
}

export interface MonitorRunsTable {
  id: string;
  org_id: string;
  integration_id: string;
  started_at: Date;
  finished_at: Date;
  status: string;
  error: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  resources: number;
  passed: number;
  failed: number;
  errors: number;
  not_applicable: number;
  transitions: number;
  snapshot_sha256: string | null;
  snapshot_blob_key: string | null;
  /** The slot a scheduled run was scheduled for; null for a run started by hand. */
  scheduled_for: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface TestStatesTable {
  org_id: string;
  integration_id: string;
  test_id: string;
  resource_id: string;
  resource_type: string;
  resource_name: string;
  status: string;
  reason: string;
  fields: ColumnType<Record<string, unknown>, string, string>;
  since: Date;
}

export interface LedgerEntriesTable {
  org_id: string;
  seq: number;
  occurred_at: Timestamp;
  kind: string;
  ref_id: string;
  digest: string;
  prev_hash: string;
  hash: string;
}

export interface OrgSigningKeysTable {
  org_id: string;
  algorithm: ColumnType<string, string | undefined, never>;
  public_key_pem: string;
  private_key_sealed: string;
  fingerprint: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface TestTransitionsTable {
  id: Generated<number>;
  org_id: string;
  integration_id: string;
  run_id: string;
  test_id: string;
  resource_id: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  at: Date;
}

export interface PeopleTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  type: string;
  department: string | null;
  title: string | null;
  manager_email: string | null;
  start_date: DateString;
  end_date: DateString | null;
  in_scope: boolean;
  source: string;
  source_integration: string | null;
  background_check_status: ColumnType<string, string | undefined, string>;
  background_check_date: DateString | null;
  background_check_provider: string | null;
  background_check_exemption: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PersonChecklistMarksTable {
  org_id: string;
  person_id: string;
  item: string;
  done_on: DateString;
  note: string;
  device_id: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface TrainingCompletionsTable {
  id: string;
  org_id: string;
  person_id: string;
  course_id: string;
  course_version: number;
  completed_at: Date;
  source: string;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface PersonAccountsTable {
  org_id: string;
  person_id: string;
  integration_id: string;
  system: string;
  resource_type: string;
  account_id: string;
  account_name: string;
  status: string;
  active: boolean;
  seen_at: Date;
}

export interface DB {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  programs: ProgramsTable;
  system_components: SystemComponentsTable;
  criterion_exclusions: CriterionExclusionsTable;
  controls: ControlsTable;
  control_criteria: ControlCriteriaTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_controls: PolicyControlsTable;
  policy_acceptances: PolicyAcceptancesTable;
  evidence: EvidenceTable;
  evidence_controls: EvidenceControlsTable;
  tasks: TasksTable;
  risks: RisksTable;
  risk_controls: RiskControlsTable;
  people: PeopleTable;
  person_checklist_marks: PersonChecklistMarksTable;
  training_completions: TrainingCompletionsTable;
  person_accounts: PersonAccountsTable;
  audits: AuditsTable;
  audit_requests: AuditRequestsTable;
  audit_request_evidence: AuditRequestEvidenceTable;
  audit_request_comments: AuditRequestCommentsTable;
  audit_walkthroughs: AuditWalkthroughsTable;
  vendors: VendorsTable;
  vendor_reports: VendorReportsTable;
  vendor_reviews: VendorReviewsTable;
  cuecs: CuecsTable;
  audit_log: AuditLogTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  demo_sign_in_tokens: DemoSignInTokensTable;
  sign_in_failures: SignInFailuresTable;
  invitations: InvitationsTable;
  sso_connections: SsoConnectionsTable;
  sso_login_states: SsoLoginStatesTable;
  webauthn_credentials: WebauthnCredentialsTable;
  webauthn_challenges: WebauthnChallengesTable;
  integrations: IntegrationsTable;
  monitor_runs: MonitorRunsTable;
  test_states: TestStatesTable;
  test_transitions: TestTransitionsTable;
  ledger_entries: LedgerEntriesTable;
  org_signing_keys: OrgSigningKeysTable;
  custom_tests: CustomTestsTable;
  agent_enrolment_tokens: AgentEnrolmentTokensTable;
  agent_devices: AgentDevicesTable;
  readiness_snapshots: ReadinessSnapshotsTable;
  owner_role_assignments: OwnerRoleAssignmentsTable;
  trust_centers: TrustCentersTable;
  trust_center_policies: TrustCenterPoliciesTable;
  trust_center_documents: TrustCenterDocumentsTable;
  trust_access_requests: TrustAccessRequestsTable;
  trust_downloads: TrustDownloadsTable;
  population_items: PopulationItemsTable;
  samples: SamplesTable;
  sampling_settings: SamplingSettingsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_channels: NotificationChannelsTable;
  notification_outbox: NotificationOutboxTable;
  privacy_entries: PrivacyEntriesTable;
  access_review_campaigns: AccessReviewCampaignsTable;
  access_review_items: AccessReviewItemsTable;
  access_review_schedules: AccessReviewSchedulesTable;
}

export interface CustomTestsTable {
  id: string;
  org_id: string;
  test_id: string;
  title: string;
  resource_type: string;
  expression: string;
  severity: string;
  controls: string[];
  rationale: ColumnType<string, string | undefined, string>;
  remediation: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: Date;
}

export interface ReadinessSnapshotsTable {
  org_id: string;
  day: DateString;
  overall_score: number | null;
  category_scores: ColumnType<Record<string, number | null>, string, string>;
  counts: ColumnType<Record<string, unknown>, string, string>;
  recorded_at: Timestamp;
}

export interface OwnerRoleAssignmentsTable {
  org_id: string;
  owner_role: string;
  user_id: string;
  updated_at: Timestamp;
}

export interface TrustCentersTable {
  org_id: string;
  published: boolean;
  headline: string;
  description: string;
  security_contact: string | null;
  faq: ColumnType<unknown, string, string>;
  areas: ColumnType<unknown, string, string>;
  subprocessors: ColumnType<unknown, string, string>;
  nda_text: string;
  nda_version: number;
  updated_at: Date;
  updated_by: string;
}

export interface TrustCenterPoliciesTable {
  org_id: string;
  policy_id: string;
  public_id: string;
}

export interface TrustCenterDocumentsTable {
  id: string;
  org_id: string;
  public_id: string;
  title: string;
  description: string;
  kind: string;
  access: string;
  file_name: string;
  media_type: string;
  size_bytes: ColumnType<number, number, number>;
  sha256: string;
  blob_key: string;
  evidence_id: string | null;
  created_by: string;
  created_at: Date;
  removed_at: Date | null;
}

export interface TrustAccessRequestsTable {
  id: string;
  org_id: string;
  name: string;
  company: string;
  email: string;
  nda_version: number;
  nda_text: string;
  nda_accepted_at: Date;
  source_address: string | null;
  status: string;
  decided_by: string | null;
  decided_at: Date | null;
  expires_at: Date | null;
  token_hash: string | null;
  created_at: Date;
}

export interface TrustDownloadsTable {
  id: string;
  org_id: string;
  request_id: string;
  document_id: string;
  downloaded_at: Date;
  source_address: string | null;
  watermark: string;
}

export interface AgentEnrolmentTokensTable {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  enrolments: ColumnType<number, number | undefined, number>;
}

export interface AgentDevicesTable {
  id: string;
  org_id: string;
  hostname: string;
  credential_hash: string;
  enrolment_token_id: string | null;
  enrolled_at: Date;
  revoked_at: Date | null;
  last_report: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  last_report_at: Date | null;
}

/** Migration 0026. */
export interface NotificationPreferencesTable {
  org_id: string;
  user_id: string;
  frequency: string;
  kinds: ColumnType<Record<string, { email: boolean; slack: boolean }>, string, string>;
  last_digest_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NotificationChannelsTable {
  org_id: string;
  slack_webhook_sealed: string | null;
  slack_frequency: string;
  slack_last_digest_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NotificationOutboxTable {
  id: Generated<string>;
  org_id: string;
  recipient: string;
  channel: string;
  notice_key: string;
  kind: string;
  title: string;
  link: string;
  created_at: Date;
  sent_at: Date | null;
}

/** Migration 0024: vendors, their SOC 2 reports and reviews, and the CUECs. */
export interface VendorsTable {
  id: string;
  org_id: string;
  name: string;
  services: string;
  data_categories: string[];
  operational_dependency: string;
  production_access: string;
  owner_user_id: string | null;
  contract_start: DateString | null;
  renewal_date: DateString | null;
  review_cadence: string | null;
  status: string;
  subservice_method: string | null;
  report_sections: string | null;
  csocs: ColumnType<Array<{ description: string; criteria: string[] }>, string, string>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface VendorReportsTable {
  id: string;
  org_id: string;
  vendor_id: string;
  file_name: string;
  media_type: string;
  size_bytes: ColumnType<number, number, number>;
  sha256: string;
  blob_key: string;
  report_type: string;
  period_start: DateString;
  period_end: DateString;
  opinion: string;
  exceptions: string;
  expires_on: DateString;
  bridge_file_name: string | null;
  bridge_media_type: string | null;
  bridge_size_bytes: number | null;
  bridge_sha256: string | null;
  bridge_blob_key: string | null;
  bridge_covered_until: DateString | null;
  bridge_uploaded_at: Date | null;
  uploaded_at: Date;
}

export interface VendorReviewsTable {
  id: string;
  org_id: string;
  vendor_id: string;
  reviewed_on: DateString;
  reviewer_user_id: string | null;
  reviewer_email: string;
  outcome: string;
  notes: string;
  report_id: string | null;
  recorded_at: Date;
}

export interface CuecsTable {
  id: string;
  org_id: string;
  description: string;
  criteria: string[];
  created_at: CreatedAt;
  seq: Generated<number>;
}

export interface PopulationItemsTable {
  id: string;
  org_id: string;
  kind: string;
  external_id: string;
  occurred_at: Date;
  title: string;
  attributes: ColumnType<Record<string, string | number | boolean | null>, string, string>;
  source_kind: string;
  source_ref: string;
  collected_at: Date;
}

export interface SamplesTable {
  id: string;
  org_id: string;
  audit_id: string;
  control_code: string;
  kind: string;
  seed: string;
  size: number;
  population_count: number;
  population_digest: string;
  item_ids: ColumnType<string[], string, string>;
  drawn_by: string;
  drawn_at: Date;
}

export interface SamplingSettingsTable {
  org_id: string;
  sizes: ColumnType<Record<string, number>, string, string>;
  updated_by: string;
  updated_at: Date;
}

/** Migration 0025: user access reviews. */
export interface AccessReviewCampaignsTable {
  id: string;
  org_id: string;
  integration_id: string | null;
  system_id: string;
  system_name: string;
  system_type: string;
  title: string;
  status: ColumnType<string, string | undefined, string>;
  due_date: DateString;
  reviewer_user_ids: ColumnType<string[], string, string>;
  frozen_at: Date;
  sources: ColumnType<unknown[], string, string>;
  snapshot_sha256: string;
  snapshot_blob_key: string;
  accounts: number;
  started_by: string;
  completed_at: Date | null;
  completed_by: string | null;
  evidence_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface AccessReviewItemsTable {
  id: string;
  org_id: string;
  campaign_id: string;
  position: number;
  resource_type: string;
  account_id: string;
  name: string;
  email: string | null;
  account_status: string;
  last_login: string | null;
  privileges: ColumnType<{ roles: string[]; groups: string[]; privileged: boolean }, string, string>;
  decision: string | null;
  comment: ColumnType<string, string | undefined, string>;
  decided_by: string | null;
  decided_at: Date | null;
  task_id: string | null;
  verification: string | null;
  verification_note: string | null;
  verified_at: Date | null;
  verified_run_id: string | null;
}

export interface AccessReviewSchedulesTable {
  org_id: string;
  integration_id: string;
  cadence_months: number;
  next_due: DateString;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Migration 0027. */
export interface PrivacyEntriesTable {
  id: string;
  org_id: string;
  register: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Date;
  updated_at: Date;
}
