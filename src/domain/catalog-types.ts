import { z } from 'zod';

// The shapes of the reviewed catalog files. Kept in the domain so every layer shares one definition.

export const CATEGORY_IDS = [
  'security',
  'availability',
  'confidentiality',
  'processing-integrity',
  'privacy',
] as const;
export const ZCategoryId = z.enum(CATEGORY_IDS);
export type TCategoryId = z.infer<typeof ZCategoryId>;

export const FREQUENCIES = [
  'continuous',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'annual',
  'per-event',
] as const;
export const ZFrequency = z.enum(FREQUENCIES);
export type TFrequency = z.infer<typeof ZFrequency>;

export const OWNER_ROLES = ['leadership', 'security', 'engineering', 'it', 'hr', 'legal'] as const;
export const ZOwnerRole = z.enum(OWNER_ROLES);
export type TOwnerRole = z.infer<typeof ZOwnerRole>;

/** Who usually holds each owner role, for policy text and for naming an owner before one is assigned. */
export const OWNER_ROLE_LABELS: Record<TOwnerRole, string> = {
  leadership: 'Chief Executive Officer',
  security: 'Head of Security',
  engineering: 'Head of Engineering',
  it: 'IT Manager',
  hr: 'Head of People',
  legal: 'Legal Counsel',
};

export const ZCriterionId = z.string().regex(/^(CC[1-9]|A1|C1|PI1|P[1-8])\.[1-9]$/, 'not a criterion id');
export const ZControlId = z.string().regex(/^[A-Z]{2,5}-\d{2}$/, 'control ids look like AC-01');
export const ZPolicyId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'policy ids are kebab-case');

export const ZCategory = z.strictObject({
  id: ZCategoryId,
  name: z.string().min(1),
  guidance: z.string().min(20),
});

export const ZSeries = z.strictObject({
  id: z.string().regex(/^(CC[1-9]|A1|C1|PI1|P[1-8])$/),
  name: z.string().min(1),
  category: ZCategoryId,
});

export const ZCriterion = z.strictObject({
  id: ZCriterionId,
  series: z.string(),
  cosoPrinciple: z.number().int().min(1).max(17).nullable(),
  pointsOfFocus: z.number().int().min(1),
  summary: z.string().min(20),
});

export const ZCriteriaFile = z.strictObject({
  framework: z.strictObject({ id: z.string(), name: z.string(), edition: z.string() }),
  categories: z.array(ZCategory),
  series: z.array(ZSeries),
  criteria: z.array(ZCriterion),
});

export const ZLibraryControl = z.strictObject({
  id: ZControlId,
  title: z.string().min(5).max(120),
  requirement: z.string().min(40),
  evidence: z.string().min(20),
  frequency: ZFrequency,
  ownerRole: ZOwnerRole,
  automatable: z.boolean(),
  criteria: z.array(ZCriterionId).min(1),
});
export const ZControlsFile = z.array(ZLibraryControl).min(1);

export const ZPolicyFrontMatter = z.strictObject({
  id: ZPolicyId,
  title: z.string().min(5),
  ownerRole: ZOwnerRole,
  reviewCadence: z.enum(['annual', 'semi-annual', 'quarterly']),
  controls: z.array(ZControlId).min(1),
});

/** Placeholders a policy template may use; anything else in double braces is a catalog error. */
export const POLICY_PLACEHOLDERS = [
  'company_name',
  'policy_owner',
  'review_cadence',
  'effective_date',
] as const;

export type TCategory = z.infer<typeof ZCategory>;
export type TSeries = z.infer<typeof ZSeries>;
export type TCriterion = z.infer<typeof ZCriterion> & { category: TCategoryId };
export type TLibraryControl = z.infer<typeof ZLibraryControl>;
export type TPolicyTemplate = z.infer<typeof ZPolicyFrontMatter> & { body: string };

export interface TCatalog {
  framework: { id: string; name: string; edition: string };
  categories: TCategory[];
  series: TSeries[];
  criteria: TCriterion[];
  controls: TLibraryControl[];
  policies: TPolicyTemplate[];
}
