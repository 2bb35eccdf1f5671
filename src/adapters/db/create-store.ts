import type { Kysely } from 'kysely';
import type { Repositories, Store } from '../../app/ports.ts';
import { accessReviewsRepo } from './repos/access-reviews-repo.ts';
import { agentRepo } from './repos/agent-repo.ts';
import { auditLogRepo } from './repos/audit-log-repo.ts';
import { auditPackageRepo } from './repos/audit-package-repo.ts';
import { auditRequestsRepo } from './repos/audit-requests-repo.ts';
import { auditsRepo } from './repos/audits-repo.ts';
import {
  apiTokensRepo,
  recoveryCodesRepo,
  sessionsRepo,
  setupTokensRepo,
  signInFailuresRepo,
} from './repos/auth-repo.ts';
import { controlsRepo } from './repos/controls-repo.ts';
import { customTestsRepo } from './repos/custom-tests-repo.ts';
import { demoSignInsRepo } from './repos/demo-sign-ins-repo.ts';
import { evidenceRepo } from './repos/evidence-repo.ts';
import { invitationsRepo } from './repos/invitations-repo.ts';
import { ledgerRepo, signingKeysRepo } from './repos/ledger-repo.ts';
import { monitoringRepo } from './repos/monitoring-repo.ts';
import { notificationsRepo } from './repos/notifications-repo.ts';
import { membershipsRepo, organizationsRepo, usersRepo } from './repos/organizations-repo.ts';
import { ownerRolesRepo } from './repos/owner-roles-repo.ts';
import { peopleRepo } from './repos/people-repo.ts';
import { policiesRepo } from './repos/policies-repo.ts';
import { populationsRepo } from './repos/populations-repo.ts';
import { privacyRepo } from './repos/privacy-repo.ts';
import { componentsRepo, exclusionsRepo, programsRepo } from './repos/program-repo.ts';
import { readinessSnapshotsRepo } from './repos/readiness-snapshots-repo.ts';
import { risksRepo } from './repos/risks-repo.ts';
import { samplesRepo, samplingSettingsRepo } from './repos/samples-repo.ts';
import { ssoRepo } from './repos/sso-repo.ts';
import { tasksRepo } from './repos/tasks-repo.ts';
import { timelineSourcesRepo } from './repos/timeline-sources-repo.ts';
import { trustCenterRepo } from './repos/trust-center-repo.ts';
import { vendorsRepo } from './repos/vendors-repo.ts';
import { webauthnRepo } from './repos/webauthn-repo.ts';
import type { DB } from './schema.ts';

function repositories(db: Kysely<DB>): Repositories {
  return {
    organizations: organizationsRepo(db),
    users: usersRepo(db),
    memberships: membershipsRepo(db),
    programs: programsRepo(db),
    components: componentsRepo(db),
    exclusions: exclusionsRepo(db),
    controls: controlsRepo(db),
    evidence: evidenceRepo(db),
    policies: policiesRepo(db),
    tasks: tasksRepo(db),
    risks: risksRepo(db),
    people: peopleRepo(db),
    audits: auditsRepo(db),
    auditRequests: auditRequestsRepo(db),
    vendors: vendorsRepo(db),
    auditLog: auditLogRepo(db),
    ledger: ledgerRepo(db),
    auditPackage: auditPackageRepo(db),
    signingKeys: signingKeysRepo(db),
    recoveryCodes: recoveryCodesRepo(db),
    sessions: sessionsRepo(db),
    apiTokens: apiTokensRepo(db),
    setupTokens: setupTokensRepo(db),
    demoSignIns: demoSignInsRepo(db),
    signInFailures: signInFailuresRepo(db),
    invitations: invitationsRepo(db),
    monitoring: monitoringRepo(db),
    customTests: customTestsRepo(db),
    agent: agentRepo(db),
    readinessSnapshots: readinessSnapshotsRepo(db),
    ownerRoles: ownerRolesRepo(db),
    sso: ssoRepo(db),
    webauthn: webauthnRepo(db),
    trustCenter: trustCenterRepo(db),
    populations: populationsRepo(db),
    samples: samplesRepo(db),
    samplingSettings: samplingSettingsRepo(db),
    timelineSources: timelineSourcesRepo(db),
    notifications: notificationsRepo(db),
    privacy: privacyRepo(db),
    accessReviews: accessReviewsRepo(db),
  };
}

/** The Store port over Kysely: the same repositories, bound either to the pool or to one transaction. */
export function createStore(db: Kysely<DB>): Store {
  return {
    repos: repositories(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(repositories(trx))),
  };
}
