import { createReportDocument, PdfFlow } from './pdf-flow.ts';
import { policyBlocks } from './policy-pdf.ts';

// The system description draft as a PDF: the same Markdown the draft is edited as, laid out (headings,
// indented lists, paragraphs), so the PDF never says something the Markdown does not.

const HEADING_SIZES = [18, 14, 11.5, 10.5, 10, 10];

/** Renders the draft's Markdown; the metadata dates are the draft's generation time. */
export async function renderSystemDescriptionPdf(input: {
  organizationName: string;
  generatedAt: string;
  markdown: string;
}): Promise<Uint8Array> {
  const { doc, fonts } = await createReportDocument({
    title: `System description (draft): ${input.organizationName}`,
    subject: 'SOC 2 system description draft',
    keywords: ['SOC 2', 'system description', 'draft'],
    stamp: new Date(input.generatedAt),
  });
  const flow = new PdfFlow(doc, fonts);
  for (const block of policyBlocks(input.markdown)) {
    switch (block.kind) {
      case 'heading':
        flow.heading(block.text, HEADING_SIZES[block.level - 1] ?? 10);
        break;
      case 'item':
        flow.text(block.text, { indent: 16 + block.depth * 14, marker: block.marker });
        break;
      case 'code':
        flow.text(block.text || ' ', { font: fonts.mono, size: 9, indent: 12 });
        break;
      case 'text':
        flow.text(block.text);
        break;
      case 'blank':
        flow.space(5);
        break;
    }
  }
  flow.footers(
    (page, total) =>
      `${input.organizationName}: system description, draft of ${input.generatedAt.slice(0, 10)}. Page ${page} of ${total}`,
  );
  return doc.save();
}
