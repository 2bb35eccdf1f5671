import { type ASTNode, EvaluationError, type ParseResult } from '@marcbachmann/cel-js';
import type { TTestLibrary } from '../../catalog/monitoring/library.ts';
import { AttestlyError } from '../../domain/errors.ts';
import {
  celBinding,
  celSchemaOf,
  type TCelBinding,
  type TCelMessage,
  type TCelSchema,
} from '../../domain/monitoring/cel-types.ts';
import { fail, pass, type TTestDefinition } from '../../domain/monitoring/model.ts';
import type { AppDeps, OrgScope, TCustomTest } from '../ports.ts';

// Custom tests: a CEL expression over one resource type (see domain/monitoring/cel-types.ts for what the
// expression sees). Compiling type-checks it against the resource type's schema and refuses, with the
// position in the expression, an unknown field, an operator applied to the wrong types, or a result that
// is not a bool. The compiled test runs like a built-in one: true passes, false fails, a runtime error (an
// absent field read without has()) is thrown, which the engine records as `error`.

export const MAX_EXPRESSION_LENGTH = 4000;

type TNode = ASTNode & { checkedType?: { name: string } };
type TSelect = TNode & { op: '.' | '.?'; args: [TNode, string] };

const isNode = (v: unknown): v is TNode => typeof v === 'object' && v !== null && 'op' in v && 'args' in v;
const isSelect = (n: TNode): n is TSelect => n.op === '.' || n.op === '.?';

function children(node: TNode): TNode[] {
  const out: TNode[] = [];
  const collect = (v: unknown) => {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
  };
  if (node.op !== 'value' && node.op !== 'id') collect(node.args);
  return out;
}

function* nodes(node: TNode): Generator<TNode> {
  yield node;
  for (const child of children(node)) yield* nodes(child);
}

/** "column 10", or "line 2, column 3" in an expression written over several lines. */
function position(expression: string, offset: number): { line: number; column: number; text: string } {
  const before = expression.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return { line, column, text: line > 1 ? `line ${line}, column ${column}` : `column ${column}` };
}

function snippet(expression: string, node: { range?: { start: number; end: number } } | undefined): string {
  if (!node?.range) return expression.length > 60 ? `${expression.slice(0, 59)}…` : expression;
  const text = expression.slice(node.range.start, node.range.end);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The closest field name, for a "did you mean": a different case or at most a few letters off. */
function closest(name: string, candidates: string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++)
        next[j] = Math.min(
          (next[j - 1] ?? 0) + 1,
          (row[j] ?? 0) + 1,
          (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      row = next;
    }
    return row[b.length] ?? Number.POSITIVE_INFINITY;
  };
  let best: { name: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score =
      candidate.toLowerCase() === name.toLowerCase()
        ? 0
        : distance(name.toLowerCase(), candidate.toLowerCase());
    if (score <= Math.max(2, Math.floor(name.length / 3)) && (!best || score < best.score))
      best = { name: candidate, score };
  }
  return best?.name;
}

/** The message type of a node: from the type checker, or (inside has(), which it does not type) by path. */
function messageOf(node: TNode, schema: TCelSchema): TCelMessage | undefined {
  const checked = node.checkedType?.name;
  if (checked) return schema.messages.get(checked);
  if (!isSelect(node)) return undefined;
  const field = messageOf(node.args[0], schema)?.fields[node.args[1]];
  return field?.type.kind === 'message' ? schema.messages.get(field.type.name) : undefined;
}

function invalid(
  expression: string,
  message: (at: string) => string,
  offset: number,
  details: Record<string, unknown> = {},
) {
  const at = position(expression, offset);
  return new AttestlyError('INVALID_INPUT', message(at.text), {
    line: at.line,
    column: at.column,
    ...details,
  });
}

