import { describe, expect, it } from 'vitest';
import { contentStrings } from './pdf-text.ts';

describe('the PDF text extractor', () => {
  it('reads hex and literal strings of Tj and TJ, mapping WinAnsi bullets and dashes', () => {
    const content =
      'BT /F1 10 Tf 56 700 Td <48656C6C6F> Tj (a \\(b\\) \\101) Tj [<95> 120 (x) -5 <96>] TJ ET';
    expect(contentStrings(content)).toEqual(['Hello', 'a (b) A', '•x–']);
  });
});
