import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkDataCategories,
  checkReportPeriod,
  coveredUntil,
  defaultReportExpiry,
  latestReport,
  nextReviewDue,
  reportStatus,
  reviewCadenceOf,
  type TVendorFacts,
  vendorTier,
  vendorWarnings,
} from './vendor.ts';

// The vendor rules: the tiering rubric, review cadence, report expiry with bridge letters, and warnings.

const TODAY = '2026-06-15';

describe('the tiering rubric', () => {
  it('rates a hosting provider with customer data critical: three answers at the highest level', () => {
    const aws = vendorTier({
      dataCategories: ['customer_personal_data'],
      operationalDependency: 'outage',
      productionAccess: 'administrative',
    });
    expect(aws.tier).toBe('critical');
    expect(aws.levels).toEqual({ data: 3, dependency: 3, access: 3 });
    expect(aws.reasons).toEqual([
      'Data: high (customer personal data)',
      'Operational dependency: high (outage)',
      'Production access: high (administrative)',
      '3 answers at the highest level: critical',
    ]);
  });

  it('takes the most sensitive data category, and counts two highs as critical', () => {
    expect(
      vendorTier({
        dataCategories: ['employee_data', 'customer_personal_data'],
        operationalDependency: 'outage',
        productionAccess: 'none',
      }).tier,
    ).toBe('critical');
  });

  it('rates one highest answer high, a middle answer medium, and the rest low', () => {
    const one = vendorTier({
      dataCategories: ['none'],
      operationalDependency: 'degraded',
      productionAccess: 'administrative',
    });
    expect(one.tier).toBe('high');
    expect(one.reasons.at(-1)).toBe('One answer at the highest level: high');
    expect(
      vendorTier({
        dataCategories: ['employee_data', 'financial'],
        operationalDependency: 'minor',
        productionAccess: 'none',
      }).tier,
    ).toBe('medium');
    expect(
      vendorTier({ dataCategories: ['none'], operationalDependency: 'degraded', productionAccess: 'none' })
        .tier,
    ).toBe('medium');
    const low = vendorTier({
      dataCategories: ['none'],
      operationalDependency: 'minor',
      productionAccess: 'none',
    });
    expect(low.tier).toBe('low');
    expect(low.reasons).toEqual([
      'Data: none',
      'Operational dependency: low (minor)',
      'Production access: none',
      'No answer above low: low',
    ]);
  });

  it('refuses no data category, an unknown one, and "none" beside a real one', () => {
    expect(() => checkDataCategories([])).toThrow(/choose the data/);
    expect(() => checkDataCategories(['gossip'])).toThrow(/unknown data category "gossip"/);
    expect(() => checkDataCategories(['none', 'financial'])).toThrow(/"none" cannot be chosen/);
    expect(checkDataCategories(['financial', 'customer_personal_data', 'financial'])).toEqual([
      'customer_personal_data',
      'financial',
    ]);
  });
});

