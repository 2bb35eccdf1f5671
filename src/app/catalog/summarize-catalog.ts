import type { TCatalog } from '../../domain/catalog-types.ts';

/** The public shape of `attestly catalog --json`: criteria in catalog order, then controls and policies. */
export function summarizeCatalog(catalog: TCatalog) {
  const seriesName = new Map(catalog.series.map((s) => [s.id, s.name]));
  return {
    criteria: catalog.criteria.map((c) => ({
      id: c.id,
      category: c.category,
      series: c.series,
      seriesName: seriesName.get(c.series) ?? c.series,
      summary: c.summary,
      cosoPrinciple: c.cosoPrinciple,
      pointsOfFocus: c.pointsOfFocus,
    })),
    controls: catalog.controls.map((c) => ({
      id: c.id,
      title: c.title,
      criteria: c.criteria,
      frequency: c.frequency,
      ownerRole: c.ownerRole,
      automatable: c.automatable,
    })),
    policies: catalog.policies.map((p) => ({ id: p.id, title: p.title, controls: p.controls })),
  };
}
