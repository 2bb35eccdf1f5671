import type { TPrivacyRegister } from '../../domain/privacy.ts';
import type { OrgScope } from '../org-scope.ts';

export interface TPrivacyEntry {
  id: string;
  register: TPrivacyRegister;
  data: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PrivacyRepo {
  list(scope: OrgScope, register: TPrivacyRegister): Promise<TPrivacyEntry[]>;
  find(scope: OrgScope, id: string): Promise<TPrivacyEntry | null>;
  insert(scope: OrgScope, entry: TPrivacyEntry): Promise<void>;
  /** Writes the new data when the stored version is still `expectedVersion`; false otherwise. */
  update(
    scope: OrgScope,
    id: string,
    data: Record<string, unknown>,
    expectedVersion: number,
    at: Date,
  ): Promise<boolean>;
  counts(scope: OrgScope): Promise<Partial<Record<TPrivacyRegister, number>>>;
}
