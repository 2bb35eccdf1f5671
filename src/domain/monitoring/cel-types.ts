import { Environment } from '@marcbachmann/cel-js';
import { z } from 'zod';
import type { TEvaluationContext, TResourceType } from './model.ts';

// Custom tests are CEL expressions over one resource type. This module turns a resource type's zod schema
// into CEL declarations (so an expression is type-checked against the schema when it is saved) and a
// resource's attributes into the values the expression sees.
//
// The variables: `resource`, the resource's attributes as its schema declares them, and `now`, the run's
// time as a timestamp. The mapping, through the schema's JSON Schema:
//   string and enum -> string; a date-time string (z.iso.datetime) -> timestamp, so
//     `now - resource.lastLogin < duration("2160h")` works; other date strings stay strings
//   integer -> int; number -> double; boolean -> bool; array -> list<T>; an object with properties -> a
//   message type named after its path (`github.repository.protection`); a record -> map<string, T>;
//   anything else (unions of several kinds, unknown) -> dyn.
// Nullable and optional fields: a field whose value is null (or absent) is left out of the message, as
// proto3 does, so it is tested with `has(resource.email)`, or read with a default through optional
// chaining `resource.?email.orValue("")`. Comparing with null (`resource.email == null`) does not
// type-check, and reading an absent field is a runtime error, which the engine records as the `error`
// outcome, never as a pass or a fail. A null element of a list or value of a map stays null: those are dyn.

export type TCelType =
  | { kind: 'bool' | 'int' | 'double' | 'string' | 'timestamp' | 'dyn' }
  | { kind: 'list'; item: TCelType }
  | { kind: 'map'; value: TCelType }
  | { kind: 'message'; name: string };

export interface TCelField {
  type: TCelType;
  /** Null or absent in some resources: then it is left out, and `has()` is false. */
  nullable: boolean;
}

export interface TCelMessage {
  name: string;
  fields: Record<string, TCelField>;
}

/** The CEL declaration of one resource type: the message type of `resource` and every nested one. */
export interface TCelSchema {
  resourceType: string;
  /** Keyed by message name; `resource` is the one named after the resource type. */
  messages: Map<string, TCelMessage>;
}

const DYN: TCelType = { kind: 'dyn' };
type TJsonSchema = Record<string, unknown>;

const isObject = (v: unknown): v is TJsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNull = (s: unknown) => isObject(s) && s.type === 'null';

/** The CEL kind of a JSON Schema that is a plain scalar, or undefined for anything else. */
function scalarOf(schema: TJsonSchema): TCelType | undefined {
  const type = schema.type ?? (schema.const !== undefined ? typeof schema.const : undefined);
  if (type === 'string') return { kind: schema.format === 'date-time' ? 'timestamp' : 'string' };
  if (type === 'integer') return { kind: 'int' };
  if (type === 'number') return { kind: 'double' };
  if (type === 'boolean') return { kind: 'bool' };
  if (schema.type === undefined && Array.isArray(schema.enum)) {
    if (schema.enum.every((v) => typeof v === 'string')) return { kind: 'string' };
  }
  return undefined;
}

function walk(schema: unknown, name: string, messages: Map<string, TCelMessage>): TCelField {
  if (!isObject(schema)) return { type: DYN, nullable: true };
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const present = union.filter((s) => !isNull(s));
    const nullable = present.length < union.length;
    if (present.length === 1) {
      const inner = walk(present[0], name, messages);
      return { type: inner.type, nullable: nullable || inner.nullable };
    }
    // Several kinds: one CEL type only when they are all the same scalar (say, a union of literals).
    const kinds = present.map((s) => (isObject(s) ? scalarOf(s) : undefined));
    const first = kinds[0];
    const same = first !== undefined && kinds.every((k) => k?.kind === first.kind);
    return { type: same ? first : DYN, nullable };
  }
  if (Array.isArray(schema.type)) {
    const present = schema.type.filter((t) => t !== 'null');
    const nullable = present.length < schema.type.length;
    if (present.length !== 1) return { type: DYN, nullable };
    return { type: walk({ ...schema, type: present[0] }, name, messages).type, nullable };
  }
  if (schema.type === 'null') return { type: DYN, nullable: true };
  const scalar = scalarOf(schema);
  if (scalar) return { type: scalar, nullable: false };
  if (schema.type === 'array') {
    const item = walk(schema.items, name, messages);
    return { type: { kind: 'list', item: item.nullable ? DYN : item.type }, nullable: false };
  }
  if (schema.type === 'object') {
    if (isObject(schema.properties)) {
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const fields: Record<string, TCelField> = {};
      for (const [key, property] of Object.entries(schema.properties)) {
        const field = walk(property, `${name}.${key}`, messages);
        fields[key] = { type: field.type, nullable: field.nullable || !required.has(key) };
      }
      messages.set(name, { name, fields });
      return { type: { kind: 'message', name }, nullable: false };
    }
    const value = isObject(schema.additionalProperties)
      ? walk(schema.additionalProperties, name, messages)
      : { type: DYN, nullable: true };
    return { type: { kind: 'map', value: value.nullable ? DYN : value.type }, nullable: false };
  }
  return { type: DYN, nullable: true };
}

