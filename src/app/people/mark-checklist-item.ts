import { parseIsoDate, toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TChecklistMark, TMarkedItem } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { judgePeople } from './people-integration.ts';

export type TMarkInput =
  | { done: true; doneOn?: string | undefined; note: string; deviceId?: string | null | undefined }
  | { done: false };

/**
 * Ticks (or unticks) a checklist item that no record shows by itself: the device enrolled (naming the
 * agent's device when there is one) or access removed from systems Attestly is not connected to. A tick
 * says who and when, and carries a note of what was checked.
 */
export async function markChecklistItem(
  deps: AppDeps,
  scope: OrgScope,
  personId: string,
  item: TMarkedItem,
  input: TMarkInput,
): Promise<TChecklistMark | null> {
  const mark = await deps.store.transaction(async (repos) => {
    const person = await repos.people.find(scope, personId);
    if (!person) throw new AttestlyError('NOT_FOUND', 'no such person');
    if (!input.done) {
      if (await repos.people.removeMark(scope, personId, item))
        await recordChange(
          repos,
          scope,
          deps,
          'person.checklist_unmarked',
          { type: 'person', id: personId },
          {
            email: person.email,
            item,
          },
        );
      return null;
    }
    const today = toIsoDate(deps.clock.now());
    let doneOn = today;
    if (input.doneOn !== undefined) {
      try {
        doneOn = parseIsoDate(input.doneOn, 'date');
      } catch (error) {
        throw new AttestlyError('INVALID_INPUT', (error as Error).message, { field: 'doneOn' });
      }
    }
    if (doneOn > today)
      throw new AttestlyError('INVALID_INPUT', 'a tick records what was done, not what will be', {
        field: 'doneOn',
      });
    const note = input.note.trim();
    if (note.length > 2000)
      throw new AttestlyError('INVALID_INPUT', 'the note is at most 2000 characters', { field: 'note' });
    const deviceId = item === 'device_enrolled' ? (input.deviceId ?? null) : null;
    if (deviceId !== null) {
      const device = (await repos.agent.listDevices(scope)).find((d) => d.id === deviceId);
      if (!device || device.revokedAt)
        throw new AttestlyError('NOT_FOUND', 'no enrolled device with this id', { field: 'deviceId' });
    }
    if (!note && deviceId === null)
      throw new AttestlyError(
        'INVALID_INPUT',
        item === 'device_enrolled'
          ? 'choose the enrolled device, or say in a note which device it is and how it was checked'
          : 'say in a note which systems were checked and how the access was removed',
        { field: 'note' },
      );
    const mark: TChecklistMark = {
      personId,
      item,
      doneOn,
      note,
      deviceId,
      recordedBy: deps.actor.id,
      recordedAt: deps.clock.now(),
    };
    await repos.people.setMark(scope, mark);
    await recordChange(
      repos,
      scope,
      deps,
      'person.checklist_marked',
      { type: 'person', id: personId },
      {
        email: person.email,
        ...mark,
      },
    );
    return mark;
  });
  await judgePeople(deps, scope);
  return mark;
}
