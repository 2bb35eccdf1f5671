import { z } from 'zod';
import { toIsoDate } from '../../domain/dates.ts';
import { fail, notApplicable, pass, type TVerdict } from '../../domain/monitoring/model.ts';
import {
  CHECKLIST_ITEMS,
  ITEM_TITLES,
  judgeItem,
  type TChecklistItem,
  type TChecklistItemKind,
} from '../../domain/people/checklist.ts';
import { PERSON_TYPES } from '../../domain/people/person.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// People as a monitored system: each person of the personnel register with their onboarding and offboarding
// checklist (deadlines and what was seen) and the accounts connected systems hold for them. The resources
// are built by app/people/people-integration.ts from the register, training and policy records and the
// identity providers' latest collections, and judged like any other integration's, so an overdue item fails
// a test, moves the control's status and shows in readiness.

const ZChecklistItem = z.object({
  kind: z.enum(CHECKLIST_ITEMS),
  phase: z.enum(['onboarding', 'offboarding']),
  dueDate: z.iso.date(),
  done: z.boolean(),
  doneOn: z.iso.date().nullable(),
  exemption: z.string().nullable(),
  notRequired: z.string().nullable(),
  detail: z.string(),
});

export const peoplePerson = resourceType(
  'people.person',
  'Person in the personnel register',
  z.object({
    email: z.string(),
    name: z.string(),
    type: z.enum(PERSON_TYPES),
    department: z.string().nullable(),
    title: z.string().nullable(),
    managerEmail: z.string().nullable(),
    startDate: z.iso.date(),
    /** The last working day; null while the person has not left. */
    endDate: z.iso.date().nullable(),
    inScope: z.boolean(),
    checklist: z.array(ZChecklistItem),
    /** Accounts in connected systems matched to this person, as last collected. */
    accounts: z.array(
      z.object({
        system: z.string(),
        resourceType: z.string(),
        accountName: z.string(),
        status: z.string(),
        active: z.boolean(),
      }),
    ),
  }),
);

export type TPersonResource = z.infer<typeof peoplePerson.schema>;

/** The verdict of one checklist item: done or exempt passes, overdue fails, anything else does not apply. */
function itemTest(kind: TChecklistItemKind) {
  return ({ attributes: p }: { attributes: TPersonResource }, { now }: { now: Date }): TVerdict => {
    const item = p.checklist.find((i) => i.kind === kind) as TChecklistItem | undefined;
    if (!item)
      return notApplicable(`${p.name} has not left: there is no offboarding yet`, { endDate: p.endDate });
    const judged = judgeItem(p, item, toIsoDate(now));
    const fields = {
      email: p.email,
      dueDate: item.dueDate,
      doneOn: item.doneOn,
      detail: item.detail,
      ...(kind === 'access_removed'
        ? { endDate: p.endDate, accounts: p.accounts.filter((a) => a.active) }
        : {}),
    };
    const reason = `${ITEM_TITLES[kind]} for ${p.name}: ${judged.reason}`;
    if (judged.state === 'done' || judged.state === 'exempt') return pass(reason, fields);
    if (judged.state === 'overdue') return fail(reason, fields);
    return notApplicable(reason, fields);
  };
}

export const peopleLibrary: TProviderLibrary = {
  provider: 'people',
  resourceTypes: [peoplePerson],
  tests: [
    defineTest(peoplePerson, {
      id: 'people.background_check',
      title: 'New personnel are background-checked (or exempted) within 30 days of starting',
      severity: 'medium',
      rationale:
        'Screening before or soon after hiring is how the company shows it hires people fit to be trusted with systems and customer data (CC1.4).',
      remediation:
        'Record the check on the person page (status, date, provider) once it is complete, or record an exemption with the reason approved by HR and security.',
      controls: ['HR-01', 'HR-07'],
      evaluate: itemTest('background_check'),
    }),
    defineTest(peoplePerson, {
      id: 'people.security_training',
      title: 'New personnel complete security training within 30 days',
      severity: 'medium',
      rationale:
        'People who have been shown phishing, password and reporting habits make fewer of the mistakes most incidents start from (CC2.2).',
      remediation:
        'Ask the person to take the required courses from their My page, or import the completions from the training provider.',
      controls: ['HR-03', 'HR-07'],
      evaluate: itemTest('security_training'),
    }),
    defineTest(peoplePerson, {
      id: 'people.policies_accepted',
      title: 'Personnel accept the published policies within 30 days',
      severity: 'medium',
      rationale:
        'Acceptance of the current versions is the record that each person was told what is expected of them (CC2.2, CC1.1).',
      remediation:
        'Invite the person to Attestly with their register email, and ask them to accept the policies waiting on their My page.',
      controls: ['GOV-07', 'HR-07'],
      evaluate: itemTest('policies_accepted'),
    }),
    defineTest(peoplePerson, {
      id: 'people.device_enrolled',
      title: 'New personnel have their device enrolled in the agent within 14 days',
      severity: 'low',
      rationale:
        'A laptop that is not enrolled is not checked for disk encryption, updates or screen lock, and does not appear in the device inventory.',
      remediation:
        'Enrol the laptop with attestly agent enroll, then record it on the person page (choosing the device).',
      controls: ['END-05', 'END-10', 'HR-07'],
      evaluate: itemTest('device_enrolled'),
    }),
    defineTest(peoplePerson, {
      id: 'people.access_removed',
      title: 'Leavers lose their access within one day of their last day',
      severity: 'high',
      rationale:
        'An account left active after someone leaves can be used by them or by whoever takes it over, with nobody watching (CC6.2, CC6.3).',
      remediation:
        'Deactivate or suspend the account in each system that still shows it active (Okta: Deactivate; LDAP: lock or expire), check its sessions and tokens, and let the next collection confirm it.',
      controls: ['AC-07', 'HR-08'],
      evaluate: itemTest('access_removed'),
    }),
  ],
};
