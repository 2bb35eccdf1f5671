import type { AppDeps } from '../ports.ts';

/** A random id for public URLs (22 characters of base64url): it reveals no row id and cannot be guessed. */
export function newPublicId(deps: Pick<AppDeps, 'randomBytes'>): string {
  return Buffer.from(deps.randomBytes(16)).toString('base64url');
}
