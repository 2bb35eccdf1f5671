import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { toIsoDate } from '../../../domain/dates.ts';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { type TPersonDetail, useAgentDevices } from './queries.ts';

type TItem = 'device_enrolled' | 'access_removed';

const COPY: Record<TItem, { title: string; note: string }> = {
  device_enrolled: {
    title: 'Record the enrolled device',
    note: 'Which device it is and how it was checked, if no enrolled device is listed.',
  },
  access_removed: {
    title: 'Confirm the access removal',
    note: 'Which systems were checked and how the access was removed (those Attestly is not connected to).',
  },
};

/** Ticks a checklist item by hand: who and when are recorded, with a note (and the agent's device). */
export function MarkForm({
  person,
  item,
  onClose,
}: {
  person: TPersonDetail;
  item: TItem;
  onClose: (saved: boolean) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const devices = useAgentDevices(org.slug, item === 'device_enrolled' && org.can('integrations:read'));
  const [form, setForm] = useState({ doneOn: toIsoDate(new Date()), note: '', deviceId: '' });
  const copy = COPY[item];
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/people/{id}/checklist/{item}', {
          params: { path: { org: org.slug, id: person.id, item } },
          body: { done: true, doneOn: form.doneOn, note: form.note, deviceId: form.deviceId || null },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onClose(true);
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }
  const enrolled = (devices.data ?? []).filter((d) => d.revokedAt === null);
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={copy.title}>
      <h3>{copy.title}</h3>
      {item === 'device_enrolled' && enrolled.length > 0 && (
        <Field label="Enrolled device" error={errors.fields.deviceId}>
          {(p) => (
            <select
              {...p}
              value={form.deviceId}
              onChange={(e) => setForm({ ...form, deviceId: e.target.value })}
            >
              <option value="">Not listed</option>
              {enrolled.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.hostname}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Done on" error={errors.fields.doneOn}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={form.doneOn}
            onChange={(e) => setForm({ ...form, doneOn: e.target.value })}
          />
        )}
      </Field>
      <Field label="Note" hint={copy.note} error={errors.fields.note}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.note}
            maxLength={2000}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Record'}
        </button>
        <button type="button" className="button" onClick={() => onClose(false)} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
