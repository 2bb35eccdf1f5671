import { useState } from 'react';

/** Copies a value to the clipboard and says so; the value itself stays selectable next to it. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Clipboard access needs a secure context and permission; the value is on screen to copy by hand.
      setState('failed');
    }
  }
  return (
    <>
      <button type="button" className="button button-small" onClick={() => void copy()}>
        {label}
      </button>
      <span className="small muted" role="status" aria-live="polite">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'Could not copy: select the text instead.'
            : ''}
      </span>
    </>
  );
}

/** A secret or link shown as selectable text with a copy button. */
export function CopyableValue({ value, label }: { value: string; label: string }) {
  return (
    <div className="copyable">
      <code className="copyable-value">{value}</code>
      <div className="row row-tight">
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
