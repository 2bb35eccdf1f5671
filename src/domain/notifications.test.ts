import { describe, expect, it } from 'vitest';
import {
  checkSlackWebhookUrl,
  digestDue,
  effectiveChoice,
  mayReceive,
  renderDigest,
} from './notifications.ts';

describe('notification rules', () => {
  it('sends a digest when none was sent, and then at most once per period', () => {
    const now = new Date('2026-06-15T09:00:00Z');
    expect(digestDue('daily', null, now)).toBe(true);
    expect(digestDue('daily', new Date('2026-06-14T12:00:00Z'), now)).toBe(false);
    expect(digestDue('daily', new Date('2026-06-14T09:00:30Z'), now)).toBe(true);
    expect(digestDue('hourly', new Date('2026-06-15T08:30:00Z'), now)).toBe(false);
    expect(digestDue('weekly', new Date('2026-06-09T09:00:00Z'), now)).toBe(false);
    expect(digestDue('weekly', new Date('2026-06-08T09:00:00Z'), now)).toBe(true);
  });

  it('lets roles hear only of what they act on, whatever they chose', () => {
    expect(mayReceive('auditor', 'test_failing')).toBe(false);
    expect(mayReceive('employee', 'policy_action')).toBe(true);
    expect(mayReceive('employee', 'test_failing')).toBe(false);
    expect(mayReceive('member', 'access_request')).toBe(false);
    expect(effectiveChoice('viewer', 'task_overdue', { task_overdue: { email: true, slack: true } })).toEqual(
      {
        email: false,
        slack: false,
      },
    );
    expect(effectiveChoice('member', 'task_overdue', {})).toEqual({ email: true, slack: false });
    expect(effectiveChoice('owner', 'task_overdue', { task_overdue: { email: false, slack: true } })).toEqual(
      {
        email: false,
        slack: true,
      },
    );
  });

  it('groups a digest by kind with links', () => {
    const digest = renderDigest(
      { name: 'Acme' },
      [
        {
          kind: 'evidence_expiring',
          title: 'Evidence "Backups" expires 2026-06-20',
          link: '/o/acme/evidence',
        },
        { kind: 'task_overdue', title: 'Task "A" was due 2026-06-01', link: '/o/acme/tasks' },
      ],
      'https://attestly.acme.test',
    );
    expect(digest.subject).toBe('[Acme] 2 things need attention');
    expect(digest.text.indexOf('A task goes overdue')).toBeLessThan(digest.text.indexOf('Evidence is about'));
    expect(digest.text).toContain('- Task "A" was due 2026-06-01 (https://attestly.acme.test/o/acme/tasks)');
  });

  it("accepts Slack's webhook host, loopback for local relays, and nothing else", () => {
    expect(checkSlackWebhookUrl('https://hooks.slack.com/services/T0/B0/x')).toBeNull();
    expect(checkSlackWebhookUrl('http://127.0.0.1:9000/hook')).toBeNull();
    expect(checkSlackWebhookUrl('http://hooks.slack.com/services/x')).not.toBeNull();
    expect(checkSlackWebhookUrl('https://169.254.169.254/latest')).not.toBeNull();
    expect(checkSlackWebhookUrl('https://user:pw@hooks.slack.com/x')).not.toBeNull();
    expect(checkSlackWebhookUrl('not a url')).not.toBeNull();
  });
});
