import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFRef } from 'pdf-lib';

// The text of a PDF made by pdf-lib with the standard fonts, for golden files and assertions: each page's
// content streams decoded (Flate) and every string shown by Tj or TJ, in drawing order. pdf-lib writes
// those strings as hex in WinAnsi; only the printable WinAnsi characters that differ from Latin-1 are mapped.

const WIN_ANSI: Record<number, string> = {
  128: '€',
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  153: '™',
};

function decodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += WIN_ANSI[byte] ?? String.fromCharCode(byte);
  return out;
}

function literal(body: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      bytes.push(ch.charCodeAt(0));
      continue;
    }
    const next = body[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += octal[0].length - 1;
    } else
      bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}

function stringsOf(operand: string): string {
  let out = '';
  for (const m of operand.matchAll(/<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
    out +=
      m[1] !== undefined
        ? decodeBytes(Uint8Array.from(Buffer.from(m[1].replace(/\s+/g, ''), 'hex')))
        : decodeBytes(literal(m[2] ?? ''));
  }
  return out;
}

/** The strings a content stream shows, one per Tj or TJ operator. */
export function contentStrings(content: string): string[] {
  const out: string[] = [];
  for (const m of content.matchAll(/(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*Tj|\[([^\]]*)\]\s*TJ/g))
    out.push(stringsOf(m[1] ?? m[2] ?? ''));
  return out;
}

/** Each page's shown strings, in page order. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs: unknown[] = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const strings: string[] = [];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref as PDFRef);
      if (!(stream instanceof PDFRawStream)) continue;
      strings.push(...contentStrings(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')));
    }
    return strings;
  });
}

/** The whole text, one shown string a line, pages separated by a marker line: what a golden file keeps. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pages = await pdfPageTexts(bytes);
  return `${pages.map((lines, i) => [`--- page ${i + 1} of ${pages.length} ---`, ...lines].join('\n')).join('\n')}\n`;
}
