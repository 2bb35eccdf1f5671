import { label } from '../../components/badge.tsx';
import { REPORT_STATUS, TIER_TONE, type TVendor, type TVendorWarning } from './queries.ts';

export function TierBadge({ tier }: { tier: TVendor['tier'] }) {
  return <span className={`badge badge-${TIER_TONE[tier]}`}>{label(tier)}</span>;
}

export function ReportBadge({ status }: { status: TVendor['reportStatus'] }) {
  const { tone, text } = REPORT_STATUS[status];
  return <span className={`badge badge-${tone}`}>{text}</span>;
}

/** A vendor's warnings, the urgent ones marked; nothing when all is in order. */
export function WarningList({
  warnings,
  compact = false,
}: {
  warnings: TVendorWarning[];
  compact?: boolean;
}) {
  if (warnings.length === 0) return compact ? null : <p className="muted">Nothing needs attention.</p>;
  return (
    <ul className={`vendor-warnings${compact ? ' vendor-warnings-compact' : ''}`}>
      {warnings.map((w) => (
        <li key={w.kind} className={`vendor-warning vendor-warning-${w.severity}`}>
          <span className={`badge badge-${w.severity}`}>{w.severity === 'bad' ? 'Act now' : 'Soon'}</span>{' '}
          {w.message}
        </li>
      ))}
    </ul>
  );
}
