import type { TCategoryId } from '../../../domain/catalog-types.ts';
import type { TComponentKind } from '../../../domain/program.ts';
import { COMPONENT_KINDS } from '../../../domain/program.ts';
import type { TDraft } from './draft.ts';

// Our own guidance on each Trust Services category and each system component.

const CATEGORIES: { id: TCategoryId; name: string; guidance: string }[] = [
  {
    id: 'security',
    name: 'Security',
    guidance:
      'Always included. The common criteria (CC1 to CC9) protect the system against unauthorised access and misuse, and every other category builds on them.',
  },
  {
    id: 'availability',
    name: 'Availability',
    guidance:
      'Add it when customers rely on the service being up around the clock, or your contracts promise uptime.',
  },
  {
    id: 'processing-integrity',
    name: 'Processing Integrity',
    guidance:
      'Add it when you process transactions or data for customers and they need it complete, accurate and on time (payments, billing, payroll).',
  },
  {
    id: 'confidentiality',
    name: 'Confidentiality',
    guidance:
      'Add it when you hold customer information that contracts or NDAs say must be kept confidential and disposed of as agreed.',
  },
  {
    id: 'privacy',
    name: 'Privacy',
    guidance:
      'Add it when you collect or use personal information about individuals and make promises to them about it.',
  },
];

export const CATEGORY_NAMES = Object.fromEntries(CATEGORIES.map((c) => [c.id, c.name])) as Record<
  TCategoryId,
  string
>;

const COMPONENTS: Record<TComponentKind, { name: string; description: string }> = {
  infrastructure: {
    name: 'Infrastructure',
    description: 'Cloud accounts, networks, servers and the hardware they run on.',
  },
  software: {
    name: 'Software',
    description: 'The applications, services and tools that make up the product.',
  },
  data: {
    name: 'Data',
    description: 'The information the system stores and processes, customers’ and your own.',
  },
  people: { name: 'People', description: 'Everyone who builds, runs, supports or governs the system.' },
  procedures: {
    name: 'Procedures',
    description: 'The manual and automated routines that operate the system.',
  },
};

/** Step 2: the categories and system components the report covers. */
export function ScopeStep({
  draft,
  change,
  errors,
}: {
  draft: TDraft;
  change: (patch: Partial<TDraft>) => void;
  errors: Record<string, string>;
}) {
  function toggleCategory(id: TCategoryId, on: boolean) {
    const next = new Set(draft.categories);
    if (on) next.add(id);
    else next.delete(id);
    change({ categories: CATEGORIES.map((c) => c.id).filter((c) => c === 'security' || next.has(c)) });
  }
  function toggleComponent(kind: TComponentKind, on: boolean) {
    const next = new Set(draft.componentKinds);
    if (on) next.add(kind);
    else next.delete(kind);
    change({ componentKinds: COMPONENT_KINDS.filter((k) => next.has(k)) });
  }
  return (
    <div className="stack">
      <fieldset className="stack-tight" aria-describedby={errors.categories ? 'categories-error' : undefined}>
        <legend>Trust Services Criteria categories</legend>
        {CATEGORIES.map((c) => (
          <label key={c.id} className="choice">
            <input
              type="checkbox"
              checked={c.id === 'security' || draft.categories.includes(c.id)}
              disabled={c.id === 'security'}
              onChange={(e) => toggleCategory(c.id, e.target.checked)}
            />
            <span>
              <strong>{c.name}</strong>
              {c.id === 'security' && <span className="muted"> (required)</span>}
              <br />
              {c.guidance}
            </span>
          </label>
        ))}
        {errors.categories && (
          <div className="field-error" id="categories-error" role="alert">
            {errors.categories}
          </div>
        )}
      </fieldset>
      <fieldset
        className="stack-tight"
        aria-invalid={errors.componentKinds ? true : undefined}
        aria-describedby={errors.componentKinds ? 'components-error' : undefined}
      >
        <legend>System components in scope</legend>
        <p className="hint">
          The system description names each of these; keep all five unless one truly does not apply.
        </p>
        {COMPONENT_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="checkbox"
              checked={draft.componentKinds.includes(kind)}
              onChange={(e) => toggleComponent(kind, e.target.checked)}
            />
            <span>
              <strong>{COMPONENTS[kind].name}</strong>
              <br />
              {COMPONENTS[kind].description}
            </span>
          </label>
        ))}
        {errors.componentKinds && (
          <div className="field-error" id="components-error" role="alert">
            {errors.componentKinds}
          </div>
        )}
      </fieldset>
    </div>
  );
}
