import type { TControlStatus } from '../../src/domain/control.ts';
import type { TEvidenceValidity, TReadinessControl } from '../../src/domain/readiness.ts';

let counter = 0;

/** aControl().mappedTo('CC6.1').implemented().evidenced('2026-01-01', '2026-12-31').build() */
export function aControl(code = `TST-${String(++counter).padStart(2, '0')}`) {
  const control: TReadinessControl = {
    id: `id-${code}`,
    code,
    libraryId: null,
    title: `Control ${code}`,
    frequency: 'quarterly',
    ownerRole: 'security',
    ownerEmail: null,
    automatable: false,
    status: 'not_started',
    notApplicableReason: null,
    criteria: [],
    version: 1,
    evidence: [],
  };
  const builder = {
    mappedTo(...criteria: string[]) {
      control.criteria.push(...criteria);
      return builder;
    },
    withStatus(status: TControlStatus, reason: string | null = null) {
      control.status = status;
      control.notApplicableReason = reason;
      return builder;
    },
    implemented: () => builder.withStatus('implemented'),
    inProgress: () => builder.withStatus('in_progress'),
    notApplicable: (reason = 'not used') => builder.withStatus('not_applicable', reason),
    ownedBy(email: string) {
      control.ownerEmail = email;
      return builder;
    },
    evidenced(validFrom = '2020-01-01', validUntil: string | null = null) {
      const evidence: TEvidenceValidity = { validFrom, validUntil };
      control.evidence.push(evidence);
      return builder;
    },
    build: (): TReadinessControl => structuredClone(control),
  };
  return builder;
}
