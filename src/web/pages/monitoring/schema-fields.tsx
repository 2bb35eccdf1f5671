import { Field } from '../../components/field.tsx';

// A form generated from an integration type's settings (JSON Schema from GET /api/v1/integration-types):
// a field per property, labelled by its name (and its description as the hint), required ones marked,
// credentials in password inputs, lists one item per line, booleans as checkboxes, enums as selects.

type TJsonSchema = Record<string, unknown>;

export interface TSchemaField {
  name: string;
  label: string;
  hint: string | undefined;
  kind: 'text' | 'secret' | 'number' | 'boolean' | 'list' | 'select' | 'textarea';
  required: boolean;
  options: string[];
  defaultValue: string;
  format: string | undefined;
}

const WORDS: Record<string, string> = {
  url: 'URL',
  dn: 'DN',
  ca: 'CA',
  api: 'API',
  id: 'ID',
  arn: 'ARN',
  ssl: 'SSL',
  tls: 'TLS',
  sql: 'SQL',
};

/** "bindDn" → "Bind DN", "secret_access_key" → "Secret access key". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The non-null member of `X | null` unions, or the schema itself. */
function unwrapNullable(schema: TJsonSchema): TJsonSchema {
  const union = (schema.anyOf ?? schema.oneOf) as TJsonSchema[] | undefined;
  if (!Array.isArray(union)) return schema;
  const present = union.filter((s) => s.type !== 'null');
  return present.length === 1 && present[0] ? { ...schema, ...present[0] } : schema;
}

function kindOf(schema: TJsonSchema, secret: boolean): TSchemaField['kind'] {
  if (secret) return 'secret';
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return 'select';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'array') return 'list';
  if (schema.type === 'string') return 'text';
  // Objects and anything else: JSON typed by hand.
  return 'textarea';
}

export function fieldsOf(configSchema: TJsonSchema, secretFields: string[]): TSchemaField[] {
  const properties = (configSchema.properties ?? {}) as Record<string, TJsonSchema>;
  const required = new Set((configSchema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, raw]) => {
    const schema = unwrapNullable(raw);
    const kind = kindOf(schema, secretFields.includes(name) || schema.writeOnly === true);
    const fallback = schema.default;
    return {
      name,
      // Every collector's optional `name` is how the system is called in results, not the connection's name.
      label:
        typeof schema.title === 'string' ? schema.title : name === 'name' ? 'Display name' : humanize(name),
      hint:
        typeof schema.description === 'string'
          ? schema.description
          : name === 'name'
            ? 'How the system is named in results; by default its address.'
            : undefined,
      kind,
      // A property with a default may be left empty: the server fills it in.
      required: required.has(name) && fallback === undefined,
      options: Array.isArray(schema.enum) ? (schema.enum as string[]) : [],
      defaultValue:
        fallback === undefined ? '' : Array.isArray(fallback) ? fallback.join('\n') : String(fallback),
      format: typeof schema.format === 'string' ? schema.format : undefined,
    };
  });
}

/** The settings object the server expects: empty optional fields left out, lists split by line or comma. */
export function configFrom(fields: TSchemaField[], values: Record<string, string>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name] ?? '';
    if (field.kind === 'boolean') {
      if (raw === 'true' || raw === 'false') config[field.name] = raw === 'true';
      continue;
    }
    const text = field.kind === 'secret' ? raw : raw.trim();
    if (!text) continue;
    if (field.kind === 'number') config[field.name] = Number(text);
    else if (field.kind === 'list')
      config[field.name] = text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (field.kind === 'textarea') {
      try {
        config[field.name] = JSON.parse(text);
      } catch {
        config[field.name] = text;
      }
    } else config[field.name] = text;
  }
  return config;
}

export function SchemaFields({
  fields,
  values,
  onChange,
  errors,
}: {
  fields: TSchemaField[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      {fields.map((f) => {
        const error = errors[`config.${f.name}`];
        const label = f.required ? `${f.label} (required)` : f.label;
        const extra = [
          f.kind === 'list' ? 'One per line.' : null,
          f.kind === 'secret' ? 'Stored sealed; never shown again.' : null,
          f.defaultValue ? `Default: ${f.defaultValue}.` : null,
        ].filter(Boolean);
        const hint = [f.hint, ...extra].filter(Boolean).join(' ') || undefined;
        const value = values[f.name] ?? '';
        if (f.kind === 'boolean')
          return (
            <Field key={f.name} label={label} hint={hint} error={error}>
              {(p) => (
                <select {...p} value={value} onChange={(e) => onChange(f.name, e.target.value)}>
                  <option value="">Default</option>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </select>
              )}
            </Field>
          );
        if (f.kind === 'select')
          return (
            <Field key={f.name} label={label} hint={hint} error={error}>
              {(p) => (
                <select {...p} value={value} onChange={(e) => onChange(f.name, e.target.value)}>
                  {!f.required && <option value="">Default</option>}
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          );
        if (f.kind === 'list' || f.kind === 'textarea')
          return (
            <Field key={f.name} label={label} hint={hint} error={error}>
              {(p) => (
                <textarea
                  {...p}
                  className="short mono"
                  value={value}
                  required={f.required}
                  onChange={(e) => onChange(f.name, e.target.value)}
                />
              )}
            </Field>
          );
        return (
          <Field key={f.name} label={label} hint={hint} error={error}>
            {(p) => (
              <input
                {...p}
                type={
                  f.kind === 'secret'
                    ? 'password'
                    : f.kind === 'number'
                      ? 'number'
                      : f.format === 'uri'
                        ? 'url'
                        : 'text'
                }
                autoComplete={f.kind === 'secret' ? 'new-password' : 'off'}
                spellCheck={false}
                value={value}
                required={f.required}
                onChange={(e) => onChange(f.name, e.target.value)}
              />
            )}
          </Field>
        );
      })}
    </>
  );
}
