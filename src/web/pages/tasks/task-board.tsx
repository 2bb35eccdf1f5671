import { useState } from 'react';
import { usePaged } from '../../components/pager.tsx';
import { todayIso } from '../controls/format.ts';
import { TASK_COLUMNS, type TTask, type TTaskStatus } from './queries.ts';
import { TaskCard } from './task-card.tsx';

/** Three columns, to do, in progress and done; each sorted by due date, the undated last. */
export function TaskBoard({ tasks }: { tasks: TTask[] }) {
  const today = todayIso();
  const [moved, setMoved] = useState<{ id: string; message: string } | null>(null);
  return (
    <>
      <p className="visually-hidden" role="status">
        {moved?.message ?? ''}
      </p>
      <div className="board">
        {TASK_COLUMNS.map((column) => (
          <Column
            key={column.status}
            status={column.status}
            title={column.title}
            tasks={tasks.filter((t) => t.status === column.status).sort(byDue)}
            today={today}
            focusId={moved?.id ?? null}
            onMoved={(task) =>
              setMoved({
                id: task.id,
                message: `Moved "${task.title}" to ${TASK_COLUMNS.find((c) => c.status === task.status)?.title}.`,
              })
            }
          />
        ))}
      </div>
    </>
  );
}

function Column({
  status,
  title,
  tasks,
  today,
  focusId,
  onMoved,
}: {
  status: TTaskStatus;
  title: string;
  tasks: TTask[];
  today: string;
  focusId: string | null;
  onMoved: (task: TTask) => void;
}) {
  const { items, pager } = usePaged(tasks, 20);
  return (
    <section className={`board-column board-${status}`} aria-labelledby={`column-${status}`}>
      <h2 id={`column-${status}`}>
        {title} <span className="muted">({tasks.length})</span>
      </h2>
      {tasks.length === 0 ? (
        <p className="muted small board-empty">
          {status === 'todo'
            ? 'Nothing to do yet.'
            : status === 'in_progress'
              ? 'Nothing started.'
              : 'Nothing done yet.'}
        </p>
      ) : (
        <div className="board-cards">
          {items.map((t) => (
            <TaskCard key={t.id} task={t} today={today} focusStatus={focusId === t.id} onMoved={onMoved} />
          ))}
        </div>
      )}
      {pager}
    </section>
  );
}

function byDue(a: TTask, b: TTask): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.title.localeCompare(b.title);
}
