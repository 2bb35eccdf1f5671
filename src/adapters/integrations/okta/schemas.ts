import { z } from 'zod';
import { IDP_USER_STATUSES } from '../../../catalog/monitoring/idp.ts';
import { parseProviderResponse } from '../shared/provider-http.ts';

// The parts of Okta's Management API responses (/api/v1) that the collector reads, as Okta sends them on
// the wire. Only the fields used are declared; the rest of each object passes through, so a field Okta adds
// never breaks a scan, while a field we rely on changing shape does, loudly.

const ZTimestamp = z.iso.datetime({ offset: true });

/** Body of every Okta error response (401, 403, 429 …). */
export const ZOktaError = z.looseObject({
  errorCode: z.string(),
  errorSummary: z.string(),
  errorId: z.string().optional(),
  errorCauses: z.array(z.looseObject({ errorSummary: z.string() })).optional(),
});

/** An item of GET /api/v1/users. The profile holds custom attributes too (an HR termination date). */
export const ZOktaUser = z.looseObject({
  id: z.string().min(1),
  status: z.enum(IDP_USER_STATUSES),
  created: ZTimestamp,
  activated: ZTimestamp.nullish(),
  lastLogin: ZTimestamp.nullish(),
  passwordChanged: ZTimestamp.nullish(),
  profile: z.looseObject({
    login: z.string().min(1),
    email: z.string().nullish(),
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
  }),
});
export type TOktaUser = z.infer<typeof ZOktaUser>;

/** An item of GET /api/v1/users/{id}/factors. factorType stays a string: Okta adds types over time. */
export const ZOktaFactor = z.looseObject({
  id: z.string(),
  factorType: z.string(),
  provider: z.string(),
  vendorName: z.string().optional(),
  /** ACTIVE, PENDING_ACTIVATION, NOT_SETUP, INACTIVE, EXPIRED … only ACTIVE can be used to sign in. */
  status: z.string(),
});

/** An item of GET /api/v1/users/{id}/roles: assigned directly (USER) or through a group (GROUP). */
export const ZOktaRole = z.looseObject({
  id: z.string(),
  type: z.string(),
  label: z.string(),
  status: z.string().optional(),
  assignmentType: z.enum(['USER', 'GROUP']).optional(),
});

/** An item of GET /api/v1/users/{id}/groups. */
export const ZOktaGroup = z.looseObject({
  id: z.string(),
  type: z.string(),
  profile: z.looseObject({ name: z.string() }),
});

const ZPolicyBase = {
  id: z.string(),
  name: z.string(),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  priority: z.number().int(),
  system: z.boolean().optional(),
};

/** An item of GET /api/v1/policies?type=PASSWORD. */
export const ZPasswordPolicy = z.looseObject({
  ...ZPolicyBase,
  type: z.literal('PASSWORD'),
  /** Users whose passwords Okta masters (OKTA) or a directory does (ACTIVE_DIRECTORY, LDAP). */
  conditions: z.looseObject({ authProvider: z.looseObject({ provider: z.string() }).optional() }).nullish(),
  settings: z.looseObject({
    password: z.looseObject({
      complexity: z
        .looseObject({
          minLength: z.number().int().optional(),
          minLowerCase: z.number().int().optional(),
          minUpperCase: z.number().int().optional(),
          minNumber: z.number().int().optional(),
          minSymbol: z.number().int().optional(),
          excludeUsername: z.boolean().optional(),
        })
        .optional(),
      age: z
        .looseObject({
          maxAgeDays: z.number().int().optional(),
          historyCount: z.number().int().optional(),
        })
        .optional(),
      lockout: z.looseObject({ maxAttempts: z.number().int().optional() }).optional(),
    }),
  }),
});
export type TPasswordPolicy = z.infer<typeof ZPasswordPolicy>;

const ZEnroll = z.looseObject({ self: z.enum(['REQUIRED', 'OPTIONAL', 'NOT_ALLOWED']) });

/**
 * An item of GET /api/v1/policies?type=MFA_ENROLL. Classic orgs list factors by key (settings.factors);
 * Identity Engine orgs list authenticators (settings.authenticators). Both are read.
 */
export const ZMfaEnrollPolicy = z.looseObject({
  ...ZPolicyBase,
  type: z.literal('MFA_ENROLL'),
  settings: z
    .looseObject({
      type: z.enum(['FACTORS', 'AUTHENTICATORS']).optional(),
      factors: z.record(z.string(), z.looseObject({ enroll: ZEnroll.optional() })).optional(),
      authenticators: z.array(z.looseObject({ key: z.string(), enroll: ZEnroll.optional() })).optional(),
    })
    .nullish(),
});
export type TMfaEnrollPolicy = z.infer<typeof ZMfaEnrollPolicy>;

/** An item of GET /api/v1/policies?type=OKTA_SIGN_ON (the global session policy). */
export const ZSignOnPolicy = z.looseObject({ ...ZPolicyBase, type: z.literal('OKTA_SIGN_ON') });

const ZRuleBase = {
  id: z.string(),
  name: z.string(),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  priority: z.number().int().optional(),
};

/** An item of GET /api/v1/policies/{id}/rules of an MFA enrollment policy: when users are asked to enrol. */
export const ZMfaEnrollRule = z.looseObject({
  ...ZRuleBase,
  actions: z
    .looseObject({
      enroll: z.looseObject({ self: z.enum(['CHALLENGE', 'LOGIN', 'NEVER']) }).optional(),
    })
    .optional(),
});

/** An item of GET /api/v1/policies/{id}/rules of a sign-on policy: the session it grants. */
export const ZSignOnRule = z.looseObject({
  ...ZRuleBase,
  actions: z.looseObject({
    signon: z.looseObject({
      access: z.enum(['ALLOW', 'DENY']),
      requireFactor: z.boolean().optional(),
      session: z
        .looseObject({
          /** 0 disables the limit: the session lasts as long as it is used. */
          maxSessionLifetimeMinutes: z.number().int().optional(),
          maxSessionIdleMinutes: z.number().int().optional(),
          usePersistentCookie: z.boolean().optional(),
        })
        .optional(),
    }),
  }),
});

/** Parses a response body, or fails the collection naming the request and the field that did not match. */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  return parseProviderResponse('Okta', schema, data, what);
}
