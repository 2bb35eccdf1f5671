import { z } from 'zod';
import { CONTROL_STATUSES } from '../../domain/control.ts';
import { MEMBER_ROLES } from '../../domain/permissions.ts';
import { ZErrorBody } from './http-errors.ts';

// Schemas shared by several routes. Request bodies are strict: an unknown field is a 400, not ignored.

export const ZOrgParams = z.strictObject({ org: z.string().min(1).max(60) });

/** The error responses every authenticated route can give, declared so the OpenAPI document shows them. */
export const ERRORS = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
  409: ZErrorBody,
  429: ZErrorBody,
} as const;

export const ZPage = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), nextOffset: z.number().int().nullable() });
}

export function page<T>(all: T[], { limit, offset }: { limit: number; offset: number }) {
  const items = all.slice(offset, offset + limit);
  return {
    items,
    total: all.length,
    nextOffset: offset + items.length < all.length ? offset + items.length : null,
  };
}

export const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const ZRole = z.enum(MEMBER_ROLES);

export const ZControl = z.object({
  code: z.string(),
  title: z.string(),
  status: z.enum(CONTROL_STATUSES),
  notApplicableReason: z.string().nullable(),
  frequency: z.string(),
  ownerRole: z.string(),
  ownerEmail: z.string().nullable(),
  automatable: z.boolean(),
  libraryId: z.string().nullable(),
  criteria: z.array(z.string()),
  version: z.number().int(),
});

export const ZOrganization = z.object({ slug: z.string(), name: z.string(), requireMfa: z.boolean() });

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  /** Any second factor: an authenticator app (TOTP) or a passkey. */
  mfaEnabled: z.boolean(),
  totpEnabled: z.boolean(),
});
