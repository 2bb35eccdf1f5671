import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { describeSchedule, monitoringKey, type TIntegration, useIntegrationTypes } from './queries.ts';
import { configFrom, fieldsOf, SchemaFields } from './schema-fields.tsx';

// "Connect a system": pick a type, and its settings form is generated from the type's JSON Schema. The
// server checks the settings with the collector's own schema and names the setting it refuses.

const SCHEDULES = [15, 30, 60, 360, 720, 1440, 10_080];

export function ConnectForm({
  onDone,
  onCancel,
}: {
  onDone: (integration: TIntegration) => void;
  onCancel: () => void;
}) {
  const types = useIntegrationTypes();
  return (
    <section className="card stack panel" aria-labelledby="connect-title">
      <h2 id="connect-title">Connect a system</h2>
      <Query query={types} what="Loading integration types">
        {(list) => <ConnectFields types={list} onDone={onDone} onCancel={onCancel} />}
      </Query>
    </section>
  );
}

function ConnectFields({
  types,
  onDone,
  onCancel,
}: {
  types: NonNullable<ReturnType<typeof useIntegrationTypes>['data']>;
  onDone: (integration: TIntegration) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [type, setType] = useState(types[0]?.type ?? '');
  const [name, setName] = useState('');
  const [schedule, setSchedule] = useState(60);
  const [values, setValues] = useState<Record<string, string>>({});
  const chosen = types.find((t) => t.type === type);
  const fields = chosen ? fieldsOf(chosen.configSchema, chosen.secretFields) : [];

  const connect = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/integrations', {
          params: { path: { org: org.slug } },
          body: { type, name: name.trim(), config: configFrom(fields, values), scheduleMinutes: schedule },
        }),
      ),
    onSuccess: async (integration) => {
      await queries.invalidateQueries({ queryKey: monitoringKey(org.slug) });
      onDone({ ...integration, passing: 0, failing: 0 });
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    // The same first checks as the server, before a round trip: a name, and every required setting.
    const missing = fields.find((f) => f.required && !(values[f.name] ?? '').trim());
    if (!name.trim())
      return errors.show(
        new ApiError(400, { error: { message: 'Name this connection.', details: { field: 'name' } } }),
      );
    if (missing)
      return errors.show(
        new ApiError(400, {
          error: { message: `${missing.label} is required.`, details: { field: `config.${missing.name}` } },
        }),
      );
    connect.mutate();
  }

  // A field-level error on a setting the form does not show (say, a refinement's path) goes to the form.
  const shown = new Set(['type', 'name', 'scheduleMinutes', ...fields.map((f) => `config.${f.name}`)]);
  const stray = Object.entries(errors.fields).find(([k]) => !shown.has(k));

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="two-col">
        <Field label="Type" error={errors.fields.type}>
          {(p) => (
            <select
              {...p}
              value={type}
              onChange={(e) => {
                setType(e.target.value);
                setValues({});
                errors.clear();
              }}
            >
              {types.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Name (required)"
          hint="How this connection is called here, e.g. production-db."
          error={errors.fields.name}
        >
          {(p) => (
            <input
              {...p}
              value={name}
              maxLength={100}
              required
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="fieldset stack">
        <legend>{chosen?.title ?? type} settings</legend>
        {fields.length === 0 ? (
          <p className="muted small">This type has no settings.</p>
        ) : (
          <SchemaFields
            fields={fields}
            values={values}
            errors={errors.fields}
            onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
          />
        )}
      </fieldset>
      <Field label="Schedule" hint="The first run is due now." error={errors.fields.scheduleMinutes}>
        {(p) => (
          <select {...p} value={schedule} onChange={(e) => setSchedule(Number(e.target.value))}>
            {SCHEDULES.map((m) => (
              <option key={m} value={m}>
                {describeSchedule(m)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError error={errors.form ?? (stray ? `${stray[0]}: ${stray[1]}` : null)} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Connecting…' : 'Connect'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={connect.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