/** The CEL declaration of a resource type, from its zod schema (as the attributes look once parsed). */
export function celSchemaOf(type: TResourceType): TCelSchema {
  const json = z.toJSONSchema(type.schema, { io: 'output', unrepresentable: 'any' }) as TJsonSchema;
  const messages = new Map<string, TCelMessage>();
  const root = walk(json, type.type, messages);
  // A resource whose schema is not an object still gets a message, with no fields, so `resource` is typed.
  if (root.type.kind !== 'message') messages.set(type.type, { name: type.type, fields: {} });
  return { resourceType: type.type, messages };
}

/** The type as CEL spells it. */
export function celTypeName(type: TCelType): string {
  switch (type.kind) {
    case 'timestamp':
      // The built-in's full name: a field declared plain `timestamp` would be taken for a message type.
      return 'google.protobuf.Timestamp';
    case 'list':
      return `list<${celTypeName(type.item)}>`;
    case 'map':
      return `map<string, ${celTypeName(type.value)}>`;
    case 'message':
      return type.name;
    default:
      return type.kind;
  }
}

/** A typed environment for one resource type, and how to turn a resource into the values it evaluates. */
export interface TCelBinding {
  schema: TCelSchema;
  environment: Environment;
  /** The variables of one evaluation: `resource` (its attributes, converted) and `now`. */
  variables(attributes: unknown, context: TEvaluationContext): { resource: unknown; now: Date };
}

export function celBinding(schema: TCelSchema): TCelBinding {
  // Each message gets its own class: the environment knows a value's message type by its constructor.
  const classes = new Map<string, new () => Record<string, unknown>>();
  const environment = new Environment({ enableOptionalTypes: true });
  for (const message of schema.messages.values()) {
    const ctor = { [message.name]: class {} }[message.name] as new () => Record<string, unknown>;
    classes.set(message.name, ctor);
    const fields = Object.fromEntries(
      Object.entries(message.fields).map(([key, field]) => [key, celTypeName(field.type)]),
    );
    environment.registerType(message.name, { ctor, fields });
  }
  environment.registerVariable('resource', schema.resourceType, {
    description: `the attributes of a ${schema.resourceType}`,
  });
  environment.registerVariable('now', 'google.protobuf.Timestamp', { description: 'the time of the run' });

  function convert(type: TCelType, value: unknown, path: string): unknown {
    const wrong = () => new Error(`${path} is not a ${celTypeName(type)}`);
    switch (type.kind) {
      case 'int':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrong();
        return BigInt(value);
      case 'double':
        if (typeof value !== 'number') throw wrong();
        return value;
      case 'string':
      case 'bool':
        if (typeof value !== (type.kind === 'bool' ? 'boolean' : 'string')) throw wrong();
        return value;
      case 'timestamp': {
        const at = value instanceof Date ? value : new Date(String(value));
        if (Number.isNaN(at.getTime())) throw wrong();
        return at;
      }
      case 'list':
        if (!Array.isArray(value)) throw wrong();
        return value.map((item, i) => convert(type.item, item, `${path}[${i}]`));
      case 'map':
        if (!isObject(value)) throw wrong();
        return new Map(Object.entries(value).map(([k, v]) => [k, convert(type.value, v, `${path}.${k}`)]));
      case 'message': {
        const message = schema.messages.get(type.name);
        const Ctor = classes.get(type.name);
        if (!message || !Ctor || !isObject(value)) throw wrong();
        const out = new Ctor();
        for (const [key, field] of Object.entries(message.fields)) {
          const v = value[key];
          if (v !== null && v !== undefined) out[key] = convert(field.type, v, `${path}.${key}`);
        }
        return out;
      }
      default:
        return dyn(value);
    }
  }

  return {
    schema,
    environment,
    variables: (attributes, context) => ({
      resource: convert({ kind: 'message', name: schema.resourceType }, attributes, 'resource'),
      now: context.now,
    }),
  };
}

/** A value of no declared type, as JSON: objects become maps; numbers stay doubles, as CEL reads JSON. */
function dyn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dyn);
  if (isObject(value) && !(value instanceof Date))
    return new Map(Object.entries(value).map(([k, v]) => [k, dyn(v)]));
  return value;
}
