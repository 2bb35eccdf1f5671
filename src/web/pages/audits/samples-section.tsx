import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { POPULATION_KIND_LABELS, POPULATION_KINDS } from '../../../domain/audit/populations.ts';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { ItemTable, when } from './population-items.tsx';
import { auditsKey } from './queries.ts';
import { type TPopulationKind, type TSample, useSamples, useTimelines } from './testing-queries.ts';

// Samples drawn from the populations of the audit's period: the draw form (auditors, owners, admins), each
// sample with its seed and population digest, and a re-draw with the same seed that shows whether it drew
// the same items.

const KINDS: readonly TPopulationKind[] = POPULATION_KINDS;

interface TDraw {
  controlCode: string;
  kind: TPopulationKind;
  size?: number;
  seed?: string;
}

function useDraw(auditId: string, onDrawn: (sample: TSample) => void, onError: (error: unknown) => void) {
  const org = useOrg();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: TDraw) =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/samples', {
          params: { path: { org: org.slug, auditId } },
          body,
        }),
      ),
    onSuccess: async (sample) => {
      await queries.invalidateQueries({ queryKey: [...auditsKey(org.slug), auditId] });
      onDrawn(sample);
    },
    onError,
  });
}

/** The samples of the audit, and drawing one (or again from a recorded seed). */
export function SamplesSection({ auditId }: { auditId: string }) {
  const org = useOrg();
  const samples = useSamples(org.slug, auditId);
  const errors = useFormErrors();
  const [last, setLast] = useState<TSample | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const redraw = useDraw(auditId, setLast, (error) => errors.show(error));
  const review = org.can('audits:review');
  return (
    <section className="card stack" aria-labelledby="samples-title">
      <h2 id="samples-title" className="card-title">
        Samples
      </h2>
      <p className="muted">
        A sample is drawn from the population of the period with a seed: the items are ranked by SHA-256 of
        the seed and their id, and the first are taken. The same seed over the same population draws the same
        items, and the population's digest shows whether it was the same.
      </p>
      {review && <DrawSampleForm auditId={auditId} onDrawn={setLast} />}
      {last && <DrawnNotice sample={last} />}
      <FormError error={errors.form} />
      <Query query={samples} what="Loading samples">
        {(s) =>
          s.items.length === 0 ? (
            <EmptyState title="No sample drawn yet">
              {review ? 'Draw one above.' : 'The auditor draws samples from the populations above.'}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table aria-label="Samples">
                <thead>
                  <tr>
                    <th>Control</th>
                    <th>Population</th>
                    <th>Size</th>
                    <th>Seed</th>
                    <th>Drawn</th>
                    <th>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {[...s.items].reverse().map((sample) => (
                    <SampleRow
                      key={sample.id}
                      sample={sample}
                      open={openId === sample.id}
                      onToggle={() => setOpenId(openId === sample.id ? null : sample.id)}
                      onRedraw={
                        review
                          ? () => {
                              errors.clear();
                              redraw.mutate({
                                controlCode: sample.controlCode,
                                kind: sample.kind as TPopulationKind,
                                size: sample.size,
                                seed: sample.seed,
                              });
                            }
                          : null
                      }
                      busy={redraw.isPending}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Query>
    </section>
  );
}

function SampleRow({
  sample,
  open,
  onToggle,
  onRedraw,
  busy,
}: {
  sample: TSample;
  open: boolean;
  onToggle: () => void;
  onRedraw: (() => void) | null;
  busy: boolean;
}) {
  return (
    <>
      <tr>
        <td className="pop-code">{sample.controlCode}</td>
        <td>
          {POPULATION_KIND_LABELS[sample.kind as TPopulationKind] ?? sample.kind} ({sample.populationCount})
          <div className="muted mono" title="SHA-256 of the population">
            {sample.populationDigest.slice(0, 16)}…
          </div>
        </td>
        <td>{sample.size}</td>
        <td className="mono pop-seed">{sample.seed}</td>
        <td>
          {when(sample.drawnAt)} by {sample.drawnBy}
          {sample.redrawOf && (
            <div>
              <Badge status={sample.redrawOf.sameItems ? 'pass' : 'fail'}>
                {sample.redrawOf.sameItems ? 'Re-draw: same items' : 'Re-draw: different items'}
              </Badge>{' '}
              {!sample.redrawOf.samePopulation && <Badge status="expiring">Population changed</Badge>}
            </div>
          )}
        </td>
        <td>
          <div className="row-tight">
            <button type="button" className="button" onClick={onToggle} aria-expanded={open}>
              {open ? 'Hide items' : 'Items'}
            </button>
            {onRedraw && (
              <button type="button" className="button" onClick={onRedraw} disabled={busy}>
                Re-draw with this seed
              </button>
            )}
          </div>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <ItemTable items={sample.items} />
          </td>
        </tr>
      )}
    </>
  );
}

function DrawnNotice({ sample }: { sample: TSample }) {
  return (
    <div className="notice" role="status">
      Drew {sample.size} of {sample.populationCount} for {sample.controlCode} with seed{' '}
      <span className="mono pop-seed">{sample.seed}</span>.
      {sample.redrawOf &&
        (sample.redrawOf.sameItems
          ? ' The same items as the earlier draw with this seed.'
          : sample.redrawOf.samePopulation
            ? ' Different items from the earlier draw.'
            : ' The population changed since the earlier draw with this seed, so the items differ.')}
    </div>
  );
}

function DrawSampleForm({ auditId, onDrawn }: { auditId: string; onDrawn: (sample: TSample) => void }) {
  const org = useOrg();
  const timelines = useTimelines(org.slug, auditId);
  const errors = useFormErrors();
  const [controlCode, setControlCode] = useState('CHG-01');
  const [kind, setKind] = useState<TPopulationKind>('change');
  const [size, setSize] = useState('');
  const [seed, setSeed] = useState('');
  const draw = useDraw(auditId, onDrawn, (error) => errors.show(error));
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const body: TDraw = { controlCode, kind };
    if (size.trim()) body.size = Number(size);
    if (seed.trim()) body.seed = seed.trim().toLowerCase();
    draw.mutate(body);
  }
  const controls = timelines.data?.items ?? [];
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Draw a sample">
      <div className="filters">
        <Field label="Control" error={errors.fields.controlCode}>
          {(p) => (
            <select {...p} value={controlCode} onChange={(e) => setControlCode(e.target.value)}>
              {controls.length === 0 && <option value={controlCode}>{controlCode}</option>}
              {controls.map((c) => (
                <option key={c.controlCode} value={c.controlCode}>
                  {c.controlCode} {c.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Population" error={errors.fields.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as TPopulationKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {POPULATION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Size" hint="Empty: by the control's frequency" error={errors.fields.size}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={500}
              value={size}
              onChange={(e) => setSize(e.target.value)}
            />
          )}
        </Field>
        <Field label="Seed" hint="Empty: a new random seed" error={errors.fields.seed}>
          {(p) => (
            <input
              {...p}
              className="mono"
              value={seed}
              maxLength={128}
              onChange={(e) => setSeed(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={draw.isPending}>
          {draw.isPending ? 'Drawing…' : 'Draw sample'}
        </button>
      </div>
    </form>
  );
}
