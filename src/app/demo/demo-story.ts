import type { TOwnerRole } from '../../domain/catalog-types.ts';
import type { TMemberRole } from '../../domain/permissions.ts';

// The demo organization's people and program, as data: who is who, which controls are done, which
// evidence was collected when, which tasks are open. Days count from the day the observation window
// started (day 0); the demo spans DEMO_DAYS days, the last being the day it is seeded.

export const DEMO_SLUG = 'demo';
export const DEMO_NAME = 'Demo Cloud Inc.';
export const DEMO_OWNER_EMAIL = 'demo@attestly.local';
/** Demo people have addresses here, a name no mailbox answers (RFC 6762 reserves .local). */
export const DEMO_EMAIL_DOMAIN = 'attestly.local';
export const DEMO_DAYS = 70;

export interface TDemoPerson {
  key: string;
  email: string;
  role: TMemberRole;
  ownerRole?: TOwnerRole;
}

export const DEMO_PEOPLE: TDemoPerson[] = [
  { key: 'security', email: 'maria.chen@attestly.local', role: 'admin', ownerRole: 'security' },
  { key: 'engineering', email: 'sam.patel@attestly.local', role: 'member', ownerRole: 'engineering' },
  { key: 'it', email: 'alex.kim@attestly.local', role: 'member', ownerRole: 'it' },
  { key: 'hr', email: 'jordan.lee@attestly.local', role: 'member', ownerRole: 'hr' },
  { key: 'legal', email: 'dana.okafor@attestly.local', role: 'member', ownerRole: 'legal' },
  { key: 'employee1', email: 'taylor.brooks@attestly.local', role: 'employee' },
  { key: 'employee2', email: 'morgan.diaz@attestly.local', role: 'employee' },
  { key: 'auditor', email: 'auditor@attestly.local', role: 'auditor' },
];

export const DEMO_COMPONENTS = [
  'infrastructure:AWS production account (eu-west-1)',
  'software:Demo Cloud web application and API',
  'data:Customer workspace data in PostgreSQL and S3',
  'people:Engineering, IT and support staff',
  'procedures:Change management, access reviews and incident response',
];

/** Controls that do not apply to a fully remote company with no office. */
export const DEMO_NOT_APPLICABLE: Array<{ code: string; reason: string }> = [
  { code: 'PHY-01', reason: 'Demo Cloud is fully remote: there is no office to badge into.' },
  { code: 'PHY-02', reason: 'Demo Cloud is fully remote: there is no office that receives visitors.' },
];

export const IMPLEMENTED_SHARE = 0.55;
export const IN_PROGRESS_SHARE = 0.16;

export interface TDemoEvidence {
  day: number;
  by: string;
  title: string;
  fileName: string;
  kind: 'png' | 'pdf' | 'csv';
  controls: string[];
  /** Days after the seed day it stops being valid (negative: already expired); none: no end. */
  validForDays?: number;
  lines?: string[];
  switches?: boolean[];
  rows?: string[][];
  header?: string[];
}

