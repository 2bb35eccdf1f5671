import { toIsoDate } from '../../domain/dates.ts';
import { addDays } from '../../domain/report-period.ts';
import {
  addMonths,
  type TOperationalDependency,
  type TProductionAccess,
  type TReviewOutcome,
  type TVendorDataCategory,
} from '../../domain/vendor.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { addBridgeLetter } from '../vendors/add-bridge-letter.ts';
import { addVendorReport } from '../vendors/add-vendor-report.ts';
import { createVendor } from '../vendors/create-vendor.ts';
import { addCuec } from '../vendors/manage-cuecs.ts';
import { recordVendorReview } from '../vendors/record-vendor-review.ts';
import { setSubservice } from '../vendors/set-subservice.ts';
import { textPdf } from './demo-files.ts';

// The demo's vendors: AWS as a carve-out subservice organization with its CSOCs, GitHub, Okta, Slack, a
// payroll provider, and a small critical vendor whose SOC 2 report expires within weeks (the warning the
// dashboard and the vendors screen show); a few CUECs and the reviews recorded so far.

interface TDemoVendor {
  name: string;
  services: string;
  data: TVendorDataCategory[];
  dependency: TOperationalDependency;
  access: TProductionAccess;
  /** Months before today the contract started, and months after today it renews. */
  contract: [number, number];
  /** Days before today the report's period ended (a 12-month Type 2 report); none: no report. */
  reportEndedDaysAgo?: number;
  /** Days after the period's end the bridge letter covers. */
  bridgeDays?: number;
  review?: { daysAgo: number; outcome: TReviewOutcome; notes: string };
  exceptions?: string;
  subservice?: { sections: string; csocs: Array<{ description: string; criteria: string[] }> };
}

const DEMO_VENDORS: TDemoVendor[] = [
  {
    name: 'Amazon Web Services',
    services: 'Cloud hosting of the production application, databases and backups (eu-west-1)',
    data: ['customer_personal_data', 'customer_confidential_data'],
    dependency: 'outage',
    access: 'administrative',
    contract: [30, 6],
    reportEndedDaysAgo: 80,
    review: {
      daysAgo: 20,
      outcome: 'approved',
      notes:
        'Read the SOC 2 Type 2 report: unqualified opinion, no exceptions relevant to our services. CUECs mapped to AC-04, CRY-01 and BCP-03.',
    },
    subservice: {
      sections: 'Section 3, Subservice organizations; Section 4, CC6.4 and A1.2',
      csocs: [
        {
          description: 'AWS restricts physical access to its data centers to authorized personnel.',
          criteria: ['CC6.4'],
        },
        {
          description: 'AWS protects the hardware hosting customer workloads against environmental threats.',
          criteria: ['A1.2'],
        },
        {
          description: 'AWS securely decommissions storage media before disposal.',
          criteria: ['CC6.5'],
        },
      ],
    },
  },
  {
    name: 'GitHub',
    services: 'Source code hosting, pull-request reviews and CI/CD pipelines that deploy to production',
    data: ['credentials_secrets'],
    dependency: 'degraded',
    access: 'administrative',
    contract: [24, 9],
    reportEndedDaysAgo: 120,
    review: {
      daysAgo: 35,
      outcome: 'approved',
      notes: 'SOC 2 Type 2 read; branch protection and secret scanning confirmed in our organization.',
    },
  },
  {
    name: 'Okta',
    services: 'Workforce identity: single sign-on and MFA for every internal system',
    data: ['credentials_secrets', 'employee_data'],
    dependency: 'outage',
    access: 'administrative',
    contract: [18, 4],
    reportEndedDaysAgo: 200,
    bridgeDays: 90,
    review: {
      daysAgo: 50,
      outcome: 'approved_with_conditions',
      notes:
        'Report read with its bridge letter for the three months after the period. Condition: confirm the access exception stays remediated at renewal.',
    },
    exceptions: 'One terminated employee kept access for 3 days beyond policy (CC6.2); remediated.',
  },
  {
    name: 'Slack',
    services: 'Internal chat and incident channels; support conversations may include customer details',
    data: ['customer_confidential_data', 'employee_data'],
    dependency: 'minor',
    access: 'none',
    contract: [20, 1],
    reportEndedDaysAgo: 150,
  },
  {
    name: 'Gusto',
    services: 'Payroll and benefits for employees',
    data: ['employee_data', 'financial'],
    dependency: 'minor',
    access: 'none',
    contract: [14, 10],
  },
  {
    name: 'Relaymail',
    services: 'Transactional email: sign-in links, password resets and notifications to customers',
    data: ['customer_personal_data'],
    dependency: 'outage',
    access: 'limited',
    contract: [11, 1],
    // 12 months after its period ends, the report expires in 24 days.
    reportEndedDaysAgo: 341,
  },
];

