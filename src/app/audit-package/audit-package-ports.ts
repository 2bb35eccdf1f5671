import type { TTransitionFacts } from '../../domain/ledger.ts';
import type { OrgScope } from '../org-scope.ts';

// The audit package's own read: the test-result transitions of many monitoring runs at once, since a
// year of hourly runs is thousands of them and one query each would dominate the export.

export interface AuditPackageRepo {
  /** The transitions of each of these runs, by run id, as test_transitions stores them (the ledger digest's facts). */
  runTransitions(scope: OrgScope, runIds: string[]): Promise<Map<string, TTransitionFacts[]>>;
}
