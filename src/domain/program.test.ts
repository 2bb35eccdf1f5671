import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/errors.ts';
import { parseIsoDate } from './dates.ts';
import { defineProgram } from './program.ts';

const base = { categories: [], componentKinds: ['infrastructure'] };

describe('parseIsoDate', () => {
  it('accepts real dates and refuses impossible or malformed ones', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-5', '26-01-01', 'tomorrow', '']) {
      expect(errorOf(() => parseIsoDate(bad)).code).toBe('INVALID_INPUT');
    }
  });
});

describe('defineProgram', () => {
  it('always puts Security in scope and keeps the categories in catalog order', () => {
    const { program } = defineProgram({
      ...base,
      reportType: 'type1',
      asOf: '2026-12-31',
      categories: ['privacy', 'availability'],
    });
    expect(program.categories).toEqual(['security', 'availability', 'privacy']);
    expect(program).toMatchObject({ reportType: 'type1', asOf: '2026-12-31', window: null });
  });

  it('refuses unknown categories, components and report types', () => {
    expect(
      errorOf(() => defineProgram({ ...base, reportType: 'type3', asOf: '2026-01-01' })).message,
    ).toContain('report type');
    expect(
      errorOf(() =>
        defineProgram({ ...base, reportType: 'type1', asOf: '2026-01-01', categories: ['secrecy'] }),
      ).message,
    ).toContain('unknown trust services category "secrecy"');
    expect(
      errorOf(() =>
        defineProgram({ ...base, reportType: 'type1', asOf: '2026-01-01', componentKinds: ['buildings'] }),
      ).message,
    ).toContain('system component');
  });

  it('needs an as-of date for Type 1 and a window for Type 2, not the other way round', () => {
    expect(errorOf(() => defineProgram({ ...base, reportType: 'type1' })).message).toContain('as-of');
    expect(
      errorOf(() => defineProgram({ ...base, reportType: 'type2', windowStart: '2026-01-01' })).message,
    ).toContain('--window-end');
    expect(
      errorOf(() =>
        defineProgram({ ...base, reportType: 'type1', asOf: '2026-01-01', windowStart: '2026-01-01' }),
      ).message,
    ).toContain('not an observation window');
    expect(
      errorOf(() => defineProgram({ ...base, reportType: 'type2', asOf: '2026-01-01' })).message,
    ).toContain('not an as-of date');
  });

  it('refuses a window that ends before it starts', () => {
    const error = errorOf(() =>
      defineProgram({ ...base, reportType: 'type2', windowStart: '2026-06-01', windowEnd: '2026-01-01' }),
    );
    expect(error.message).toBe('the observation window ends (2026-01-01) before it starts (2026-06-01)');
  });

  it('names the request field each refusal is about, so a form can show it there', () => {
    const fieldOf = (input: Parameters<typeof defineProgram>[0]) =>
      errorOf(() => defineProgram(input)).details;
    expect(fieldOf({ ...base, reportType: 'type1' })).toEqual({ field: 'asOf' });
    expect(fieldOf({ ...base, reportType: 'type1', asOf: '2026-02-30' })).toEqual({ field: 'asOf' });
    expect(fieldOf({ ...base, reportType: 'type2', windowStart: '2026-01-01' })).toEqual({
      field: 'windowEnd',
    });
    expect(fieldOf({ ...base, reportType: 'type2', windowEnd: '2026-01-01' })).toEqual({
      field: 'windowStart',
    });
    expect(
      fieldOf({ ...base, reportType: 'type2', windowStart: '2026-06-01', windowEnd: '2026-01-01' }),
    ).toEqual({ field: 'windowEnd' });
    expect(fieldOf({ ...base, reportType: 'type1', asOf: '2026-01-01', componentKinds: [] })).toEqual({
      field: 'componentKinds',
    });
  });

  it('warns outside 3 to 12 months but accepts the usual windows silently', () => {
    const type2 = (start: string, end: string) =>
      defineProgram({ ...base, reportType: 'type2', windowStart: start, windowEnd: end });
    expect(type2('2026-01-01', '2026-03-31').warnings).toEqual([]);
    expect(type2('2026-01-01', '2026-12-31').warnings).toEqual([]);
    expect(type2('2026-01-01', '2026-02-15').warnings[0]).toContain('1.5 months');
    expect(type2('2026-01-01', '2027-06-30').warnings[0]).toContain('auditors usually expect 3 to 12');
  });
});
