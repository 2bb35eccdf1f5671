import { z } from 'zod';
import { type TRiskLibraryEntry, ZRiskLibraryEntry } from '../domain/risk.ts';

// The starter risk library: common risks of a SaaS company, in our own words, each rated for a typical
// small company and pointing at catalog controls that treat it. An organization adopts an entry into its
// register and then rates it for itself. risk-library.test.ts checks every suggested control exists.

const ENTRIES: TRiskLibraryEntry[] = [
  {
    id: 'RL-01',
    title: 'Account takeover through stolen workforce credentials',
    description:
      'A phished or reused password lets an attacker sign in as an employee and reach internal tools or production.',
    category: 'security',
    criteria: ['CC6.1', 'CC6.2'],
    likelihood: 4,
    impact: 4,
    suggestedControls: ['AC-01', 'AC-02', 'AC-03', 'HR-12'],
  },
  {
    id: 'RL-02',
    title: 'Former staff keep access after they leave',
    description: 'Accounts not removed on departure stay usable by people no longer bound to the company.',
    category: 'security',
    criteria: ['CC6.2', 'CC6.3'],
    likelihood: 3,
    impact: 4,
    suggestedControls: ['AC-07', 'AC-08', 'AC-17', 'HR-08'],
  },
  {
    id: 'RL-03',
    title: 'Unreviewed code change breaks production or opens a hole',
    description:
      'A change deployed without review or tests introduces an outage, a data error or a vulnerability.',
    category: 'change',
    criteria: ['CC8.1', 'CC3.4'],
    likelihood: 3,
    impact: 4,
    suggestedControls: ['CHG-01', 'CHG-02', 'CHG-03', 'CHG-04'],
  },
  {
    id: 'RL-04',
    title: 'Significant business or technology change weakens controls',
    description:
      'A new product line, acquisition, cloud migration or key departure changes how the system works before the controls are adjusted to it.',
    category: 'change',
    criteria: ['CC3.4'],
    likelihood: 3,
    impact: 3,
    suggestedControls: ['RISK-04', 'CHG-12', 'HR-13'],
  },
  {
    id: 'RL-05',
    title: 'Insider fraud or misuse of privileged access',
    description:
      'Someone with elevated rights alters records, diverts funds or overrides controls and hides it.',
    category: 'fraud',
    criteria: ['CC3.3'],
    likelihood: 2,
    impact: 5,
    suggestedControls: ['RISK-03', 'RISK-09', 'GOV-14', 'AC-10'],
  },
  {
    id: 'RL-06',
    title: 'Payment or invoice fraud by impersonation',
    description:
      'A forged email from an executive or supplier persuades staff to pay a fraudulent invoice or change bank details.',
    category: 'fraud',
    criteria: ['CC3.3'],
    likelihood: 3,
    impact: 3,
    suggestedControls: ['RISK-03', 'NET-13', 'HR-04'],
  },
  {
    id: 'RL-07',
    title: 'Customer data exposed through misconfigured cloud storage',
    description: 'A bucket or database left reachable from the internet discloses customer data.',
    category: 'confidentiality',
    criteria: ['CC6.1', 'C1.1'],
    likelihood: 3,
    impact: 5,
    suggestedControls: ['NET-12', 'NET-04', 'OPS-11', 'CRY-02'],
  },
  {
    id: 'RL-08',
    title: 'Prolonged outage of the hosted service',
    description:
      'Failure of a region, a dependency or a deployment takes the service down longer than customers were promised.',
    category: 'availability',
    criteria: ['A1.1', 'A1.2'],
    likelihood: 3,
    impact: 4,
    suggestedControls: ['BCP-07', 'OPS-06', 'OPS-13', 'BCP-01'],
  },
  {
    id: 'RL-09',
    title: 'Data lost without a working backup',
    description: 'Corruption, deletion or ransomware destroys data and the backups cannot restore it.',
    category: 'availability',
    criteria: ['A1.2', 'A1.3'],
    likelihood: 2,
    impact: 5,
    suggestedControls: ['BCP-03', 'BCP-04', 'BCP-06', 'BCP-10'],
  },
  {
    id: 'RL-10',
    title: 'A critical vendor or subprocessor fails or is breached',
    description:
      'A supplier that stores or processes our customers’ data has an incident or stops serving us.',
    category: 'vendor',
    criteria: ['CC9.2'],
    likelihood: 3,
    impact: 4,
    suggestedControls: ['VEN-02', 'VEN-03', 'VEN-04', 'VEN-05'],
  },
  {
    id: 'RL-11',
    title: 'Known vulnerability left unpatched',
    description: 'A published flaw in a dependency, image or server is exploited before it is fixed.',
    category: 'security',
    criteria: ['CC7.1'],
    likelihood: 4,
    impact: 4,
    suggestedControls: ['CHG-07', 'OPS-07', 'OPS-08', 'OPS-10'],
  },
  {
    id: 'RL-12',
    title: 'Security incident detected late or handled poorly',
    description:
      'Without alerting and a practised response, an intrusion runs for weeks and customers hear of it too late.',
    category: 'operational',
    criteria: ['CC7.2', 'CC7.3', 'CC7.4'],
    likelihood: 3,
    impact: 4,
    suggestedControls: ['OPS-04', 'IR-01', 'IR-07', 'IR-06'],
  },
  {
    id: 'RL-13',
    title: 'Lost or stolen laptop exposes company data',
    description: 'An unencrypted or unmanaged device with source code or customer data goes missing.',
    category: 'confidentiality',
    criteria: ['CC6.7'],
    likelihood: 3,
    impact: 3,
    suggestedControls: ['END-01', 'END-05', 'END-09'],
  },
  {
    id: 'RL-14',
    title: 'Personal information used or kept beyond what was promised',
    description:
      'Data is collected, shared or retained in ways the privacy notice and contracts do not allow.',
    category: 'privacy',
    criteria: ['P3.1', 'P4.2'],
    likelihood: 2,
    impact: 4,
    suggestedControls: ['PRIV-07', 'DATA-03', 'DATA-04', 'PRIV-05'],
  },
];

/** The library, validated once on load: a malformed entry fails at start, not when adopted. */
export const RISK_LIBRARY: readonly TRiskLibraryEntry[] = z.array(ZRiskLibraryEntry).parse(ENTRIES);

export function findLibraryRisk(id: string): TRiskLibraryEntry | undefined {
  return RISK_LIBRARY.find((r) => r.id === id);
}
