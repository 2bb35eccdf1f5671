import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

// The layout the report PDFs share (readiness report, system description): A4 pages filled top to bottom
// with wrapped text, headings, tables whose header repeats on each page, and reserved boxes for charts.
// Standard fonts only, so no font file ships; characters they cannot draw become "?".

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 48;
const LEADING = 1.35;

export type TRgb = [number, number, number];
export const GREY: TRgb = [0.4, 0.4, 0.4];

export interface TPdfFonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/** A new document with its metadata; every date is `stamp`, so the same content gives the same bytes. */
export async function createReportDocument(meta: {
  title: string;
  subject: string;
  keywords: string[];
  stamp: Date;
}): Promise<{ doc: PDFDocument; fonts: TPdfFonts }> {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setProducer('Attestly');
  doc.setCreator('Attestly');
  doc.setCreationDate(meta.stamp);
  doc.setModificationDate(meta.stamp);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  return { doc, fonts };
}

/** The text with every character the font cannot draw replaced by "?". */
export function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    out += supported.has(code) ? ch : ch === '\u00a0' || ch === '\n' || ch === '\t' ? ' ' : '?';
  }
  return out;
}

/** Lines of at most `width` points; a word wider than a line is cut where it must be. */
export function wrapText(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of drawable(font, text).split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

export interface TTextOptions {
  font?: PDFFont;
  size?: number;
  color?: TRgb;
  indent?: number;
  /** Drawn in the indent, before the first line (a bullet, a number). */
  marker?: string;
}

export interface TColumn {
  header: string;
  /** Points. */
  width: number;
}

export interface TArea {
  page: PDFPage;
  x: number;
  /** The bottom edge. */
  y: number;
  width: number;
  height: number;
}

/** A cursor running down A4 pages, opening a new page when the next thing does not fit. */
export class PdfFlow {
  readonly doc: PDFDocument;
  readonly fonts: TPdfFonts;
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y = 0;

  constructor(doc: PDFDocument, fonts: TPdfFonts) {
    this.doc = doc;
    this.fonts = fonts;
    this.page = this.newPage();
  }

  get width(): number {
    return A4.width - 2 * MARGIN;
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
    return this.page;
  }

  /** Opens a new page unless `height` points still fit above the footer. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + 14) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  text(text: string, options: TTextOptions = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const color = rgb(...(options.color ?? [0, 0, 0]));
    wrapText(font, size, text, this.width - indent).forEach((line, index) => {
      this.ensure(size * LEADING);
      this.y -= size * LEADING;
      if (index === 0 && options.marker) {
        const marker = drawable(font, options.marker);
        this.page.drawText(marker, {
          x: MARGIN + indent - font.widthOfTextAtSize(marker, size) - 4,
          y: this.y,
          size,
          font,
          color,
        });
      }
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color });
    });
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 4);
    this.space(size * 0.7);
    this.text(text, { font: this.fonts.bold, size });
    this.space(4);
  }

  /** Reserves a box of the full width for a drawing (a chart) and moves below it. */
  area(height: number): TArea {
    this.ensure(height);
    this.y -= height;
    return { page: this.page, x: MARGIN, y: this.y, width: this.width, height };
  }

  /** A table with wrapped cells; a row never splits, and the header repeats on each page it spans. */
  table(columns: TColumn[], rows: string[][], size = 8.5): void {
    const lead = size * LEADING;
    const pad = 3;
    const drawRow = (cells: string[], font: PDFFont, shade: boolean) => {
      const wrapped = columns.map((c, i) => wrapText(font, size, cells[i] ?? '', c.width - 2 * pad));
      const height = Math.max(...wrapped.map((l) => l.length)) * lead + 2 * pad;
      return { wrapped, height, font, shade };
    };
    const header = drawRow(
      columns.map((c) => c.header),
      this.fonts.bold,
      true,
    );
    const paint = (row: ReturnType<typeof drawRow>) => {
      const top = this.y;
      if (row.shade)
        this.page.drawRectangle({
          x: MARGIN,
          y: top - row.height,
          width: this.width,
          height: row.height,
          color: rgb(0.92, 0.93, 0.95),
        });
      let x = MARGIN;
      columns.forEach((column, i) => {
        (row.wrapped[i] ?? []).forEach((line, n) => {
          this.page.drawText(line, {
            x: x + pad,
            y: top - pad - (n + 1) * lead + size * 0.3,
            size,
            font: row.font,
          });
        });
        x += column.width;
      });
      this.y = top - row.height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: MARGIN + this.width, y: this.y },
        thickness: 0.4,
        color: rgb(0.8, 0.8, 0.8),
      });
    };
    this.ensure(header.height * 2);
    paint(header);
    for (const cells of rows) {
      const row = drawRow(cells, this.fonts.regular, false);
      if (this.y - row.height < MARGIN + 14) {
        this.newPage();
        paint(header);
      }
      paint(row);
    }
  }

  /** Writes a footer line on every page, with its number. */
  footers(line: (page: number, total: number) => string): void {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      page.drawText(drawable(this.fonts.regular, line(index + 1, total)), {
        x: MARGIN,
        y: MARGIN / 2,
        size: 8,
        font: this.fonts.regular,
        color: rgb(...GREY),
      });
    });
  }
}