function unknownField(expression: string, node: TSelect, message: TCelMessage, offset: number) {
  const field = node.args[1];
  const suggestion = closest(field, Object.keys(message.fields));
  return invalid(
    expression,
    (at) =>
      `${snippet(expression, node)}: no such field on ${message.name} (${at})${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    offset,
    { field, type: message.name, ...(suggestion ? { suggestion } : {}) },
  );
}

/** A type checker's or parser's complaint, pointed at where it is in the expression. */
function explain(expression: string, schema: TCelSchema, error: Error): AttestlyError {
  const e = error as Error & { code?: string; summary?: string; node?: TNode; range?: { start: number } };
  const offset = e.range?.start ?? e.node?.range?.start ?? 0;
  const summary = e.summary ?? e.message.split('\n')[0] ?? 'invalid';
  if (e.name === 'ParseError')
    return invalid(expression, (at) => `syntax error at ${at}: ${summary}`, offset);
  const node = e.node;
  if (e.code === 'no_such_key' && node && isSelect(node)) {
    const message = messageOf(node.args[0], schema);
    if (message) return unknownField(expression, node, message, offset);
  }
  if (e.code === 'unknown_variable')
    return invalid(
      expression,
      (at) => `${snippet(expression, node)}: unknown variable (${at}); use resource or now`,
      offset,
    );
  const overload = /^no such overload: (\S+) (\S+) (\S+)$/.exec(summary);
  if (overload) {
    const [, left, op, right] = overload;
    const nullable = left === 'null' || right === 'null';
    return invalid(
      expression,
      (at) =>
        `${snippet(expression, node)}: ${op} does not apply to ${left} and ${right} (${at})${
          nullable ? '; a field that can be null is absent instead: test it with has(resource.field)' : ''
        }`,
      offset,
      { operator: op, types: [left, right] },
    );
  }
  return invalid(expression, (at) => `${snippet(expression, node)}: ${summary} (${at})`, offset);
}

export interface TCheckedExpression {
  binding: TCelBinding;
  program: ParseResult;
  /** The fields of `resource` the expression reads, as dotted paths ("protection.requiresPullRequest"). */
  references: string[];
}

/** Type-checks an expression against a resource type of the library; INVALID_INPUT says what and where. */
export function checkCustomExpression(
  library: TTestLibrary,
  resourceType: string,
  expression: string,
): TCheckedExpression {
  const type = library.resourceTypes.get(resourceType);
  if (!type) {
    const suggestion = closest(resourceType, [...library.resourceTypes.keys()]);
    throw new AttestlyError(
      'INVALID_INPUT',
      `unknown resource type "${resourceType}"${suggestion ? `; did you mean ${suggestion}?` : `; known: ${[...library.resourceTypes.keys()].join(', ')}`}`,
    );
  }
  if (!expression.trim()) throw new AttestlyError('INVALID_INPUT', 'the expression is empty');
  if (expression.length > MAX_EXPRESSION_LENGTH)
    throw new AttestlyError('INVALID_INPUT', `the expression is over ${MAX_EXPRESSION_LENGTH} characters`);
  // matches() runs a user's regular expression synchronously in the server, where a catastrophic pattern
  // would stall every organization's runs; startsWith, endsWith and contains cover what tests need.
  const regex = /\.matches\s*\(|\bmatches\s*\(/.exec(expression);
  if (regex) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `matches() is not allowed in custom tests (column ${regex.index + 1}): use startsWith, endsWith or contains`,
      { column: regex.index + 1 },
    );
  }
  const schema = celSchemaOf(type);
  const binding = celBinding(schema);
  let program: ParseResult;
  try {
    program = binding.environment.parse(expression);
  } catch (error) {
    throw explain(expression, schema, error as Error);
  }
  const checked = program.check();
  if (!checked.valid) throw explain(expression, schema, checked.error ?? new Error('does not type-check'));
  const root = program.ast as TNode;
  // The type checker leaves has()'s argument alone, so has(resource.typo) is checked here.
  for (const node of nodes(root)) {
    if (!isSelect(node)) continue;
    const message = messageOf(node.args[0], schema);
    if (message && !(node.args[1] in message.fields))
      throw unknownField(expression, node, message, (node.range?.end ?? 0) - node.args[1].length);
  }
  if (checked.type !== 'bool') {
    throw invalid(
      expression,
      (at) =>
        `the expression gives ${checked.type}, not bool (${at}): a test is true (pass) or false (fail)${
          checked.type === 'dyn' ? '; compare the value, e.g. == true' : ''
        }`,
      0,
      { resultType: checked.type },
    );
  }
  return { binding, program, references: referencedPaths(root) };
}

/** Every `resource.a.b` path read, longest only (resource.a.b, not also resource.a). */
function referencedPaths(root: TNode): string[] {
  const pathOf = (node: TNode): string[] | undefined => {
    if (node.op === 'id') return node.args === 'resource' ? [] : undefined;
    if (!isSelect(node)) return undefined;
    const parent = pathOf(node.args[0]);
    return parent ? [...parent, node.args[1]] : undefined;
  };
  const paths = new Set<string>();
  for (const node of nodes(root)) {
    const path = pathOf(node);
    if (path?.length) paths.add(path.join('.'));
  }
  return [...paths].filter((p) => ![...paths].some((other) => other.startsWith(`${p}.`))).sort();
}

function valueAt(attributes: unknown, path: string): unknown {
  let value: unknown = attributes;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

/** A runtime error, in words: mostly a field that is null on this resource, read without has(). */
function runtimeMessage(expression: string, schema: TCelSchema, error: EvaluationError): string {
  const node = error.node as TNode | undefined;
  const offset = error.range?.start ?? node?.range?.start ?? 0;
  const at = position(expression, offset).text;
  if (error.code === 'no_such_key' && node && isSelect(node) && messageOf(node.args[0], schema)) {
    const path = snippet(expression, node);
    return `${path} is null or absent on this resource (${at}); guard it with has(${path})`;
  }
  return `${error.summary} (${at})`;
}

export type TCustomTestDefinition = Pick<
  TCustomTest,
  'id' | 'title' | 'resourceType' | 'expression' | 'severity' | 'controls' | 'rationale' | 'remediation'
>;

/** A custom test as the engine runs it: true passes, false fails with the fields it read. */
export function compileCustomTest(test: TCustomTestDefinition, library: TTestLibrary): TTestDefinition {
  const { binding, program, references } = checkCustomExpression(library, test.resourceType, test.expression);
  return {
    id: test.id,
    title: test.title,
    severity: test.severity,
    resourceType: test.resourceType,
    rationale: test.rationale,
    remediation: test.remediation,
    controls: test.controls,
    evaluate(resource, context) {
      let result: unknown;
      try {
        result = program(binding.variables(resource.attributes, context));
      } catch (error) {
        if (error instanceof EvaluationError)
          throw new Error(runtimeMessage(test.expression, binding.schema, error));
        throw error;
      }
      if (typeof result !== 'boolean') throw new Error(`the expression gave ${typeof result}, not a bool`);
      const fields = Object.fromEntries(references.map((p) => [p, valueAt(resource.attributes, p)]));
      return result
        ? pass(`holds: ${test.expression}`, fields)
        : fail(`does not hold: ${test.expression}`, fields);
    },
  };
}

/** custom.<slug>: the id given (with or without the prefix), or one made from the title. */
export function customTestId(id: string | undefined, title: string): string {
  const slug =
    id?.trim().replace(/^custom\./, '') ??
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60);
  if (!/^[a-z0-9][a-z0-9_]{0,62}$/.test(slug)) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `a custom test id is custom. and lowercase letters, digits and _ (e.g. custom.admins_have_mfa); got "${id ?? title}"`,
    );
  }
  return `custom.${slug}`;
}

export function listCustomTests(deps: AppDeps, scope: OrgScope): Promise<TCustomTest[]> {
  return deps.store.repos.customTests.list(scope);
}

/**
 * The organization's custom tests, compiled for a run. One that no longer type-checks (its resource type's
 * schema changed since it was saved) still runs, and errs on every resource, so it cannot quietly pass.
 */
export async function compiledCustomTests(deps: AppDeps, scope: OrgScope): Promise<TTestDefinition[]> {
  return (await listCustomTests(deps, scope)).map((test) => {
    try {
      return compileCustomTest(test, deps.monitoring.library);
    } catch (error) {
      const reason = `this custom test no longer type-checks: ${(error as Error).message}`;
      return {
        ...test,
        evaluate: () => {
          throw new Error(reason);
        },
      };
    }
  });
}
