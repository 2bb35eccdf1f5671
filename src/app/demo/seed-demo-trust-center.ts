import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { addTrustDocumentFromEvidence } from '../trust-center/manage-trust-documents.ts';
import { setPublicPolicies } from '../trust-center/set-public-policies.ts';
import { saveTrustCenter } from '../trust-center/trust-center-settings.ts';

// The demo's public trust center at /trust/demo: the control areas its customers ask about, its published
// policies, its subprocessors, and last year's penetration test summary shared under the NDA.

const PUBLIC_POLICIES = 3;

/** Areas curated from the demo's controls (so the page shows every state), and a whole series. */
const DEMO_AREAS = [
  {
    title: 'Identity and access',
    description: 'Multi-factor authentication, least privilege and session limits, checked continuously.',
    series: [],
    controls: ['AC-04', 'AC-09', 'AC-11', 'AC-15'],
  },
  {
    title: 'Encryption',
    description: 'Production databases and company laptops are encrypted at rest.',
    series: [],
    controls: ['CRY-01', 'END-01'],
  },
  {
    title: 'Backups and recovery',
    description: 'Automated backups with point-in-time recovery, restored every quarter.',
    series: [],
    controls: ['BCP-03', 'BCP-06'],
  },
  {
    title: 'People security',
    description: 'Background checks and security awareness training.',
    series: [],
    controls: ['HR-01', 'HR-03', 'HR-04'],
  },
  {
    title: 'Incident response',
    description: 'A documented plan with roles and an on-call rota.',
    series: [],
    controls: ['IR-01', 'IR-09'],
  },
  {
    title: 'Vendor management',
    description: 'Inventory, risk tiering and annual review of vendors.',
    series: [],
    controls: ['VEN-01', 'VEN-02', 'VEN-08'],
  },
  {
    title: 'Change management',
    description: 'Reviewed, tested and approved changes.',
    series: ['CC8'],
    controls: [],
  },
];

export async function seedDemoTrustCenter(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  publishedPolicyIds: string[],
): Promise<void> {
  const codes = new Set((await deps.store.repos.controls.list(scope)).map((c) => c.code));
  await saveTrustCenter(deps, org, scope, {
    published: true,
    headline: `${org.name} Trust Center`,
    description:
      'Demo Cloud runs a SOC 2 Type 2 program covering security, availability and confidentiality. The states below come from our compliance program as it stands today.',
    securityContact: 'security@democloud.example',
    faq: [
      {
        question: 'Do you have a SOC 2 report?',
        answer:
          'Our SOC 2 Type 2 observation window is under way. Until the report is issued, our penetration test summary is available under NDA.',
      },
      {
        question: 'Is customer data encrypted?',
        answer:
          'Yes: in transit with TLS 1.2 or later, and at rest with AES-256 managed by our cloud provider.',
      },
      {
        question: 'How do I report a vulnerability?',
        answer: 'Write to security@democloud.example. We answer within two business days.',
      },
    ],
    areas: DEMO_AREAS.map((area) => ({
      ...area,
      controls: area.controls.filter((code) => codes.has(code)),
    })).filter((area) => area.series.length > 0 || area.controls.length > 0),
    subprocessors: [
      { name: 'Amazon Web Services', purpose: 'Cloud hosting and storage', location: 'United States' },
      { name: 'GitHub', purpose: 'Source code hosting', location: 'United States' },
      { name: 'Okta', purpose: 'Workforce identity and single sign-on', location: 'United States' },
      { name: 'Google Workspace', purpose: 'Email and documents', location: 'United States' },
    ],
    ndaText: [
      'Mutual confidentiality terms for Demo Cloud security documents.',
      '',
      'You may use the documents only to evaluate Demo Cloud as a supplier, share them only with colleagues who need them for that purpose, and delete them when you no longer need them. Each copy is marked with your name.',
    ].join('\n'),
  });
  await setPublicPolicies(deps, scope, publishedPolicyIds.slice(0, PUBLIC_POLICIES));
  const pentest = (await deps.store.repos.evidence.list(scope)).find(
    (e) => e.fileName === 'penetration-test-summary.pdf',
  );
  if (pentest) {
    await addTrustDocumentFromEvidence(deps, scope, {
      evidenceId: pentest.id,
      title: 'Penetration test summary',
      description: 'Independent test of the application and public API, with the retest.',
      kind: 'penetration_test',
      access: 'gated',
    });
  }
}
