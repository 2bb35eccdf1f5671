import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('writing CSV', () => {
  it('writes RFC 4180: CRLF records, quotes around commas, quotes and line breaks, doubled quotes', () => {
    const text = toCsv(
      ['id', 'title', 'approvals', 'merged'],
      [
        ['acme/api#12', 'Fix "login", again', 2, true],
        ['acme/api#13', 'two\nlines', null, false],
      ],
    );
    expect(text).toBe(
      'id,title,approvals,merged\r\n' +
        'acme/api#12,"Fix ""login"", again",2,true\r\n' +
        'acme/api#13,"two\nlines",,false\r\n',
    );
    // A standard parser reads back what was written.
    expect(parse(text, { relax_column_count: false })).toEqual([
      ['id', 'title', 'approvals', 'merged'],
      ['acme/api#12', 'Fix "login", again', '2', 'true'],
      ['acme/api#13', 'two\nlines', '', 'false'],
    ]);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe('"\'=HYPERLINK(""http://evil"",""click"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    // Numbers are data: a negative number stays a number.
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(' padded ')).toBe('" padded "');
  });
});