export const DEMO_EVIDENCE: TDemoEvidence[] = [
  {
    day: 3,
    by: 'security',
    title: 'Information security policy, approved by the CEO',
    fileName: 'information-security-policy-approval.pdf',
    kind: 'pdf',
    controls: ['GOV-06'],
    lines: [
      'Approved by: CEO, Demo Cloud Inc.',
      'Version 3.0, reviewed annually.',
      'Next review due within 12 months.',
    ],
    validForDays: 300,
  },
  {
    day: 6,
    by: 'it',
    title: 'Okta MFA enrollment policy (screenshot)',
    fileName: 'okta-mfa-enrollment-policy.png',
    kind: 'png',
    controls: ['AC-02', 'AC-11'],
    switches: [true, true, true, false],
    validForDays: 90,
  },
  {
    day: 9,
    by: 'engineering',
    title: 'GitHub branch protection on democloud/api (screenshot)',
    fileName: 'github-branch-protection-api.png',
    kind: 'png',
    controls: ['CHG-02', 'CHG-01'],
    switches: [true, true, true, true, true],
    validForDays: 120,
  },
  {
    day: 12,
    by: 'engineering',
    title: 'RDS encryption at rest settings (screenshot)',
    fileName: 'rds-encryption-at-rest.png',
    kind: 'png',
    controls: ['CRY-01'],
    switches: [true, true, true],
    validForDays: 20,
  },
  {
    day: 15,
    by: 'it',
    title: 'Laptop disk encryption report from device management',
    fileName: 'laptop-disk-encryption.csv',
    kind: 'csv',
    controls: ['END-01', 'END-05'],
    header: ['device', 'owner', 'os', 'encrypted', 'last_check_in'],
    rows: [
      ['DC-MBP-014', 'maria.chen', 'macOS 15.5', 'yes', '2 hours ago'],
      ['DC-MBP-019', 'sam.patel', 'macOS 15.5', 'yes', '1 hour ago'],
      ['DC-MBP-022', 'alex.kim', 'macOS 15.4', 'yes', '5 hours ago'],
      ['DC-XPS-003', 'jordan.lee', 'Windows 11', 'yes', '1 day ago'],
      ['DC-MBP-027', 'taylor.brooks', 'macOS 15.5', 'yes', '3 hours ago'],
    ],
    validForDays: 12,
  },
  {
    day: 18,
    by: 'security',
    title: 'Penetration test summary, previous year',
    fileName: 'penetration-test-summary.pdf',
    kind: 'pdf',
    controls: ['OPS-09'],
    lines: [
      'Scope: app.democloud.example and the public API.',
      'Findings: 0 critical, 1 high (fixed), 4 medium, 6 low.',
      'Retest confirmed the high finding closed.',
    ],
    validForDays: -5,
  },
  {
    day: 21,
    by: 'security',
    title: 'Incident response plan',
    fileName: 'incident-response-plan.pdf',
    kind: 'pdf',
    controls: ['IR-01', 'IR-09'],
    lines: [
      'Severity levels SEV1 to SEV4 with response times.',
      'On-call rota in PagerDuty.',
      'Tabletop exercise yearly.',
    ],
    validForDays: 330,
  },
  {
    day: 26,
    by: 'security',
    title: 'Quarterly user access review',
    fileName: 'access-review-q2.csv',
    kind: 'csv',
    controls: ['AC-08'],
    header: ['system', 'account', 'role', 'reviewer', 'decision'],
    rows: [
      ['AWS', 'sam.patel', 'PowerUser', 'maria.chen', 'keep'],
      ['AWS', 'former.contractor', 'ReadOnly', 'maria.chen', 'remove'],
      ['GitHub', 'akim-dc', 'owner', 'maria.chen', 'keep'],
      ['Okta', 'test.user', 'user', 'alex.kim', 'remove'],
    ],
    validForDays: 25,
  },
  {
    day: 30,
    by: 'engineering',
    title: 'Quarterly backup restoration test',
    fileName: 'backup-restore-test.pdf',
    kind: 'pdf',
    controls: ['BCP-06', 'BCP-03'],
    lines: [
      'Restored the production snapshot into an isolated account.',
      'Restore time: 38 minutes; data verified.',
    ],
    validForDays: 60,
  },
  {
    day: 34,
    by: 'hr',
    title: 'Security awareness training completions',
    fileName: 'security-training-completions.csv',
    kind: 'csv',
    controls: ['HR-04', 'HR-03'],
    header: ['person', 'course', 'completed_on'],
    rows: [
      ['maria.chen', 'Security awareness 2026', 'week 1'],
      ['sam.patel', 'Security awareness 2026', 'week 2'],
      ['alex.kim', 'Security awareness 2026', 'week 2'],
      ['taylor.brooks', 'Security awareness 2026', 'week 3'],
    ],
    validForDays: 280,
  },
  {
    day: 38,
    by: 'security',
    title: 'Vendor and subprocessor inventory',
    fileName: 'vendor-inventory.csv',
    kind: 'csv',
    controls: ['VEN-01', 'VEN-02'],
    header: ['vendor', 'service', 'tier', 'soc2_report'],
    rows: [
      ['Amazon Web Services', 'hosting', 'critical', 'yes'],
      ['GitHub', 'source control', 'high', 'yes'],
      ['Okta', 'identity', 'critical', 'yes'],
      ['Slack', 'communication', 'medium', 'yes'],
    ],
  },
  {
    day: 44,
    by: 'hr',
    title: 'Background check log',
    fileName: 'background-checks.csv',
    kind: 'csv',
    controls: ['HR-01'],
    header: ['hire', 'start_week', 'check_completed'],
    rows: [
      ['riley.stone', 'week 3', 'yes'],
      ['contractor-jw', 'week 5', 'yes'],
    ],
  },
  {
    day: 49,
    by: 'security',
    title: 'Board meeting minutes: security programme review',
    fileName: 'board-minutes-security-review.pdf',
    kind: 'pdf',
    controls: ['GOV-01', 'GOV-08'],
    lines: ['The board reviewed the SOC 2 readiness trend.', 'Approved budget for the penetration test.'],
    validForDays: 45,
  },
  {
    day: 55,
    by: 'security',
    title: 'Annual risk assessment',
    fileName: 'risk-assessment.pdf',
    kind: 'pdf',
    controls: ['RISK-01', 'RISK-02'],
    lines: ['22 risks rated; 4 high, treated or accepted by the CEO.', 'Risk register owners confirmed.'],
    validForDays: 310,
  },
  {
    day: 63,
    by: 'legal',
    title: 'Cyber insurance certificate',
    fileName: 'cyber-insurance-certificate.pdf',
    kind: 'pdf',
    controls: ['RISK-06'],
    lines: ['Cyber liability and business interruption cover.', 'Policy period ends within the month.'],
    validForDays: 28,
  },
];

