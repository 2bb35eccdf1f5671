// The tenant scope, in a module of its own so that the ports of each area can name it without importing
// app/ports.ts (which imports them).

declare const scopeBrand: unique symbol;
/**
 * Proof that the caller resolved an organization. Every repository call on organization-owned rows takes
 * one, so no query can be written without saying whose rows it touches.
 */
export type OrgScope = { readonly orgId: string; readonly [scopeBrand]: true };
export function scopeOf(org: { id: string }): OrgScope {
  return { orgId: org.id } as OrgScope;
}
