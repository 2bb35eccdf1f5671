import type { TControl } from '../../domain/control.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { evidenceExpiry, type TEvidenceExpiry } from '../../domain/evidence-expiry.ts';
import type { AppDeps, OrgScope, TEvidenceRecord, TTask } from '../ports.ts';

export interface TControlHistoryEntry {
  seq: number;
  occurredAt: Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface TControlDetail extends TControl {
  requirement: string;
  evidenceGuidance: string;
  evidence: Array<Omit<TEvidenceRecord, 'blobKey'> & { expiry: TEvidenceExpiry }>;
  tasks: TTask[];
  /** The audit-log entries about the control, newest first. */
  history: TControlHistoryEntry[];
}

const HISTORY_LIMIT = 100;

/** One control with what the control page shows: its evidence, its tasks and what happened to it. */
export async function getControl(deps: AppDeps, scope: OrgScope, code: string): Promise<TControlDetail> {
  const { repos } = deps.store;
  const control = await repos.controls.findByCode(scope, code);
  if (!control) throw new AttestlyError('NOT_FOUND', `unknown control "${code}"`);
  const today = toIsoDate(deps.clock.now());
  const [text, evidence, tasks, history] = await Promise.all([
    repos.controls.findText(scope, control.id),
    repos.evidence.list(scope),
    repos.tasks.list(scope),
    repos.auditLog.page(scope, { targetType: 'control', targetId: control.id, limit: HISTORY_LIMIT }),
  ]);
  return {
    ...control,
    requirement: text?.requirement ?? '',
    evidenceGuidance: text?.evidenceGuidance ?? '',
    evidence: evidence
      .filter((e) => e.controlCodes.includes(control.code))
      .map(({ blobKey: _key, ...e }) => ({ ...e, expiry: evidenceExpiry(e.validUntil, today) })),
    tasks: tasks.filter((t) => t.controlId === control.id),
    history: history.map((h) => ({
      seq: h.seq,
      occurredAt: h.occurredAt,
      actor: h.actor,
      action: h.action,
      details: h.details,
    })),
  };
}
