import { useState } from 'react';
import { shortSha } from '../controls/format.ts';

/** A SHA-256: shortened, the full value in its title (or written out), and a button that copies it. */
export function Sha({ value, full = false }: { value: string; full?: boolean }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Without clipboard access (a page served over plain HTTP) the value stays selectable on screen.
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 2500);
  }
  return (
    <span className="sha">
      <code title={value}>{full || copied === 'no' ? value : shortSha(value)}</code>
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => void copy()}
        aria-label={`Copy SHA-256 ${shortSha(value)}`}
      >
        Copy
      </button>
      <span className="sha-copied" role="status">
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Select to copy' : ''}
      </span>
    </span>
  );
}