describe('review cadence and dates', () => {
  it('reviews critical vendors quarterly and the others annually, unless a cadence is chosen', () => {
    expect(reviewCadenceOf('critical', null)).toBe('quarterly');
    expect(reviewCadenceOf('high', null)).toBe('annual');
    expect(reviewCadenceOf('low', 'semiannual')).toBe('semiannual');
    expect(nextReviewDue('2026-01-31', 'quarterly')).toBe('2026-04-30');
    expect(nextReviewDue('2026-03-01', 'annual')).toBe('2027-03-01');
    expect(nextReviewDue(null, 'annual')).toBeNull();
  });

  it('adds months within the month, across years and leap days', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('expires a report 12 months after its period ends, and a bridge letter extends it', () => {
    expect(defaultReportExpiry('2025-09-30')).toBe('2026-09-30');
    expect(
      coveredUntil({ periodEnd: '2025-06-30', expiresOn: '2026-06-30', bridgeCoveredUntil: '2026-09-30' }),
    ).toBe('2026-09-30');
    expect(
      coveredUntil({ periodEnd: '2025-06-30', expiresOn: '2026-06-30', bridgeCoveredUntil: '2025-12-31' }),
    ).toBe('2026-06-30');
  });

  it('checks a report period: one date for Type 1, a start before the end for Type 2', () => {
    expect(checkReportPeriod('type1', null, '2026-03-31')).toBe('2026-03-31');
    expect(() => checkReportPeriod('type1', '2026-01-01', '2026-03-31')).toThrow(/as of one date/);
    expect(() => checkReportPeriod('type2', null, '2026-03-31')).toThrow(/give its start/);
    expect(() => checkReportPeriod('type2', '2026-04-01', '2026-03-31')).toThrow(/after it ends/);
    expect(checkReportPeriod('type2', '2025-04-01', '2026-03-31')).toBe('2025-04-01');
  });

  it('picks the report whose period ends last', () => {
    const reports = [
      { id: 'a', periodEnd: '2025-03-31', expiresOn: '2026-03-31', bridgeCoveredUntil: null },
      { id: 'b', periodEnd: '2025-12-31', expiresOn: '2026-12-31', bridgeCoveredUntil: null },
    ];
    expect(latestReport(reports)?.id).toBe('b');
    expect(latestReport([])).toBeNull();
  });
});

describe('report status and warnings', () => {
  const report = (expiresOn: string, extra: Partial<TVendorFacts['latest'] & object> = {}) => ({
    periodEnd: '2025-06-30',
    expiresOn,
    bridgeCoveredUntil: null,
    opinion: 'unqualified' as const,
    ...extra,
  });
  const facts = (over: Partial<TVendorFacts> = {}): TVendorFacts => ({
    tier: 'critical',
    status: 'active',
    renewalDate: null,
    cadence: 'quarterly',
    lastReviewedOn: '2026-05-01',
    latest: report('2027-01-31'),
    ...over,
  });

  it('calls a report expiring within 60 days (inclusive), expired after its day, missing when needed', () => {
    expect(reportStatus(report('2026-08-14'), 'critical', TODAY)).toBe('expiring');
    expect(reportStatus(report('2026-08-15'), 'critical', TODAY)).toBe('current');
    expect(reportStatus(report('2026-06-15'), 'low', TODAY)).toBe('expiring');
    expect(reportStatus(report('2026-06-14'), 'low', TODAY)).toBe('expired');
    expect(reportStatus(null, 'high', TODAY)).toBe('missing');
    expect(reportStatus(null, 'medium', TODAY)).toBe('none');
    expect(reportStatus(report('2026-06-14', { bridgeCoveredUntil: '2026-12-31' }), 'high', TODAY)).toBe(
      'current',
    );
  });

  it('has nothing to say about a current, reviewed vendor', () => {
    expect(vendorWarnings(facts(), TODAY)).toEqual([]);
  });

  it('warns of a report expiring soon, with the date and days left', () => {
    expect(vendorWarnings(facts({ latest: report('2026-07-15') }), TODAY)).toEqual([
      {
        kind: 'report_expiring',
        severity: 'warn',
        message: 'SOC 2 report expires in 30 days, on 2026-07-15',
        date: '2026-07-15',
      },
    ]);
  });

  it('flags an expired report, a missing one for critical and high vendors only, and a modified opinion', () => {
    expect(vendorWarnings(facts({ latest: report('2026-06-01') }), TODAY)[0]).toMatchObject({
      kind: 'report_expired',
      severity: 'bad',
      message: 'SOC 2 report expired 14 days ago, on 2026-06-01',
    });
    expect(vendorWarnings(facts({ latest: null, tier: 'high', cadence: 'annual' }), TODAY)).toEqual([
      expect.objectContaining({
        kind: 'report_missing',
        message: 'No SOC 2 report on file for a high vendor',
      }),
    ]);
    expect(vendorWarnings(facts({ latest: null, tier: 'medium', cadence: 'annual' }), TODAY)).toEqual([]);
    expect(
      vendorWarnings(facts({ latest: report('2027-01-31', { opinion: 'qualified' }) }), TODAY).map((w) => [
        w.kind,
        w.severity,
      ]),
    ).toEqual([['opinion_modified', 'warn']]);
    expect(
      vendorWarnings(facts({ latest: report('2027-01-31', { opinion: 'adverse' }) }), TODAY)[0]?.message,
    ).toBe('The latest SOC 2 report has an adverse opinion');
  });

  it('warns of a renewal within 60 days or passed, and a review never made or overdue', () => {
    expect(vendorWarnings(facts({ renewalDate: '2026-08-01' }), TODAY)).toEqual([
      expect.objectContaining({
        kind: 'renewal_approaching',
        message: 'The contract renews in 47 days, on 2026-08-01',
      }),
    ]);
    expect(vendorWarnings(facts({ renewalDate: '2026-09-01' }), TODAY)).toEqual([]);
    expect(vendorWarnings(facts({ renewalDate: '2026-06-14' }), TODAY)[0]?.kind).toBe('renewal_passed');
    expect(vendorWarnings(facts({ lastReviewedOn: null }), TODAY)).toEqual([
      { kind: 'review_missing', severity: 'warn', message: 'Not reviewed yet', date: null },
    ]);
    expect(vendorWarnings(facts({ lastReviewedOn: '2026-03-01' }), TODAY)).toEqual([
      {
        kind: 'review_overdue',
        severity: 'bad',
        message: 'The quarterly review was due 14 days ago, on 2026-06-01',
        date: '2026-06-01',
      },
    ]);
  });

  it('says nothing about an offboarded vendor', () => {
    expect(
      vendorWarnings(facts({ status: 'offboarded', latest: null, lastReviewedOn: null }), TODAY),
    ).toEqual([]);
  });
});
