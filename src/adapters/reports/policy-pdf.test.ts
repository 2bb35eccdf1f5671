import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { policyBlocks, renderPolicyPdf } from './policy-pdf.ts';

describe('the policy PDF', () => {
  it('reads Markdown as headings, indented list items and joined paragraphs', () => {
    expect(
      policyBlocks(
        '# Title\n\nSome **bold**\ntext with a [link](https://x.test).\n\n- one\n  - nested\n1. first\n   goes on\n',
      ),
    ).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'blank' },
      { kind: 'text', text: 'Some bold text with a link (https://x.test).' },
      { kind: 'blank' },
      { kind: 'item', depth: 0, marker: '•', text: 'one' },
      { kind: 'item', depth: 1, marker: '•', text: 'nested' },
      { kind: 'item', depth: 0, marker: '1.', text: 'first goes on' },
      { kind: 'blank' },
    ]);
  });

  it('renders characters the standard fonts lack instead of failing, over several pages', async () => {
    const body = Array.from({ length: 200 }, (_, i) => `- Rule ${i} ✓ 日本`).join('\n');
    const bytes = await renderPolicyPdf({
      organizationName: 'Acme',
      title: 'Long Policy',
      version: 2,
      status: 'draft',
      approvedBy: null,
      approvedAt: null,
      publishedAt: null,
      sha256: 'b'.repeat(64),
      bodyMarkdown: body,
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getKeywords()).toContain(`sha256:${'b'.repeat(64)}`);
  });
});