export interface TDemoTask {
  day: number;
  title: string;
  description: string;
  control?: string;
  criterion?: string;
  assignee: string;
  /** Due this many days after the seed day (negative: in the past). */
  dueInDays?: number;
  /** Later moves: [day, status]. */
  moves?: Array<[number, 'in_progress' | 'done']>;
}

export const DEMO_TASKS: TDemoTask[] = [
  {
    day: 2,
    title: 'Enforce MFA for every Okta user',
    description: 'Jordan has no factor enrolled; the enrollment policy must require one.',
    control: 'AC-02',
    assignee: 'it',
    dueInDays: -45,
    moves: [
      [8, 'in_progress'],
      [51, 'done'],
    ],
  },
  {
    day: 4,
    title: 'Require two-factor authentication in the GitHub organization',
    description: 'Turn on the organization-wide requirement and remove members without 2FA.',
    control: 'AC-04',
    assignee: 'engineering',
    dueInDays: -40,
    moves: [
      [20, 'in_progress'],
      [37, 'done'],
    ],
  },
  {
    day: 10,
    title: 'Protect main on democloud/infrastructure',
    description: 'The infrastructure repository has no branch protection and allows force pushes.',
    control: 'CHG-02',
    assignee: 'engineering',
    dueInDays: -6,
    moves: [[40, 'in_progress']],
  },
  {
    day: 14,
    title: 'Deactivate the accounts of leavers the day they leave',
    description: 'Chris Morgan left but the Okta account is still active.',
    control: 'AC-07',
    criterion: 'CC6.2',
    assignee: 'hr',
    dueInDays: -3,
  },
  {
    day: 22,
    title: 'Remove the shared test.user account from Okta',
    description: 'Generic accounts cannot be traced to a person.',
    control: 'AC-05',
    assignee: 'it',
    dueInDays: 5,
    moves: [[60, 'in_progress']],
  },
  {
    day: 28,
    title: "Schedule this year's penetration test",
    description: "Last year's report has expired; the auditor will ask for a current one.",
    control: 'OPS-09',
    assignee: 'security',
    dueInDays: 21,
  },
  {
    day: 20,
    title: 'Run the quarterly access review',
    description: 'Export accounts from AWS, GitHub and Okta and record a decision for each.',
    control: 'AC-08',
    assignee: 'security',
    dueInDays: -40,
    moves: [
      [24, 'in_progress'],
      [26, 'done'],
    ],
  },
  {
    day: 36,
    title: 'Fix the critical Dependabot alert in democloud/web',
    description: 'image-resize has a remote code execution advisory open past its 7-day window.',
    control: 'OPS-08',
    assignee: 'engineering',
    dueInDays: -10,
    moves: [[58, 'in_progress']],
  },
  {
    day: 47,
    title: 'Collect signed confidentiality agreements from contractors',
    description: 'Two contractors started without a signed agreement on file.',
    control: 'HR-06',
    assignee: 'legal',
    dueInDays: 14,
  },
  {
    day: 52,
    title: 'Renew the cyber insurance policy',
    description: 'The current certificate expires this month.',
    control: 'RISK-06',
    assignee: 'legal',
    dueInDays: 20,
    moves: [[64, 'in_progress']],
  },
  {
    day: 57,
    title: 'Write the disaster recovery plan',
    description: 'Availability is in scope: document recovery objectives and the failover steps.',
    control: 'BCP-01',
    criterion: 'A1.3',
    assignee: 'engineering',
    dueInDays: 30,
  },
  {
    day: 40,
    title: 'Limit Okta sessions to 12 hours',
    description: 'The global session policy had no maximum lifetime.',
    control: 'AC-15',
    assignee: 'it',
    dueInDays: -2,
    moves: [[46, 'done']],
  },
];

/** When the demo's sample integrations were connected and run (days from the window's start). */
export const DEMO_INTEGRATIONS = [
  { dataset: 'okta-directory' as const, name: 'Okta (sample)', connectedOn: 7 },
  { dataset: 'github-organization' as const, name: 'GitHub (sample)', connectedOn: 10 },
];
/** Every day from the first connection on, as their daily schedule says: the control timelines need it. */
export const DEMO_RUN_DAYS = Array.from({ length: DEMO_DAYS - 6 }, (_, i) => i + 7);
