import { describe, expect, it } from 'vitest';
import { ZOscalAssessmentResults } from './oscal-schema.ts';

const UUID = '2ed6657d-e927-568b-95e1-2665a8aea6a2';

function results(overrides: Record<string, unknown> = {}) {
  return {
    'assessment-results': {
      uuid: UUID,
      metadata: {
        title: 'Results',
        'last-modified': '2026-06-15T09:00:00.000Z',
        version: '1',
        'oscal-version': '1.1.2',
      },
      'import-ap': { href: `#${UUID}` },
      results: [
        {
          uuid: UUID,
          title: 'Result',
          description: 'What was seen.',
          start: '2026-03-01T00:00:00Z',
          'reviewed-controls': {
            'control-selections': [{ 'include-controls': [{ 'control-id': 'cc6.1' }] }],
          },
          ...overrides,
        },
      ],
      'back-matter': { resources: [{ uuid: UUID, title: 'The assessment plan' }] },
    },
  };
}

describe("Attestly's reading of the OSCAL structure", () => {
  it('accepts a minimal assessment result', () => {
    expect(ZOscalAssessmentResults.safeParse(results()).success).toBe(true);
  });

  it('refuses what OSCAL refuses: a date without a zone, a v1 UUID, an unknown field, padded text', () => {
    expect(ZOscalAssessmentResults.safeParse(results({ start: '2026-03-01T00:00:00' })).success).toBe(false);
    expect(
      ZOscalAssessmentResults.safeParse(results({ uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' })).success,
    ).toBe(false);
    expect(ZOscalAssessmentResults.safeParse(results({ extra: 1 })).success).toBe(false);
    expect(ZOscalAssessmentResults.safeParse(results({ title: ' Result' })).success).toBe(false);
    expect(
      ZOscalAssessmentResults.safeParse(results({ 'reviewed-controls': { 'control-selections': [] } }))
        .success,
    ).toBe(false);
  });

  it('refuses a finding that names an observation the result does not have', () => {
    const finding = {
      uuid: UUID,
      title: 'cc6.1',
      description: 'Not met.',
      target: { type: 'objective-id', 'target-id': 'cc6.1', status: { state: 'not-satisfied' } },
      'related-observations': [{ 'observation-uuid': '3ed6657d-e927-568b-95e1-2665a8aea6a2' }],
    };
    const parsed = ZOscalAssessmentResults.safeParse(results({ findings: [finding] }));
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([
      'finding "cc6.1" names an unknown observation',
    ]);
  });
});
