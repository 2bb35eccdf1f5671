import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/support/errors.ts';
import {
  addDays,
  addMonths,
  campaignTitle,
  checkCompletion,
  checkDecision,
  completionBlockers,
  judgeRevocation,
  reviewDue,
} from './campaign.ts';

const open = { status: 'in_progress' as const };
const undecided = { decision: null, comment: '' };

describe('deciding on an account', () => {
  it('keeps without a comment, but revokes only with one', () => {
    expect(checkDecision(open, undecided, 'keep', '  ')).toBe('');
    expect(checkDecision(open, undecided, 'revoke', ' left the team ')).toBe('left the team');
    expect(() => checkDecision(open, undecided, 'revoke', ' ')).toThrow(/why the access is revoked/);
  });

  it('lets a kept account be revoked later, never a revoked one be kept', () => {
    expect(checkDecision(open, { decision: 'keep', comment: '' }, 'revoke', 'contractor ended')).toBe(
      'contractor ended',
    );
    expect(() => checkDecision(open, { decision: 'revoke', comment: 'x' }, 'keep', '')).toThrow(
      /cannot be undone/,
    );
  });

  it('refuses any decision once the review is completed', () => {
    const error = errorOf(() => checkDecision({ status: 'completed' }, undecided, 'keep', ''));
    expect(error.code).toBe('CONFLICT');
  });
});

describe('completing a review', () => {
  it('needs every account decided', () => {
    expect(completionBlockers(open, [])).toBe('the review has no accounts');
    expect(completionBlockers(open, [{ decision: 'keep', comment: '' }, undecided, undecided])).toBe(
      '2 of 3 accounts are not decided yet',
    );
    expect(
      completionBlockers(open, [
        { decision: 'keep', comment: '' },
        { decision: 'revoke', comment: 'x' },
      ]),
    ).toBe(null);
    expect(() => checkCompletion({ status: 'completed' }, [{ decision: 'keep', comment: '' }])).toThrow(
      /already completed/,
    );
  });
});

describe('verifying a revocation with a collection', () => {
  it('verifies an account gone or disabled, and flags one still active only after the due date', () => {
    expect(judgeRevocation(null, '2026-06-22', '2026-06-16').state).toBe('verified');
    expect(judgeRevocation({ status: 'disabled' }, '2026-06-22', '2026-06-30').state).toBe('verified');
    expect(judgeRevocation({ status: 'active' }, '2026-06-22', '2026-06-22').state).toBe('pending');
    expect(judgeRevocation({ status: 'active' }, '2026-06-22', '2026-06-23')).toEqual({
      state: 'flagged',
      note: 'the account is still active after the due date 2026-06-22',
    });
  });
});

describe('review dates', () => {
  it('adds days and calendar months, keeping to the end of shorter months', () => {
    expect(addDays('2026-06-28', 7)).toBe('2026-07-05');
    expect(addMonths('2026-06-15', 3)).toBe('2026-09-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  it('names a campaign by its quarter and says when a system is due', () => {
    expect(campaignTitle('Okta', '2026-06-15')).toBe('Okta · Q2 2026');
    expect(campaignTitle('GitHub', '2026-10-01')).toBe('GitHub · Q4 2026');
    expect(reviewDue(null, '2026-06-15')).toBe('due');
    expect(reviewDue('2026-06-14', '2026-06-15')).toBe('overdue');
    expect(reviewDue('2026-09-15', '2026-06-15')).toBe('scheduled');
  });
});
