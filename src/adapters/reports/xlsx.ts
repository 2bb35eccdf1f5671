import { strToU8, type Zippable, zipSync } from 'fflate';
import { AttestlyError } from '../../domain/errors.ts';
import type { TCellValue, TSheet, TWorkbook } from '../../domain/workbook.ts';

// A workbook as an .xlsx file, written by hand as SpreadsheetML (ECMA-376): shared strings, a bold header
// row that stays in view when scrolling, and column widths from the longest value. Nothing depends on the
// clock or the machine (the zip entries carry a fixed date), so the same workbook gives the same bytes and
// an auditor can compare two exports byte for byte. Strings are always stored as strings, never as
// formulas, so a cell written "=HYPERLINK(…)" is shown, not run.

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** 1980-01-01 00:00 in the local time zone: the DOS date fflate writes reads the same everywhere. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const MAX_CELL_CHARS = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** The characters XML 1.0 cannot hold at all (control characters, unpaired surrogates) are dropped. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this drops.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function checkSheetNames(sheets: TSheet[]): void {
  const seen = new Set<string>();
  for (const sheet of sheets) {
    if (!/^[^[\]:*?/\\]{1,31}$/.test(sheet.name) || sheet.name.startsWith("'")) {
      throw new AttestlyError('INVALID_INPUT', `"${sheet.name}" cannot be a sheet name`);
    }
    const key = sheet.name.toLowerCase();
    if (seen.has(key)) throw new AttestlyError('INVALID_INPUT', `two sheets are named "${sheet.name}"`);
    seen.add(key);
  }
  if (sheets.length === 0) throw new AttestlyError('INVALID_INPUT', 'a workbook needs at least one sheet');
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  indexOf(text: string): number {
    this.count += 1;
    const known = this.index.get(text);
    if (known !== undefined) return known;
    const at = this.list.length;
    this.index.set(text, at);
    this.list.push(text);
    return at;
  }

  xml(): string {
    const items = this.list.map((text) => {
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${escapeXml(text)}</t></si>`;
    });
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`;
  }
}

function cellText(value: TCellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

function cellXml(ref: string, value: TCellValue, style: number, strings: SharedStrings): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === '') return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  }
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
  return `<c r="${ref}"${s} t="s"><v>${strings.indexOf(text)}</v></c>`;
}

function columnWidths(sheet: TSheet, columns: number): number[] {
  const widths: number[] = [];
  for (let i = 0; i < columns; i++) {
    let longest = (sheet.header[i] ?? '').length;
    for (const row of sheet.rows) {
      for (const line of cellText(row[i] ?? null).split('\n')) {
        if (line.length > longest) longest = line.length;
      }
    }
    widths.push(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)));
  }
  return widths;
}

function sheetXml(sheet: TSheet, strings: SharedStrings, first: boolean): string {
  let columns = sheet.header.length;
  for (const row of sheet.rows) if (row.length > columns) columns = row.length;
  const rows: string[] = [];
  const all: TCellValue[][] = [sheet.header, ...sheet.rows];
  all.forEach((row, r) => {
    const cells = row.map((value, c) => cellXml(`${columnName(c)}${r + 1}`, value, r === 0 ? 1 : 0, strings));
    rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const last = `${columnName(Math.max(0, columns - 1))}${all.length}`;
  const cols = columnWidths(sheet, columns)
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${last}"/>` +
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    '</worksheet>'
  );
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The workbook as the bytes of an .xlsx file; the same workbook always gives the same bytes. */
export function writeXlsx(workbook: TWorkbook): Uint8Array {
  checkSheetNames(workbook.sheets);
  const strings = new SharedStrings();
  const sheets = workbook.sheets.map((sheet, i) => sheetXml(sheet, strings, i === 0));
  const n = sheets.length;
  const sheetRefs = workbook.sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const sheetRels = workbook.sheets
    .map(
      (_s, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const sheetTypes = workbook.sheets
    .map(
      (_s, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetTypes +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetRefs}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheetRels}` +
        `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ],
    ['xl/styles.xml', STYLES],
    ...sheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
    ['xl/sharedStrings.xml', strings.xml()],
  ];
  const zippable: Zippable = {};
  for (const [path, text] of files) zippable[path] = [strToU8(text), { level: 6, mtime: FIXED_MTIME }];
  return zipSync(zippable);
}