const DEMO_CUECS = [
  {
    description:
      'Customers manage which of their users may access Demo Cloud, and remove access when a user leaves.',
    criteria: ['CC6.2', 'CC6.3'],
  },
  {
    description: 'Customers keep their API keys and single sign-on credentials confidential.',
    criteria: ['CC6.1'],
  },
  {
    description: 'Customers tell Demo Cloud promptly of any suspected security incident in their account.',
    criteria: ['CC7.3'],
  },
];

/** Seeds the demo's vendors, their reports and reviews, the AWS subservice settings and the CUECs. */
export async function seedDemoVendors(deps: AppDeps, scope: OrgScope, ownerEmail: string): Promise<void> {
  const today = toIsoDate(deps.clock.now());
  for (const v of DEMO_VENDORS) {
    const vendor = await createVendor(deps, scope, {
      name: v.name,
      services: v.services,
      dataCategories: v.data,
      operationalDependency: v.dependency,
      productionAccess: v.access,
      ownerEmail,
      contractStart: addMonths(today, -v.contract[0]),
      renewalDate: addMonths(today, v.contract[1]),
    });
    let reportId: string | null = null;
    if (v.reportEndedDaysAgo !== undefined) {
      const periodEnd = addDays(today, -v.reportEndedDaysAgo);
      const periodStart = addDays(addMonths(periodEnd, -12), 1);
      const fileName = `${v.name.toLowerCase().replace(/\W+/g, '-')}-soc2-type2.pdf`;
      const report = await addVendorReport(deps, scope, vendor.id, {
        fileName,
        bytes: await textPdf(
          `${v.name} SOC 2 Type 2 report`,
          [
            `Period: ${periodStart} to ${periodEnd}`,
            'Opinion: unqualified',
            v.exceptions ? `Exceptions noted: ${v.exceptions}` : 'No exceptions noted.',
          ],
          deps.clock.now(),
        ),
        reportType: 'type2',
        periodStart,
        periodEnd,
        opinion: 'unqualified',
        exceptions: v.exceptions ?? '',
      });
      reportId = report.id;
      if (v.bridgeDays !== undefined) {
        const coveredUntil = addDays(periodEnd, v.bridgeDays);
        await addBridgeLetter(deps, scope, vendor.id, report.id, {
          fileName: `${v.name.toLowerCase()}-bridge-letter.pdf`,
          bytes: await textPdf(
            `${v.name} bridge letter`,
            [`No material changes to the control environment from ${periodEnd} to ${coveredUntil}.`],
            deps.clock.now(),
          ),
          coveredUntil,
        });
      }
    }
    if (v.subservice) {
      await setSubservice(deps, scope, vendor.id, vendor.version, {
        method: 'carve_out',
        reportSections: v.subservice.sections,
        csocs: v.subservice.csocs,
      });
    }
    if (v.review) {
      await recordVendorReview(
        deps,
        scope,
        vendor.id,
        {
          reviewedOn: addDays(today, -v.review.daysAgo),
          outcome: v.review.outcome,
          notes: v.review.notes,
          reportId,
        },
        ownerEmail,
      );
    }
  }
  for (const cuec of DEMO_CUECS) await addCuec(deps, scope, cuec);
}
