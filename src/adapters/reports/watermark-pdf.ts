import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';

// A shared document as its reader receives it: every page carries who it was given to and when, once along
// the bottom edge and once faintly across the page, so a copy that travels names its source.

/** Stamps `line` on every page of a PDF; characters the standard font cannot draw become "?". */
export async function watermarkPdf(bytes: Uint8Array, line: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const supported = new Set(font.getCharacterSet());
  const text = [...line].map((ch) => (supported.has(ch.codePointAt(0) ?? 63) ? ch : '?')).join('');
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const footerSize = Math.min(8, (width - 24) / Math.max(1, font.widthOfTextAtSize(text, 1)));
    page.drawText(text, { x: 12, y: 10, size: footerSize, font, color: rgb(0.55, 0.1, 0.1) });
    const diagonal = Math.hypot(width, height) * 0.8;
    const size = Math.min(18, diagonal / Math.max(1, font.widthOfTextAtSize(text, 1)));
    const angle = Math.atan2(height, width);
    const run = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: width / 2 - (Math.cos(angle) * run) / 2,
      y: height / 2 - (Math.sin(angle) * run) / 2,
      size,
      font,
      color: rgb(0.6, 0.6, 0.6),
      opacity: 0.25,
      rotate: degrees((angle * 180) / Math.PI),
    });
  }
  doc.setKeywords([...(doc.getKeywords()?.split(' ') ?? []), 'watermarked']);
  return doc.save({ useObjectStreams: false });
}
