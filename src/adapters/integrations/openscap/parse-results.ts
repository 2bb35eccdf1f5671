import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import {
  type TXccdfSeverity,
  XCCDF_RESULTS,
  XCCDF_SEVERITIES,
} from '../../../catalog/monitoring/openscap.ts';
import { AttestlyError } from '../../../domain/errors.ts';

// Reads what `oscap xccdf eval` writes: the XCCDF 1.2 results (`--results`, a Benchmark with its
// TestResult) or the ARF report (`--results-arf`, the source data stream in a report request and the
// TestResult in a report). Rule titles and identifiers come from the benchmark; results, severities and
// the host from the TestResult.

export type TRuleResultAttributes = {
  host: string;
  benchmark: string;
  profile: string | null;
  ruleId: string;
  title: string;
  result: (typeof XCCDF_RESULTS)[number];
  severity: TXccdfSeverity;
  cce: string | null;
  idents: Array<{ system: string; value: string }>;
  checkedAt: string | null;
  message: string | null;
};

/** Identifier systems that name CCE, as SCAP content spells them. */
const CCE_SYSTEMS = /cce/i;

/** Elements that may repeat, so the parsed tree has an array for them even when there is one. */
const REPEATED = new Set([
  'Group',
  'Rule',
  'TestResult',
  'rule-result',
  'ident',
  'message',
  'title',
  'component',
  'report-request',
  'report',
  'target',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => REPEATED.has(name),
  // Prose, fixes and the OVAL reports are large and never read: kept as unparsed text.
  stopNodes: [
    '*.description',
    '*.rationale',
    '*.warning',
    '*.fix',
    '*.fixtext',
    '*.oval_definitions',
    '*.oval_results',
    '*.ocil',
  ],
});

type TNode = Record<string, unknown>;

const asNode = (value: unknown): TNode | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as TNode) : undefined;
const nodes = (value: unknown): TNode[] =>
  (Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value]).flatMap((v): TNode[] => {
    const node = asNode(v);
    return node ? [node] : [];
  });

/** The text of an element that may carry attributes (then it is under `#text`). */
function textOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  const text = asNode(first)?.['#text'];
  return typeof text === 'string' ? text : null;
}

/** The English title when there are several, else the first. */
function titleOf(value: unknown): string | null {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const english = list.find((t) => /^en\b/i.test(String(asNode(t)?.['@lang'] ?? '')));
  return textOf(english ?? list[0]);
}

const attr = (node: TNode | undefined, name: string): string | null => {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : null;
};

type TRuleInfo = { title: string | null; idents: Array<{ system: string; value: string }> };

function identsOf(node: TNode): Array<{ system: string; value: string }> {
  return nodes(node.ident).flatMap((i) => {
    const value = textOf(i);
    return value ? [{ system: attr(i, 'system') ?? '', value }] : [];
  });
}

/** Every rule of a benchmark, in nested groups too, by id. */
function collectRules(container: TNode, into: Map<string, TRuleInfo>): void {
  for (const rule of nodes(container.Rule)) {
    const id = attr(rule, 'id');
    if (id) into.set(id, { title: titleOf(rule.title), idents: identsOf(rule) });
  }
  for (const group of nodes(container.Group)) collectRules(group, into);
}

function fail(message: string): never {
  throw new AttestlyError('INVALID_INPUT', message);
}

const ZResult = z.enum(XCCDF_RESULTS);
const ZSeverity = z.enum(XCCDF_SEVERITIES);

/** The benchmarks and test results of a document, wherever its format keeps them. */
function locate(document: TNode): { benchmarks: TNode[]; testResults: TNode[] } {
  const arf = asNode(document['asset-report-collection']);
  if (arf) {
    const requests = nodes(asNode(arf['report-requests'])?.['report-request']);
    const benchmarks = requests.flatMap((request) => {
      const content = asNode(request.content);
      const collection = asNode(content?.['data-stream-collection']);
      return [
        ...nodes(content?.Benchmark),
        ...nodes(collection?.component).flatMap((c) => nodes(c.Benchmark)),
      ];
    });
    const testResults = nodes(asNode(arf.reports)?.report).flatMap((report) =>
      nodes(asNode(report.content)?.TestResult),
    );
    return { benchmarks, testResults };
  }
  const benchmark = asNode(document.Benchmark);
  if (benchmark) return { benchmarks: [benchmark], testResults: nodes(benchmark.TestResult) };
  if (document.TestResult) return { benchmarks: [], testResults: nodes(document.TestResult) };
  if (document['data-stream-collection'])
    fail(
      'this is SCAP content, not scan results: run `oscap xccdf eval --results-arf arf.xml …` and import arf.xml',
    );
  return fail('not XCCDF or ARF results: expected a Benchmark, a TestResult or an asset-report-collection');
}

/**
 * Every rule result of every TestResult in an XCCDF 1.2 results file or an ARF report. A later TestResult
 * for the same host and rule replaces an earlier one. Anything that is not such a file is refused with
 * what was expected, never read as an empty scan.
 */
export function parseOpenscapResults(xml: string): TRuleResultAttributes[] {
  // SCAP results never declare a DOCTYPE; refusing it rules out entity expansion.
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) fail('a DOCTYPE is not accepted in SCAP results');
  let document: TNode;
  try {
    document = parser.parse(xml, true) as TNode;
  } catch (error) {
    return fail(`not well-formed XML: ${(error as Error).message}`);
  }
  const { benchmarks, testResults } = locate(document);
  if (testResults.length === 0)
    fail('the file holds no TestResult: it was written without `--results` or `--results-arf`');
  const rules = new Map<string, TRuleInfo>();
  for (const benchmark of benchmarks) collectRules(benchmark, rules);

  const byId = new Map<string, TRuleResultAttributes>();
  testResults.forEach((testResult, t) => {
    const host = textOf(testResult.target)?.trim();
    if (!host) fail(`TestResult[${t}] names no target host`);
    const benchmark = attr(asNode(testResult.benchmark), 'id') ?? attr(benchmarks[0], 'id') ?? '';
    const profile = attr(asNode(testResult.profile), 'idref');
    const finished = attr(testResult, 'end-time');
    nodes(testResult['rule-result']).forEach((ruleResult, r) => {
      const where = `TestResult[${t}].rule-result[${r}]`;
      const ruleId = attr(ruleResult, 'idref');
      if (!ruleId) fail(`${where} has no idref`);
      const result = ZResult.safeParse(textOf(ruleResult.result));
      if (!result.success) fail(`${where} (${ruleId}): unknown result "${textOf(ruleResult.result)}"`);
      const severity = ZSeverity.safeParse(attr(ruleResult, 'severity') ?? 'unknown');
      if (!severity.success) fail(`${where} (${ruleId}): unknown severity "${attr(ruleResult, 'severity')}"`);
      const rule = rules.get(ruleId);
      const own = identsOf(ruleResult);
      const idents = own.length > 0 ? own : (rule?.idents ?? []);
      byId.set(`${host}\u0000${ruleId}`, {
        host,
        benchmark,
        profile,
        ruleId,
        title: rule?.title ?? ruleId,
        result: result.data,
        severity: severity.data,
        cce: idents.find((i) => CCE_SYSTEMS.test(i.system) || /^CCE-/.test(i.value))?.value ?? null,
        idents,
        checkedAt: attr(ruleResult, 'time') ?? finished,
        message: textOf(ruleResult.message),
      });
    });
  });
  return [...byId.values()];
}
