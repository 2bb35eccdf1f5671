import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

// A policy version as a PDF, for employees to read and auditors to keep: a header that says exactly which
// text this is (version, status, approval, SHA-256 of the body), then the Markdown laid out as plain text,
// headings in bold and list items indented. The standard PDF fonts need no font file; characters they
// cannot draw are replaced by "?".

export interface TPolicyPdfModel {
  organizationName: string;
  title: string;
  version: number;
  status: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  sha256: string;
  bodyMarkdown: string;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 56;
const BODY_SIZE = 10;
const LEADING = 1.4;

interface TFonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

type TBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'item'; depth: number; marker: string; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'blank' };

/** Markdown inline marks read as plain text: emphasis and code marks dropped, links as "text (url)". */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, label: string, url: string) =>
      label && label !== url ? `${label} (${url})` : url,
    )
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** The Markdown body as blocks the layout draws; not a full CommonMark parser, a faithful reading of text. */
export function policyBlocks(markdown: string): TBlock[] {
  const blocks: TBlock[] = [];
  let inFence = false;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, '    ');
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      blocks.push({ kind: 'code', text: line });
      continue;
    }
    if (line.trim() === '') {
      blocks.push({ kind: 'blank' });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: plainInline(heading[2] ?? '') });
      continue;
    }
    const item = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (item) {
      const marker = /^[-*+]$/.test(item[2] ?? '') ? '•' : (item[2] ?? '');
      blocks.push({
        kind: 'item',
        depth: Math.floor((item[1]?.length ?? 0) / 2),
        marker,
        text: plainInline(item[3] ?? ''),
      });
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'blank' });
      continue;
    }
    const text = plainInline(line.replace(/^\s*>\s?/, '').trim());
    // A line that goes on from a paragraph or a list item (Markdown's soft line break) joins it.
    const previous = blocks[blocks.length - 1];
    if (
      previous &&
      (previous.kind === 'text' || previous.kind === 'item') &&
      !/^\s*\|/.test(line) &&
      !previous.text.startsWith('|')
    ) {
      previous.text = `${previous.text} ${text}`;
      continue;
    }
    blocks.push({ kind: 'text', text });
  }
  return blocks;
}

function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    out += supported.has(code) ? ch : ch === '\u00a0' ? ' ' : '?';
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    // A word wider than the line (a URL, a hash) is cut where it must be.
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

class Layout {
  readonly doc: PDFDocument;
  readonly fonts: TFonts;
  readonly pages: PDFPage[] = [];
  private page: PDFPage;
  private y: number;

  constructor(doc: PDFDocument, fonts: TFonts) {
    this.doc = doc;
    this.fonts = fonts;
    this.page = this.newPage();
    this.y = PAGE.height - MARGIN;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(page);
    this.y = PAGE.height - MARGIN;
    return page;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Draws text wrapped to the width left after `indent`, with an optional marker hanging in the indent. */
  paragraph(
    text: string,
    options: {
      font: PDFFont;
      size: number;
      indent?: number;
      marker?: string;
      color?: [number, number, number];
    },
  ): void {
    const indent = options.indent ?? 0;
    const width = PAGE.width - 2 * MARGIN - indent;
    const lines = wrap(options.font, options.size, drawable(options.font, text), width);
    const color = rgb(...(options.color ?? [0, 0, 0]));
    lines.forEach((line, index) => {
      if (this.y - options.size * LEADING < MARGIN + 20) this.page = this.newPage();
      this.y -= options.size * LEADING;
      if (index === 0 && options.marker) {
        const marker = drawable(options.font, options.marker);
        this.page.drawText(marker, {
          x: MARGIN + indent - options.font.widthOfTextAtSize(marker, options.size) - 4,
          y: this.y,
          size: options.size,
          font: options.font,
          color,
        });
      }
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y,
        size: options.size,
        font: options.font,
        color,
      });
    });
  }
}

const HEADING_SIZES = [16, 14, 12, 11, 10, 10];

function isoMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Renders one policy version as a PDF document. */
export async function renderPolicyPdf(model: TPolicyPdfModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: TFonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  doc.setTitle(`${model.title} (version ${model.version})`);
  doc.setSubject(`${model.organizationName} policy, ${model.status}`);
  doc.setKeywords([`sha256:${model.sha256}`, `version:${model.version}`, `status:${model.status}`]);
  doc.setProducer('Attestly');
  doc.setCreator('Attestly');
  // A fixed date keeps the bytes of one version's PDF the same each time it is rendered.
  const stamp = model.publishedAt ?? model.approvedAt ?? new Date(0);
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);

  const layout = new Layout(doc, fonts);
  const grey: [number, number, number] = [0.35, 0.35, 0.35];
  layout.paragraph(model.organizationName, { font: fonts.regular, size: 10, color: grey });
  layout.paragraph(model.title, { font: fonts.bold, size: 20 });
  layout.space(4);
  const facts = [
    `Version ${model.version}, ${model.status}`,
    model.approvedBy || model.approvedAt
      ? `Approved by ${model.approvedBy ?? 'unknown'}${model.approvedAt ? ` on ${isoMinute(model.approvedAt)}` : ''}`
      : 'Not approved',
    model.publishedAt ? `Published on ${isoMinute(model.publishedAt)}` : 'Not published',
  ];
  for (const fact of facts) layout.paragraph(fact, { font: fonts.regular, size: 10 });
  layout.paragraph('SHA-256 of the text:', { font: fonts.regular, size: 10 });
  layout.paragraph(model.sha256, { font: fonts.mono, size: 8.5 });
  layout.space(14);

  for (const block of policyBlocks(model.bodyMarkdown)) {
    switch (block.kind) {
      case 'heading': {
        const size = HEADING_SIZES[block.level - 1] ?? BODY_SIZE;
        layout.space(size * 0.6);
        layout.paragraph(block.text, { font: fonts.bold, size });
        layout.space(2);
        break;
      }
      case 'item':
        layout.paragraph(block.text, {
          font: fonts.regular,
          size: BODY_SIZE,
          indent: 18 + block.depth * 16,
          marker: block.marker,
        });
        break;
      case 'code':
        layout.paragraph(block.text || ' ', { font: fonts.mono, size: 9, indent: 12 });
        break;
      case 'text':
        layout.paragraph(block.text, { font: fonts.regular, size: BODY_SIZE });
        break;
      case 'blank':
        layout.space(BODY_SIZE * 0.6);
        break;
    }
  }

  const total = layout.pages.length;
  layout.pages.forEach((page, index) => {
    const footer = drawable(
      fonts.regular,
      `${model.title}, version ${model.version} (${model.status}). Page ${index + 1} of ${total}`,
    );
    page.drawText(footer, {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: fonts.regular,
      color: rgb(0.45, 0.45, 0.45),
    });
  });
  return doc.save();
}
