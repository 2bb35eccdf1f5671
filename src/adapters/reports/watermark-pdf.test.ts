import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { watermarkPdf } from './watermark-pdf.ts';

function pageTexts(doc: PDFDocument): string[] {
  const chunks: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const content = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    for (const match of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      chunks.push(Buffer.from(match[1] ?? '', 'hex').toString('latin1'));
  }
  return chunks;
}

describe('the watermark', () => {
  it('stamps the line twice on every page, and keeps the pages', async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    source.addPage([842, 595]);
    source.addPage([300, 300]);
    const stamped = await PDFDocument.load(
      await watermarkPdf(
        await source.save(),
        'Confidential - provided to Ada (ada@x.test), X, on 2026-06-15 ✓',
      ),
    );
    expect(stamped.getPageCount()).toBe(3);
    const texts = pageTexts(stamped).filter((t) => t.includes('Ada (ada@x.test)'));
    expect(texts).toHaveLength(6);
    expect(texts[0]).toBe('Confidential - provided to Ada (ada@x.test), X, on 2026-06-15 ?');
  });

  it('refuses bytes that are not a PDF', async () => {
    await expect(watermarkPdf(new TextEncoder().encode('not a pdf'), 'x')).rejects.toThrow();
  });
});
