// A spreadsheet as data: named sheets, each a header row and rows of plain values. Reports build one and an
// adapter (adapters/reports/xlsx.ts) writes it, so what a report says can be tested without opening a file.

export type TCellValue = string | number | boolean | null;

export interface TSheet {
  /** At most 31 characters, none of []:*?/\ (Excel's rules). */
  name: string;
  header: string[];
  rows: TCellValue[][];
}

export interface TWorkbook {
  sheets: TSheet[];
}
