// A status shown as text and colour (never colour alone).

const TONE: Record<string, string> = {
  ready: 'good',
  implemented: 'good',
  pass: 'good',
  passing: 'good',
  published: 'good',
  done: 'good',
  valid: 'good',
  accepted: 'good',
  partial: 'warn',
  in_progress: 'warn',
  approved: 'warn',
  expiring: 'warn',
  draft: 'neutral',
  todo: 'neutral',
  not_started: 'bad',
  gap: 'bad',
  missing: 'bad',
  fail: 'bad',
  failing: 'bad',
  expired: 'bad',
  overdue: 'bad',
  error: 'bad',
  not_applicable: 'muted',
  excluded: 'muted',
  out_of_scope: 'muted',
};

export function label(status: string): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function Badge({ status, children }: { status: string; children?: string }) {
  return <span className={`badge badge-${TONE[status] ?? 'neutral'}`}>{children ?? label(status)}</span>;
}

export function toneOf(status: string): string {
  return TONE[status] ?? 'neutral';
}
