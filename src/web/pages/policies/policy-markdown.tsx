import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// A policy's Markdown as the reader sees it. react-markdown's defaults stay: raw HTML in the text is shown as
// text, never rendered (no rehype-raw), and unsafe link protocols (javascript:) are dropped. GitHub's
// extensions add tables (the templates open with one), strikethrough, task lists and autolinks. Headings move
// one level down so the page's own title stays the only h1.

const PLUGINS = [remarkGfm];

const SHIFTED: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
};

export function PolicyMarkdown({ text, label }: { text: string; label?: string }) {
  const body = (
    <Markdown components={SHIFTED} remarkPlugins={PLUGINS}>
      {text}
    </Markdown>
  );
  // With a label it is a landmark of its own (a policy read in full); without, part of what surrounds it.
  return label ? (
    <section className="markdown policy-text" aria-label={label}>
      {body}
    </section>
  ) : (
    <div className="markdown policy-text">{body}</div>
  );
}
