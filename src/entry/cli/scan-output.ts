import type { TScanResult } from '../../app/monitoring/scan.ts';
import type { TTestLibrary } from '../../catalog/monitoring/library.ts';
import type { TSeverity } from '../../domain/monitoring/model.ts';
import { table } from './io.ts';

// The three shapes of `attestly scan`: a table for people, JSON for scripts, SARIF for code-scanning UIs.

export function scanJson(result: TScanResult, library: TTestLibrary) {
  const severity = new Map(library.tests.map((t) => [t.id, t.severity]));
  return {
    results: result.outcomes.map((o) => ({
      test: o.testId,
      severity: severity.get(o.testId),
      resourceType: o.resourceType,
      resource: o.resourceId,
      status: o.status,
      reason: o.reason,
    })),
    integrations: result.integrations,
    summary: result.summary,
  };
}

export function scanTable(result: TScanResult): string[] {
  const lines = table([
    ['STATUS', 'TEST', 'RESOURCE', 'REASON'],
    ...result.outcomes.map((o) => [o.status.toUpperCase(), o.testId, o.resourceName, o.reason]),
  ]);
  for (const integration of result.integrations.filter((i) => i.status === 'failed')) {
    lines.push(`FAILED TO COLLECT ${integration.name}: ${integration.error?.message}`);
  }
  const s = result.summary;
  lines.push(
    `${s.resources} resources, ${s.pass} passed, ${s.fail} failed, ${s.error} errors, ${s.not_applicable} not applicable`,
  );
  return lines;
}

const LEVEL: Record<TSeverity, 'note' | 'warning' | 'error'> = {
  low: 'note',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

/** SARIF 2.1.0: one rule per test, one result per failing or erroring resource. */
export function scanSarif(result: TScanResult, library: TTestLibrary, version: string) {
  const used = new Set(result.outcomes.map((o) => o.testId));
  const rules = library.tests.filter((t) => used.has(t.id));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Attestly',
            version,
            rules: rules.map((t) => ({
              id: t.id,
              name: t.id,
              shortDescription: { text: t.title },
              fullDescription: { text: t.rationale },
              help: { text: t.remediation },
              defaultConfiguration: { level: LEVEL[t.severity] },
              properties: { controls: t.controls, severity: t.severity },
            })),
          },
        },
        results: result.outcomes
          .filter((o) => o.status === 'fail' || o.status === 'error')
          .map((o) => {
            const test = rules.find((t) => t.id === o.testId);
            return {
              ruleId: o.testId,
              level: o.status === 'error' ? 'error' : LEVEL[test?.severity ?? 'medium'],
              message: { text: `${o.resourceName}: ${o.reason}` },
              locations: [
                {
                  logicalLocations: [
                    { name: o.resourceName, fullyQualifiedName: o.resourceId, kind: o.resourceType },
                  ],
                },
              ],
            };
          }),
      },
    ],
  };
}
