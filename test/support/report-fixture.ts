import { updateControl } from '../../src/app/controls/update-control.ts';
import { addEvidence } from '../../src/app/evidence/add-evidence.ts';
import { pushResources } from '../../src/app/monitoring/push-resources.ts';
import { approvePolicyVersion } from '../../src/app/policies/approve-policy-version.ts';
import { publishPolicyVersion } from '../../src/app/policies/publish-policy-version.ts';
import { scopeOf } from '../../src/app/ports.ts';
import { initProgram } from '../../src/app/program/init-program.ts';
import { excludeCriterion } from '../../src/app/scope/set-criterion-applicability.ts';
import { createVendor } from '../../src/app/vendors/create-vendor.ts';
import { addCuec } from '../../src/app/vendors/manage-cuecs.ts';
import { setSubservice } from '../../src/app/vendors/set-subservice.ts';
import { testApp } from './app.ts';

/** The day the reports of the fixture organization are made. */
export const REPORT_DAY = new Date('2026-06-15T09:00:00Z');

/**
 * A small organization whose reports the golden files keep, built through the use-cases over a Type 2
 * window with a clock that moves on: a program with named components, two controls implemented (one with
 * evidence), a criterion and a control marked not applicable, a carved-out subservice organization and a
 * CUEC, a published policy, and a pushed PostgreSQL inventory where one role fails a test. Ids are sequential and every date is fixed.
 */
export async function reportFixture() {
  const app = await testApp(new Date('2026-03-02T09:00:00Z'));
  const { deps, clock } = app;
  const { org } = await initProgram(deps, {
    name: 'Globex',
    slug: 'globex',
    ownerEmail: 'ada@globex.test',
    reportType: 'type2',
    windowStart: '2026-03-01',
    windowEnd: '2026-08-31',
    categories: ['availability'],
    componentKinds: [],
    components: [
      'infrastructure:AWS production account (eu-west-1)',
      'software:Globex billing web application',
      'data:Customer invoices and payment references',
      'people:Engineering and support staff',
      'procedures:On-call and release runbooks',
    ],
  });
  const scope = scopeOf(org);

  clock.set(new Date('2026-04-01T10:00:00Z'));
  await updateControl(deps, scope, 'AC-01', { status: 'implemented' });
  await updateControl(deps, scope, 'AC-02', { status: 'implemented' });
  await updateControl(deps, scope, 'AC-18', { status: 'in_progress' });
  // The access controls (CC6) were in place before Globex used Attestly: set straight through the
  // repository in one go (no audit entry each), then evidenced by one export.
  const access = (await deps.store.repos.controls.list(scope)).filter((c) =>
    c.criteria.some((id) => id.startsWith('CC6.') && id !== 'CC6.4'),
  );
  for (const control of access.filter((c) => c.code !== 'AC-18'))
    await deps.store.repos.controls.update(scope, control.id, { status: 'implemented' }, clock.now());
  await addEvidence(deps, scope, {
    bytes: new TextEncoder().encode('Access control settings export'),
    fileName: 'access-settings.txt',
    title: 'Access control settings',
    controlCodes: access.map((c) => c.code),
    validFrom: '2026-03-15',
    validUntil: '2027-03-15',
  });

  clock.set(new Date('2026-05-04T08:30:00Z'));
  await excludeCriterion(
    deps,
    scope,
    'CC6.4',
    'Globex has no offices or data centres of its own; the cloud provider holds the physical assets',
  );
  const physical = (await deps.store.repos.controls.list(scope)).find((c) => c.criteria.includes('CC6.4'));
  if (physical)
    await updateControl(deps, scope, physical.code, {
      notApplicableReason: 'No premises: physical security is the cloud provider’s',
    });
  const aws = await createVendor(deps, scope, {
    name: 'Amazon Web Services',
    services: 'Hosting of the production environment (compute, storage, managed databases)',
    dataCategories: ['customer_confidential_data'],
    operationalDependency: 'outage',
    productionAccess: 'administrative',
  });
  await setSubservice(deps, scope, aws.id, aws.version, {
    method: 'carve_out',
    reportSections: 'Its SOC 2 Type 2 report, section 4, physical and environmental controls',
    csocs: [
      {
        description: 'Physical access to data centres is restricted to authorized staff',
        criteria: ['CC6.4'],
      },
    ],
  });
  await addCuec(deps, scope, {
    description: 'Customers remove the accounts of their own users who leave',
    criteria: ['CC6.2', 'CC6.3'],
  });

  clock.set(new Date('2026-05-20T14:00:00Z'));
  const owner = await deps.store.repos.users.findByEmail('ada@globex.test');
  const policy = (await deps.store.repos.policies.list(scope))[0];
  if (!owner || !policy) throw new Error('the fixture needs an owner and an adopted policy');
  await approvePolicyVersion(deps, scope, policy.id, 1, { userId: owner.id, role: 'owner' });
  await publishPolicyVersion(deps, scope, policy.id, 1, { userId: owner.id });

  clock.set(new Date('2026-06-01T07:00:00Z'));
  await pushResources(deps, scope, {
    integration: 'billing-db',
    resourceType: 'postgres.role',
    resources: [
      {
        id: 'app',
        attributes: {
          name: 'app',
          superuser: false,
          canLogin: true,
          bootstrap: false,
          passwordKind: 'scram-sha-256',
          validUntil: null,
        },
      },
      {
        id: 'legacy_report',
        attributes: {
          name: 'legacy_report',
          superuser: false,
          canLogin: true,
          bootstrap: false,
          passwordKind: 'md5',
          validUntil: null,
        },
      },
    ],
  });

  clock.set(REPORT_DAY);
  return { ...app, org, scope, policy, owner };
}
