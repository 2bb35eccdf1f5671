import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/errors.ts';
import {
  accessExpiry,
  checkAccessRequest,
  defaultTrustCenterSettings,
  normalizeTrustCenterSettings,
  reportStatus,
  trustAreaState,
} from './trust-center.ts';

describe('the state of a control area', () => {
  const done = { status: 'implemented' as const, evidenced: true, monitored: false };
  it('is monitored when every control is in place and operating and tests cover one', () => {
    expect(trustAreaState([done, { ...done, monitored: true }])).toBe('monitored');
  });
  it('is in place when operating without automated tests', () => {
    expect(trustAreaState([done, { ...done, status: 'not_applicable', evidenced: false }])).toBe('in_place');
  });
  it('is in progress when a control is not in place or its evidence lapsed (or its tests fail)', () => {
    expect(trustAreaState([done, { ...done, status: 'in_progress' }])).toBe('in_progress');
    expect(trustAreaState([done, { ...done, evidenced: false, monitored: true }])).toBe('in_progress');
  });
  it('is left off when nothing applicable backs it', () => {
    expect(trustAreaState([])).toBeNull();
    expect(trustAreaState([{ ...done, status: 'not_applicable' }])).toBeNull();
  });
});

describe('the report status', () => {
  it('follows the SOC 2 reports shared', () => {
    expect(reportStatus([{ kind: 'penetration_test', access: 'gated' }])).toBe('audit_in_progress');
    expect(reportStatus([{ kind: 'soc2_report', access: 'gated' }])).toBe('report_available_on_request');
    expect(reportStatus([{ kind: 'soc2_report', access: 'public' }])).toBe('report_available');
  });
});

describe('an access request', () => {
  it('reports every field error at once', () => {
    expect(checkAccessRequest({ name: ' ', company: '', email: 'x@', acceptNda: false })).toEqual({
      ok: false,
      errors: {
        name: expect.any(String),
        company: expect.any(String),
        email: expect.any(String),
        acceptNda: expect.any(String),
      },
    });
  });
  it('normalizes what it accepts', () => {
    expect(
      checkAccessRequest({ name: ' Ada   Lovelace ', company: 'X', email: 'Ada@X.test ', acceptNda: true }),
    ).toEqual({ ok: true, value: { name: 'Ada Lovelace', company: 'X', email: 'ada@x.test' } });
  });
});

describe('the access expiry', () => {
  it('ends at the end of the chosen day, after today and within a year', () => {
    expect(accessExpiry('2026-06-16', '2026-06-15').toISOString()).toBe('2026-06-16T23:59:59.999Z');
    expect(errorOf(() => accessExpiry('2026-06-15', '2026-06-15')).details).toEqual({
      field: 'expiresOn',
    });
    expect(errorOf(() => accessExpiry('2027-06-17', '2026-06-15')).code).toBe('INVALID_INPUT');
  });
});

describe('the settings', () => {
  it('are trimmed, and refuse an area that names nothing', () => {
    const base = defaultTrustCenterSettings('Acme');
    expect(
      normalizeTrustCenterSettings({
        ...base,
        securityContact: ' Security@Acme.test ',
        areas: [{ title: ' A ', description: '', series: ['cc6', 'CC6'], controls: [] }],
      }),
    ).toMatchObject({ securityContact: 'security@acme.test', areas: [{ title: 'A', series: ['CC6'] }] });
    const error = errorOf(() =>
      normalizeTrustCenterSettings({
        ...base,
        areas: [{ title: 'A', description: '', series: [], controls: [] }],
      }),
    );
    expect(error.details).toEqual({ field: 'areas.0' });
  });
});
