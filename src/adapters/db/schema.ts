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
