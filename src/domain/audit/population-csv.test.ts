import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/support/errors.ts';
import { parseOccurredAt, readPopulationCsv } from './population-csv.ts';

describe('reading a population from CSV', () => {
  it('reads id, occurred_at and title in any order and case, the other columns as attributes', () => {
    const rows = readPopulationCsv(
      '\uFEFFTitle,ID,Occurred_At,Ticket\r\n"Deploy, v2",CHG-1,2026-03-02,JIRA-9\r\n\r\nRollback,CHG-2,2026-03-03T10:00:00Z,\r\n',
    );
    expect(rows).toEqual([
      {
        line: 2,
        externalId: 'CHG-1',
        occurredAt: new Date('2026-03-02T00:00:00Z'),
        title: 'Deploy, v2',
        attributes: { ticket: 'JIRA-9' },
      },
      {
        line: 4,
        externalId: 'CHG-2',
        occurredAt: new Date('2026-03-03T10:00:00Z'),
        title: 'Rollback',
        attributes: { ticket: null },
      },
    ]);
  });

  it('refuses the whole file with every bad line named', () => {
    const error = errorOf(() =>
      readPopulationCsv(
        'id,occurred_at,title\nA,2026-02-30,x\nB,2026-03-01\nA,2026-03-01,again\nA,2026-03-02,dup\n',
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.problems).toEqual([
      { line: 2, message: expect.stringMatching(/^occurred_at "2026-02-30" is not a date/) },
      { line: 3, message: '2 values for 3 columns' },
      { line: 5, message: 'the id "A" is already on line 4' },
    ]);
  });

  it('refuses a file without the columns, with a duplicate column, empty, or with a header only', () => {
    expect(errorOf(() => readPopulationCsv('id,title\n1,x\n')).message).toMatch(/"occurred_at" is missing/);
    expect(errorOf(() => readPopulationCsv('id,occurred_at,title,id\n')).message).toMatch(
      /"id" appears twice/,
    );
    expect(errorOf(() => readPopulationCsv('')).message).toMatch(/the file is empty/);
    expect(errorOf(() => readPopulationCsv('id,occurred_at,title\n')).message).toMatch(/no rows/);
    expect(errorOf(() => readPopulationCsv('id,occurred_at,title\n"A,2026-01-01,x\n')).message).toMatch(
      /not a readable CSV file/,
    );
  });

  it('takes dates and times with their offset, nothing vaguer', () => {
    expect(parseOccurredAt('2026-03-02')?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(parseOccurredAt('2026-03-02T10:00:00+02:00')?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(parseOccurredAt('2026-03-02T10:00')).toBeNull();
    expect(parseOccurredAt('03/02/2026')).toBeNull();
    expect(parseOccurredAt('2026-02-29')).toBeNull();
  });
});
