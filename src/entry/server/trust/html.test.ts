import { describe, expect, it } from 'vitest';
import { html, toHtml } from './html.ts';

describe('the HTML template', () => {
  it('escapes every interpolated value', () => {
    const name = `<script>alert("x")</script> & 'y' \`z\``;
    expect(toHtml(html`<p title="${name}">${name}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>',
    );
  });

  it('nests templates without escaping them twice, joins lists and drops empty values', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(toHtml(html`<ul>${items}</ul>${null}${undefined}${false}${0}`)).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>0',
    );
  });

  it('does not take a plain object that looks like safe HTML', () => {
    const forged = { value: '<b>' } as unknown as string;
    expect(toHtml(html`${forged}`)).toBe('[object Object]');
  });
});
