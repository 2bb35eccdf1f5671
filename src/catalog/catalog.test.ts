import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.ts';

// The catalog against the verified fact sheet (shared/reference/soc2-criteria-facts.md): the 61 criteria,
// their order, series names, COSO principles and point-of-focus counts are facts, so they are spelled out here.

const catalog = loadCatalog();

const EXPECTED_IDS = [
  ...[
    'CC1.1',
    'CC1.2',
    'CC1.3',
    'CC1.4',
    'CC1.5',
    'CC2.1',
    'CC2.2',
    'CC2.3',
    'CC3.1',
    'CC3.2',
    'CC3.3',
    'CC3.4',
  ],
  ...['CC4.1', 'CC4.2', 'CC5.1', 'CC5.2', 'CC5.3'],
  ...['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8'],
  ...['CC7.1', 'CC7.2', 'CC7.3', 'CC7.4', 'CC7.5', 'CC8.1', 'CC9.1', 'CC9.2'],
  ...['A1.1', 'A1.2', 'A1.3', 'C1.1', 'C1.2', 'PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5'],
  ...['P1.1', 'P2.1', 'P3.1', 'P3.2', 'P4.1', 'P4.2', 'P4.3', 'P5.1', 'P5.2'],
  ...['P6.1', 'P6.2', 'P6.3', 'P6.4', 'P6.5', 'P6.6', 'P6.7', 'P7.1', 'P8.1'],
];

const SERIES: Array<[string, string, string, number]> = [
  ['CC1', 'Control Environment', 'security', 28],
  ['CC2', 'Information and Communication', 'security', 34],
  ['CC3', 'Risk Assessment', 'security', 36],
  ['CC4', 'Monitoring Activities', 'security', 11],
  ['CC5', 'Control Activities', 'security', 16],
  ['CC6', 'Logical and Physical Access Controls', 'security', 38],
  ['CC7', 'System Operations', 'security', 36],
  ['CC8', 'Change Management', 'security', 18],
  ['CC9', 'Risk Mitigation', 'security', 15],
  ['A1', 'Additional Criteria for Availability', 'availability', 16],
  ['C1', 'Additional Criteria for Confidentiality', 'confidentiality', 5],
  ['PI1', 'Additional Criteria for Processing Integrity', 'processing-integrity', 19],
  ['P1', 'Notice and Communication of Objectives Related to Privacy', 'privacy', 7],
  ['P2', 'Choice and Consent', 'privacy', 6],
  ['P3', 'Collection', 'privacy', 6],
  ['P4', 'Use, Retention, and Disposal', 'privacy', 6],
  ['P5', 'Access', 'privacy', 9],
  ['P6', 'Disclosure and Notification', 'privacy', 16],
  ['P7', 'Quality', 'privacy', 2],
  ['P8', 'Monitoring and Enforcement', 'privacy', 6],
];

const COSO: Record<string, number> = {
  'CC1.1': 1,
  'CC1.2': 2,
  'CC1.3': 3,
  'CC1.4': 4,
  'CC1.5': 5,
  'CC3.1': 6,
  'CC3.2': 7,
  'CC3.3': 8,
  'CC3.4': 9,
  'CC5.1': 10,
  'CC5.2': 11,
  'CC5.3': 12,
  'CC2.1': 13,
  'CC2.2': 14,
  'CC2.3': 15,
  'CC4.1': 16,
  'CC4.2': 17,
};

describe('the SOC 2 criteria', () => {
  it('are exactly the 61 criteria of the 2017 TSC, in catalog order', () => {
    expect(catalog.criteria.map((c) => c.id)).toEqual(EXPECTED_IDS);
  });

  it('belong to series with their correct names, categories and point-of-focus totals (330)', () => {
    expect(catalog.series.map((s) => [s.id, s.name, s.category])).toEqual(
      SERIES.map(([id, name, cat]) => [id, name, cat]),
    );
    for (const [id, , category, pof] of SERIES) {
      const members = catalog.criteria.filter((c) => c.series === id);
      expect({ id, pof: members.reduce((sum, c) => sum + c.pointsOfFocus, 0) }).toEqual({ id, pof });
      expect(members.every((c) => c.category === category)).toBe(true);
    }
    expect(catalog.criteria.reduce((sum, c) => sum + c.pointsOfFocus, 0)).toBe(330);
    expect(catalog.criteria.find((c) => c.id === 'CC6.5')?.pointsOfFocus).toBe(1);
    expect(catalog.criteria.find((c) => c.id === 'PI1.1')?.pointsOfFocus).toBe(3);
  });

  it('carry the COSO principle for CC1 to CC5 and none after', () => {
    for (const c of catalog.criteria)
      expect({ id: c.id, coso: c.cosoPrinciple }).toEqual({ id: c.id, coso: COSO[c.id] ?? null });
  });

  it('are summarized in our own words, not the AICPA wording', () => {
    for (const c of catalog.criteria) {
      expect(c.summary).not.toMatch(/^The entity|COSO Principle/);
      expect(c.summary.length).toBeLessThan(260);
    }
  });

  it('has the five categories with guidance, Security first', () => {
    expect(catalog.categories.map((c) => c.id)).toEqual([
      'security',
      'availability',
      'confidentiality',
      'processing-integrity',
      'privacy',
    ]);
  });
});

