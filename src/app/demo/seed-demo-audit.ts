import type { TAudit } from '../../domain/audit/audit.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { attachRequestEvidence } from '../audits/attach-request-evidence.ts';
import { commentOnRequest } from '../audits/comment-on-request.ts';
import { createAudit } from '../audits/create-audit.ts';
import { importRequestList } from '../audits/import-request-list.ts';
import { moveAuditPhase } from '../audits/move-audit-phase.ts';
import { reviewAuditRequest } from '../audits/review-audit-request.ts';
import { scheduleWalkthrough } from '../audits/schedule-walkthrough.ts';
import { updateAudit } from '../audits/update-audit.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

// The demo's audit: a firm engaged over the program's window, in fieldwork, with the firm's request list
// imported and answered in every state a request can be in, a comment thread and a walkthrough.

const FIRM = 'Harbor & Finch CPAs';
const REQUEST_LIST = `ref,title,description,control,criterion,due_date
PBC-01,User access review,The latest quarterly review of access to production systems.,AC-08,CC6.2,
PBC-02,Change management evidence,Branch protection on every production repository.,CHG-01,CC8.1,
PBC-03,Background checks,Checks for everyone hired in the window.,HR-01,CC1.4,
PBC-04,Backup restoration test,The latest restoration test and its result.,BCP-06,A1.3,
PBC-05,Security awareness training,Completions for every employee.,HR-04,CC2.2,
`;

/** The evidence item of the demo with this title (seeded before the audit). */
async function evidenceId(deps: AppDeps, scope: OrgScope, title: string): Promise<string> {
  const found = (await deps.store.repos.evidence.list(scope)).find((e) => e.title === title);
  if (!found) throw new AttestlyError('INTERNAL', `the demo has no evidence "${title}"`);
  return found.id;
}

/** Seeds the audit through the use-cases: the owner manages it, the demo's auditor reviews. */
export async function seedDemoAudit(owner: AppDeps, auditor: AppDeps, scope: OrgScope): Promise<TAudit> {
  const created = await createAudit(owner, scope, {
    firmName: FIRM,
    contacts: [
      { name: 'Priya Natarajan', email: 'priya@harborfinch.example', role: 'Engagement partner' },
      { name: 'Tom Alvarez', email: 'tom@harborfinch.example', role: 'Audit senior' },
    ],
  });
  const checked = await updateAudit(owner, scope, created.id, created.version, {
    firmChecklist: {
      answers_clearly: { done: true, note: 'Clear scoping call' },
      knows_industry: { done: true, note: 'Audits several B2B SaaS companies' },
      references_checked: { done: true, note: 'Two references called' },
      licensed_cpa: { done: true, note: 'Peer review: pass' },
      window_availability: { done: true, note: '' },
      fee_agreed: { done: true, note: 'Fixed fee in the engagement letter' },
    },
  });
  const audit = await moveAuditPhase(owner, scope, checked.id, checked.version, 'fieldwork');
  await importRequestList(owner, scope, audit.id, REQUEST_LIST);
  const requests = await owner.store.repos.auditRequests.list(scope, audit.id);
  const id = (ref: string) => requests.find((r) => r.ref === ref)?.id ?? '';

  const review = await evidenceId(owner, scope, 'Quarterly user access review');
  await attachRequestEvidence(owner, scope, audit.id, id('PBC-01'), [review]);
  await reviewAuditRequest(auditor, scope, audit.id, id('PBC-01'), { action: 'accept' });

  const branches = await evidenceId(owner, scope, 'GitHub branch protection on democloud/api (screenshot)');
  await attachRequestEvidence(owner, scope, audit.id, id('PBC-02'), [branches]);
  await reviewAuditRequest(auditor, scope, audit.id, id('PBC-02'), {
    action: 'flag',
    reason: 'This shows democloud/api only; we need every repository that deploys to production.',
  });
  await commentOnRequest(
    auditor,
    scope,
    audit.id,
    id('PBC-02'),
    'Please include democloud/infrastructure and democloud/web as well.',
  );

  const checks = await evidenceId(owner, scope, 'Background check log');
  await attachRequestEvidence(owner, scope, audit.id, id('PBC-03'), [checks]);

  await scheduleWalkthrough(owner, scope, audit.id, id('PBC-04'), {
    scheduledAt: new Date(owner.clock.now().getTime() + 3 * 86_400_000),
    attendees: ['Tom Alvarez', 'alex.kim@attestly.local'],
    notes: 'Walk through one restoration from the backup console to the verified restore.',
  });

  const training = await evidenceId(owner, scope, 'Security awareness training completions');
  await attachRequestEvidence(owner, scope, audit.id, id('PBC-05'), [training]);
  await reviewAuditRequest(auditor, scope, audit.id, id('PBC-05'), {
    action: 'flag',
    reason: 'Two employees hired in the window are missing.',
  });
  await attachRequestEvidence(owner, scope, audit.id, id('PBC-05'), [training]);
  return audit;
}
