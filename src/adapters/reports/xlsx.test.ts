import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxCells } from '../../../test/support/xlsx-cells.ts';
import type { TWorkbook } from '../../domain/workbook.ts';
import { columnName, writeXlsx } from './xlsx.ts';

const workbook: TWorkbook = {
  sheets: [
    {
      name: 'Controls',
      header: ['Code', 'Title', 'Coverage', 'Automated'],
      rows: [
        ['AC-01', 'Access is reviewed quarterly', 98.5, true],
        ['AC-02', '=HYPERLINK("http://evil.test","x") & <b>', 0, false],
        ['AC-03', null, null, null],
      ],
    },
    { name: 'Evidence', header: ['File'], rows: [['  padded  '], ['line one\nline two'], ['bell\u0007']] },
  ],
};

describe('the XLSX writer', () => {
  it('writes cells, a bold frozen header and widths that read back', () => {
    expect(xlsxCells(writeXlsx(workbook))).toEqual([
      'Controls!A1\tCode',
      'Controls!B1\tTitle',
      'Controls!C1\tCoverage',
      'Controls!D1\tAutomated',
      'Controls!A2\tAC-01',
      'Controls!B2\tAccess is reviewed quarterly',
      'Controls!C2\t98.5',
      'Controls!D2\tTRUE',
      'Controls!A3\tAC-02',
      'Controls!B3\t=HYPERLINK("http://evil.test","x") & <b>',
      'Controls!C3\t0',
      'Controls!D3\tFALSE',
      'Controls!A4\tAC-03',
      'Controls!frozen\tA2',
      'Controls!bold\tA1,B1,C1,D1',
      'Controls!widths\t8,42,10,11',
      'Evidence!A1\tFile',
      'Evidence!A2\t  padded  ',
      'Evidence!A3\tline one\\nline two',
      'Evidence!A4\tbell',
      'Evidence!frozen\tA2',
      'Evidence!bold\tA1',
      'Evidence!widths\t12',
    ]);
  });

  it('gives the same bytes for the same workbook', () => {
    const first = writeXlsx(workbook);
    const second = writeXlsx(structuredClone(workbook));
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('never writes a string as a formula', () => {
    const files = unzipSync(writeXlsx(workbook));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet).not.toContain('<f>');
    expect(strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array())).toContain(
      '=HYPERLINK(&quot;http://evil.test&quot;,&quot;x&quot;) &amp; &lt;b&gt;',
    );
  });

  it('names columns past Z', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('refuses sheet names Excel refuses', () => {
    for (const name of ['', 'a/b', 'x'.repeat(32), 'What?']) {
      expect(() => writeXlsx({ sheets: [{ name, header: ['A'], rows: [] }] })).toThrow(/sheet name/);
    }
    expect(() =>
      writeXlsx({
        sheets: [
          { name: 'Tests', header: [], rows: [] },
          { name: 'tests', header: [], rows: [] },
        ],
      }),
    ).toThrow(/two sheets/);
  });
});
