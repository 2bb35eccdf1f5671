import { describe, expect, it } from 'vitest';
import { AttestlyError } from '../errors.ts';
import { parseHrCsv, parseTrainingCsv } from './hr-csv.ts';

const HEADER = 'email,name,type,department,title,manager_email,start_date,end_date,in_scope';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AttestlyError);
    return (error as AttestlyError).details?.problems;
  }
  throw new Error('expected a refusal');
}

describe('the HR CSV export', () => {
  it('reads every row, with defaults for type and scope', () => {
    const rows = parseHrCsv(
      [
        HEADER,
        'Ana.Lima@Acme.test,Ana Lima,employee,Engineering,Engineer,cto@acme.test,2026-01-05,,true',
        'raj@acme.test,"Raj, Contractor",contractor,Design,,,2025-06-01,2026-02-27,no',
        '',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        line: 2,
        email: 'ana.lima@acme.test',
        name: 'Ana Lima',
        type: 'employee',
        department: 'Engineering',
        title: 'Engineer',
        managerEmail: 'cto@acme.test',
        startDate: '2026-01-05',
        endDate: null,
        inScope: true,
      },
      {
        line: 3,
        email: 'raj@acme.test',
        name: 'Raj, Contractor',
        type: 'contractor',
        department: 'Design',
        title: null,
        managerEmail: null,
        startDate: '2025-06-01',
        endDate: '2026-02-27',
        inScope: false,
      },
    ]);
    expect(parseHrCsv('name,email,start_date\nBo,bo@acme.test,2026-02-02')[0]).toMatchObject({
      type: 'employee',
      inScope: true,
    });
  });

  it('refuses the whole file, naming every bad line and field', () => {
    const problems = problemsOf(() =>
      parseHrCsv(
        [
          HEADER,
          'ana@acme.test,Ana,employee,,,,2026-01-05,,',
          'not-an-email,Bob,employee,,,,2026-02-30,,',
          'cy@acme.test,Cy,intern,,,,2026-01-05,2025-12-01,maybe',
          'ana@acme.test,Ana again,employee,,,,2026-01-05,,',
        ].join('\n'),
      ),
    );
    expect(problems).toEqual([
      { line: 3, field: 'email', message: '"not-an-email" is not an email address' },
      {
        line: 3,
        field: 'start_date',
        message: 'start_date "2026-02-30" is not a real date in the form YYYY-MM-DD',
      },
      { line: 4, field: 'type', message: 'type "intern" is not employee or contractor' },
      { line: 4, field: 'end_date', message: 'the end date 2025-12-01 is before the start date 2026-01-05' },
      { line: 4, field: 'in_scope', message: 'in_scope "maybe" is not true or false' },
      { line: 5, field: 'email', message: 'ana@acme.test is also on line 2' },
    ]);
  });

  it('refuses an unknown or missing column, and an empty file', () => {
    expect(problemsOf(() => parseHrCsv('email,name,start,salary\na@b.co,A,2026-01-01,1'))).toEqual([
      expect.objectContaining({ line: 1, field: 'start' }),
      expect.objectContaining({ line: 1, field: 'salary' }),
      { line: 1, field: 'start_date', message: 'the column "start_date" is missing' },
    ]);
    expect(() => parseHrCsv('')).toThrow(/the file is empty/);
    expect(() => parseHrCsv(`${HEADER}\n`)).toThrow(/no rows/);
    expect(problemsOf(() => parseHrCsv(`${HEADER}\na@b.co,A`))).toEqual([
      { line: 2, field: null, message: '2 values where the header names 9 columns' },
    ]);
  });
});

describe("a training provider's report", () => {
  it('reads dates and timestamps, and refuses bad lines', () => {
    const rows = parseTrainingCsv(
      'email,course,completed_at\nana@acme.test,Security Awareness 2026,2026-03-04\nbo@acme.test,phishing,2026-03-05T10:00:00Z',
    );
    expect(rows.map((r) => [r.email, r.course, r.completedAt.toISOString()])).toEqual([
      ['ana@acme.test', 'Security Awareness 2026', '2026-03-04T00:00:00.000Z'],
      ['bo@acme.test', 'phishing', '2026-03-05T10:00:00.000Z'],
    ]);
    expect(
      problemsOf(() => parseTrainingCsv('email,course,completed_at\nana@acme.test,X,yesterday')),
    ).toEqual([
      {
        line: 2,
        field: 'completed_at',
        message: 'completed_at "yesterday" is not a date (YYYY-MM-DD) or a timestamp',
      },
    ]);
  });
});
