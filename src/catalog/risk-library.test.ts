import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.ts';
import { RISK_LIBRARY } from './risk-library.ts';

const catalog = loadCatalog();

describe('the starter risk library', () => {
  it('suggests only controls that exist in the catalog', () => {
    const ids = new Set(catalog.controls.map((c) => c.id));
    const missing = RISK_LIBRARY.flatMap((r) => r.suggestedControls.filter((c) => !ids.has(c)));
    expect(missing).toEqual([]);
  });

  it('names only criteria that exist', () => {
    const ids = new Set(catalog.criteria.map((c) => c.id));
    expect(RISK_LIBRARY.flatMap((r) => r.criteria.filter((c) => !ids.has(c)))).toEqual([]);
  });

  it('has unique ids and covers fraud (CC3.3) and change (CC3.4)', () => {
    expect(new Set(RISK_LIBRARY.map((r) => r.id)).size).toBe(RISK_LIBRARY.length);
    expect(RISK_LIBRARY.length).toBeGreaterThanOrEqual(12);
    expect(RISK_LIBRARY.some((r) => r.category === 'fraud' && r.criteria.includes('CC3.3'))).toBe(true);
    expect(RISK_LIBRARY.some((r) => r.category === 'change' && r.criteria.includes('CC3.4'))).toBe(true);
  });
});
