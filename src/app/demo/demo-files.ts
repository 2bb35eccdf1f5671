import { crc32, deflateSync } from 'node:zlib';

// Small but real files for the demo's evidence: PNG "screenshots" drawn as blocks of colour, PDFs with a
// few lines of text, and CSV exports. Made in code, so the demo needs no binary fixtures.

type TRgb = readonly [number, number, number];

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of the given size, painted by `paint(x, y)`: the smallest encoder that real viewers accept. */
export function encodePng(width: number, height: number, paint: (x: number, y: number) => TRgb): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([
      signature,
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

const WHITE: TRgb = [255, 255, 255];
const BAR: TRgb = [32, 45, 64];
const SIDEBAR: TRgb = [236, 239, 244];
const LINE: TRgb = [200, 205, 214];
const ON: TRgb = [46, 160, 67];
const OFF: TRgb = [207, 34, 46];

/** A settings page as a screenshot shows it: a title bar, a sidebar and rows of switches, on or off. */
export function settingsScreenshot(switches: boolean[], accent: TRgb = [9, 105, 218]): Uint8Array {
  const width = 480;
  const height = 60 + switches.length * 36;
  return encodePng(width, height, (x, y) => {
    if (y < 40) return x < 8 ? accent : BAR;
    if (x < 120) return SIDEBAR;
    const row = Math.floor((y - 52) / 36);
    const inRow = (y - 52) % 36;
    if (row < 0 || row >= switches.length) return WHITE;
    if (inRow === 35) return LINE;
    if (inRow >= 10 && inRow < 24) {
      if (x >= 140 && x < 300) return x % 7 === 0 ? WHITE : LINE;
      if (x >= 420 && x < 456) return switches[row] ? ON : OFF;
    }
    return WHITE;
  });
}

/** A one-page PDF with a title and lines of text, dated by the seed's clock. */
export async function textPdf(title: string, lines: string[], at: Date): Promise<Uint8Array> {
  // Loaded when a demo is seeded, not by every command that imports this file.
  const { PDFDocument, rgb, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setAuthor('Demo Cloud Inc.');
  pdf.setCreator('Attestly demo');
  pdf.setProducer('Attestly demo');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  page.drawText(title, { x: 56, y: 770, size: 18, font: bold, color: rgb(0.12, 0.18, 0.25) });
  page.drawText(`Demo Cloud Inc. - ${at.toISOString().slice(0, 10)}`, { x: 56, y: 748, size: 10, font });
  lines.forEach((line, i) => {
    page.drawText(line, { x: 56, y: 710 - i * 18, size: 11, font });
  });
  return pdf.save({ useObjectStreams: false });
}

export function csvFile(header: string[], rows: string[][]): Uint8Array {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return new TextEncoder().encode(
    [header, ...rows]
      .map((row) => row.map(quote).join(','))
      .join('\n')
      .concat('\n'),
  );
}
