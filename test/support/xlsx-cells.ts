import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

// Reads an .xlsx back as text a golden file can hold: one "Sheet!A1<TAB>value" line per non-empty cell, in
// sheet and row order, then per sheet its frozen pane, its bold cells and its column widths. Only what our
// writer produces is understood (shared and inline strings, numbers, booleans), which is all a test needs.

const ARRAYS = new Set(['sheet', 'Relationship', 'row', 'c', 'si', 'r', 'font', 'xf', 'col']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ARRAYS.has(name),
});

type TNode = Record<string, unknown>;

function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && '#text' in (node as TNode)) return String((node as TNode)['#text']);
  return '';
}

function stringItem(si: TNode): string {
  if ('t' in si) return textOf(si.t);
  return ((si.r as TNode[] | undefined) ?? []).map((run) => textOf(run.t)).join('');
}

function xmlOf(files: Record<string, Uint8Array>, path: string): TNode {
  const bytes = files[path];
  if (!bytes) throw new Error(`${path} is missing from the workbook`);
  return parser.parse(strFromU8(bytes)) as TNode;
}

export function xlsxCells(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  const workbook = xmlOf(files, 'xl/workbook.xml').workbook as TNode;
  const rels = (
    (xmlOf(files, 'xl/_rels/workbook.xml.rels').Relationships as TNode).Relationship as TNode[]
  ).map((r) => [String(r['@_Id']), String(r['@_Target'])] as const);
  const targets = new Map(rels);
  const shared = files['xl/sharedStrings.xml']
    ? (((xmlOf(files, 'xl/sharedStrings.xml').sst as TNode).si as TNode[] | undefined) ?? []).map(stringItem)
    : [];
  const styles = xmlOf(files, 'xl/styles.xml').styleSheet as TNode;
  const fonts = ((styles.fonts as TNode).font as TNode[]).map((f) => 'b' in f);
  const xfs = ((styles.cellXfs as TNode).xf as TNode[]).map(
    (x) => fonts[Number(x['@_fontId'] ?? 0)] ?? false,
  );

  const lines: string[] = [];
  for (const sheet of ((workbook.sheets as TNode).sheet as TNode[]) ?? []) {
    const name = String(sheet['@_name']);
    const target = targets.get(String(sheet['@_r:id']));
    if (!target) throw new Error(`sheet ${name} has no part`);
    const ws = xmlOf(files, `xl/${target.replace(/^\/?xl\//, '')}`).worksheet as TNode;
    const bold: string[] = [];
    const data = typeof ws.sheetData === 'object' ? (ws.sheetData as TNode) : {};
    for (const row of (data.row as TNode[] | undefined) ?? []) {
      for (const c of (row.c as TNode[] | undefined) ?? []) {
        const ref = String(c['@_r']);
        const type = c['@_t'];
        const raw = textOf(c.v);
        const value =
          type === 's'
            ? (shared[Number(raw)] ?? '')
            : type === 'b'
              ? raw === '1'
                ? 'TRUE'
                : 'FALSE'
              : type === 'inlineStr'
                ? stringItem(c.is as TNode)
                : raw;
        if (xfs[Number(c['@_s'] ?? 0)]) bold.push(ref);
        if (value !== '') lines.push(`${name}!${ref}\t${value.replace(/\n/g, '\\n')}`);
      }
    }
    const view = (ws.sheetViews as TNode | undefined)?.sheetView as TNode | undefined;
    const pane = view?.pane as TNode | undefined;
    lines.push(`${name}!frozen\t${pane?.['@_state'] === 'frozen' ? String(pane['@_topLeftCell']) : 'none'}`);
    lines.push(`${name}!bold\t${bold.join(',')}`);
    const cols = ((ws.cols as TNode | undefined)?.col as TNode[] | undefined) ?? [];
    lines.push(`${name}!widths\t${cols.map((c) => String(c['@_width'])).join(',')}`);
  }
  return lines;
}