describe('the control library', () => {
  it('has at least 100 controls, and every criterion is addressed by at least one', () => {
    expect(catalog.controls.length).toBeGreaterThanOrEqual(100);
    for (const id of EXPECTED_IDS) {
      expect({ id, addressed: catalog.controls.some((c) => c.criteria.includes(id)) }).toEqual({
        id,
        addressed: true,
      });
    }
  });

  it('uses every frequency and owner role somewhere, and marks some controls automatable', () => {
    const frequencies = new Set(catalog.controls.map((c) => c.frequency));
    expect(frequencies.size).toBeGreaterThanOrEqual(5);
    expect(new Set(catalog.controls.map((c) => c.ownerRole)).size).toBe(6);
    expect(catalog.controls.some((c) => c.automatable)).toBe(true);
    expect(catalog.controls.some((c) => !c.automatable)).toBe(true);
  });
});

describe('the policy templates', () => {
  const REQUIRED = [
    'information-security',
    'acceptable-use',
    'access-control',
    'change-management',
    'secure-development',
    'incident-response',
    'business-continuity-disaster-recovery',
    'backup',
    'vendor-management',
    'risk-assessment',
    'data-classification',
    'data-retention-disposal',
    'encryption',
    'logging-monitoring',
    'vulnerability-management',
    'physical-security',
    'human-resources-security',
    'code-of-conduct',
    'privacy',
    'availability-capacity',
  ];

  it('cover the twenty required topics, each mapped to controls and using placeholders', () => {
    expect(catalog.policies.length).toBeGreaterThanOrEqual(20);
    expect(catalog.policies.map((p) => p.id)).toEqual(expect.arrayContaining(REQUIRED));
    for (const policy of catalog.policies) {
      expect(policy.controls.length).toBeGreaterThan(0);
      expect(policy.body).toContain('{{company_name}}');
      expect(policy.body).toContain('{{policy_owner}}');
    }
  });
});

describe('catalog validation', () => {
  const source = fileURLToPath(new URL('./data/', import.meta.url));
  function brokenCopy(edit: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'attestly-catalog-'));
    cpSync(source, dir, { recursive: true });
    edit(dir);
    return dir;
  }
  const replaceIn = (dir: string, file: string, from: string, to: string) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
    writeFileSync(path, text.replace(from, to));
  };

  it('names the file and field of a schema error', () => {
    const dir = brokenCopy((d) => replaceIn(d, 'criteria.yaml', 'pointsOfFocus: 5', 'pointsOfFocus: five'));
    expect(() => loadCatalog(dir)).toThrow(/criteria\.yaml: criteria\.0\.pointsOfFocus/);
  });

  it('refuses a control that maps to a criterion that does not exist', () => {
    const dir = brokenCopy((d) =>
      replaceIn(d, 'controls/access.yaml', 'criteria: [CC6.1]', 'criteria: [CC6.9]'),
    );
    expect(() => loadCatalog(dir)).toThrow(/unknown criterion CC6\.9/);
  });

  it('refuses a catalog in which a criterion is addressed by no control', () => {
    const dir = brokenCopy((d) => {
      for (const file of ['controls/privacy.yaml']) {
        const path = join(d, file);
        writeFileSync(path, readFileSync(path, 'utf8').replaceAll('P6.2', 'P6.1'));
      }
    });
    expect(() => loadCatalog(dir)).toThrow(/criterion P6\.2 is addressed by no control/);
  });

  it('refuses a policy with an unknown placeholder', () => {
    const dir = brokenCopy((d) => replaceIn(d, 'policies/backup.md', '{{company_name}}', '{{company_nmae}}'));
    expect(() => loadCatalog(dir)).toThrow(/unknown placeholder \{\{company_nmae\}\}/);
  });
});
