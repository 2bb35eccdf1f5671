import { useState } from 'react';

/** Client-side paging for long lists: the slice to show and the controls to move through it. */
export function usePaged<T>(items: readonly T[], size = 25) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, pages - 1);
  return {
    items: items.slice(current * size, current * size + size),
    pager:
      pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous
          </button>
          <span aria-live="polite">
            Page {current + 1} of {pages} ({items.length} items)
          </span>
          <button
            type="button"
            className="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </button>
        </nav>
      ) : null,
    reset: () => setPage(0),
  };
}
