import type { ReactNode } from 'react';
import { Badge } from '../../components/badge.tsx';
import { ITEM_STATE, type TChecklistItem } from './queries.ts';

/** A checklist as judged today: each item with its deadline, state, what was seen, and its action. */
export function ChecklistTable({
  title,
  items,
  action,
}: {
  title: string;
  items: TChecklistItem[];
  action?: (item: TChecklistItem) => ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table aria-label={title} className="people-checklist">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Due</th>
            <th scope="col">State</th>
            <th scope="col">What was seen</th>
            {action && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const state = ITEM_STATE[item.state];
            return (
              <tr key={item.kind} data-testid={`item-${item.kind}`}>
                <th scope="row">{item.title}</th>
                <td className="nowrap">{item.dueDate}</td>
                <td>
                  <Badge status={state.badge}>{state.text}</Badge>
                </td>
                <td>
                  {item.state === 'not_applicable' || item.state === 'overdue' || item.state === 'pending'
                    ? item.reason
                    : item.detail}
                  {item.doneOn && <div className="muted small">on {item.doneOn}</div>}
                </td>
                {action && <td>{action(item)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
