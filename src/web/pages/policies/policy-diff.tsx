import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Query } from '../../components/states.tsx';
import { policyKeys, type TPolicyDiff } from './policy-api.ts';

// What changed between two versions, line by line: removed lines marked "−" and struck, added lines "+",
// so the change reads without colour. Long unchanged stretches fold to a few lines of context.

const CONTEXT = 3;

type TLine = TPolicyDiff['lines'][number];
type TBlock =
  | { kind: 'lines'; lines: TLine[]; start: number }
  | { kind: 'fold'; lines: TLine[]; start: number };

function blocksOf(lines: TLine[]): TBlock[] {
  const blocks: TBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.op !== 'same') {
      const start = i;
      while (i < lines.length && lines[i]?.op !== 'same') i++;
      blocks.push({ kind: 'lines', lines: lines.slice(start, i), start });
      continue;
    }
    const start = i;
    while (i < lines.length && lines[i]?.op === 'same') i++;
    const run = lines.slice(start, i);
    const head = start === 0 ? 0 : CONTEXT;
    const tail = i === lines.length ? 0 : CONTEXT;
    if (run.length <= head + tail + 2) {
      blocks.push({ kind: 'lines', lines: run, start });
    } else {
      if (head) blocks.push({ kind: 'lines', lines: run.slice(0, head), start });
      blocks.push({ kind: 'fold', lines: run.slice(head, run.length - tail), start: start + head });
      if (tail) blocks.push({ kind: 'lines', lines: run.slice(run.length - tail), start: i - tail });
    }
  }
  return blocks;
}

function DiffLine({ line }: { line: TLine }) {
  if (line.op === 'add')
    return (
      <ins className="diff-line diff-add">
        <span className="diff-mark" aria-hidden="true">
          +
        </span>
        <span className="visually-hidden">Added: </span>
        {line.text || ' '}
      </ins>
    );
  if (line.op === 'del')
    return (
      <del className="diff-line diff-del">
        <span className="diff-mark" aria-hidden="true">
          −
        </span>
        <span className="visually-hidden">Removed: </span>
        {line.text || ' '}
      </del>
    );
  return (
    <span className="diff-line diff-same">
      <span className="diff-mark" aria-hidden="true">
        {' '}
      </span>
      {line.text || ' '}
    </span>
  );
}

function DiffLines({ diff }: { diff: TPolicyDiff }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  if (diff.added === 0 && diff.removed === 0)
    return (
      <p className="muted">
        Versions {diff.from} and {diff.to} have the same text.
      </p>
    );
  return (
    <>
      <p className="row">
        <span>
          From version {diff.from} to version {diff.to}:
        </span>
        <span className="diff-count diff-count-add">+{diff.added} added</span>
        <span className="diff-count diff-count-del">−{diff.removed} removed</span>
      </p>
      <section className="diff" aria-label={`Changes from version ${diff.from} to ${diff.to}`}>
        {blocksOf(diff.lines).map((block) =>
          block.kind === 'fold' && !open.has(block.start) ? (
            <button
              key={`fold-${block.start}`}
              type="button"
              className="diff-fold"
              onClick={() => setOpen(new Set([...open, block.start]))}
            >
              Show {block.lines.length} unchanged lines
            </button>
          ) : (
            <Fragment key={`lines-${block.start}`}>
              {block.lines.map((line, n) => (
                // Lines have no identity of their own; their position in this diff is stable.
                // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity of diff lines
                <DiffLine key={block.start + n} line={line} />
              ))}
            </Fragment>
          ),
        )}
      </section>
    </>
  );
}

export function PolicyDiff({ org, id, from, to }: { org: string; id: string; from: number; to: number }) {
  const diff = useQuery({
    queryKey: policyKeys.diff(org, id, from, to),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/policies/{id}/diff', {
          params: { path: { org, id }, query: { from, to } },
        }),
      ),
  });
  return (
    <Query query={diff} what="Comparing versions">
      {(data) => <DiffLines key={`${from}-${to}`} diff={data} />}
    </Query>
  );
}
