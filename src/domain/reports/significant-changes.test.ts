import { describe, expect, it } from 'vitest';
import { significantChanges } from './significant-changes.ts';

const at = (iso: string) => new Date(iso);

describe('significant changes from the audit log', () => {
  it('words scope changes, groups control status changes per day and skips the starting library', () => {
    const changes = significantChanges([
      {
        occurredAt: at('2026-04-02T10:00:00Z'),
        action: 'control.updated',
        targetId: 'c2',
        details: { code: 'AC-02', before: { status: 'not_started' }, after: { status: 'implemented' } },
      },
      {
        occurredAt: at('2026-03-01T09:00:00Z'),
        action: 'program.created',
        targetId: 'o',
        details: { reportType: 'type2', window: { start: '2026-03-01', end: '2026-08-31' } },
      },
      {
        occurredAt: at('2026-03-01T09:00:00Z'),
        action: 'controls.adopted',
        targetId: null,
        details: { codes: ['AC-01', 'AC-02'] },
      },
      {
        occurredAt: at('2026-04-02T09:00:00Z'),
        action: 'control.updated',
        targetId: 'c1',
        details: { code: 'AC-01', before: { status: 'not_started' }, after: { status: 'implemented' } },
      },
      {
        occurredAt: at('2026-04-02T11:00:00Z'),
        action: 'control.updated',
        targetId: 'c3',
        details: {
          code: 'AC-03',
          before: { status: 'implemented', owner: null },
          after: { status: 'implemented', owner: 'a@x.test' },
        },
      },
      {
        occurredAt: at('2026-05-01T09:00:00Z'),
        action: 'program.changed',
        targetId: 'o',
        details: {
          before: {
            reportType: 'type2',
            categories: ['security'],
            window: { start: '2026-03-01', end: '2026-08-31' },
          },
          after: {
            reportType: 'type2',
            categories: ['security', 'availability'],
            window: { start: '2026-03-01', end: '2026-09-30' },
          },
          addedComponents: [{ kind: 'data', name: 'Backups' }],
        },
      },
      {
        occurredAt: at('2026-05-01T09:00:00Z'),
        action: 'controls.adopted',
        targetId: null,
        details: { codes: ['BCP-01'] },
      },
      {
        occurredAt: at('2026-05-02T09:00:00Z'),
        action: 'policy.version_published',
        targetId: 'p',
        details: { title: 'Backup Policy', version: 2, supersededVersion: 1 },
      },
    ]);
    expect(changes).toEqual([
      {
        date: '2026-03-01',
        kind: 'scope',
        summary: 'SOC 2 program set up (Type 2 window 2026-03-01 to 2026-08-31)',
      },
      { date: '2026-04-02', kind: 'controls', summary: 'Control status changed (implemented: AC-01, AC-02)' },
      {
        date: '2026-05-01',
        kind: 'scope',
        summary:
          'Program scope changed: categories brought into scope: availability; report period changed from Type 2 window 2026-03-01 to 2026-08-31 to Type 2 window 2026-03-01 to 2026-09-30; components added: Backups (data)',
      },
      { date: '2026-05-01', kind: 'controls', summary: '1 controls adopted: BCP-01' },
      {
        date: '2026-05-02',
        kind: 'policies',
        summary: 'Policy "Backup Policy" version 2 published, superseding version 1',
      },
    ]);
  });
});
