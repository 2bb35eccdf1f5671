import type { z } from 'zod';
import type { TResource, TResourceType, TTestDefinition } from '../../domain/monitoring/model.ts';

/** A resource type whose tests get its parsed attributes, typed. */
export function resourceType<S extends z.ZodType>(type: string, title: string, schema: S): TResourceType<S> {
  return { type, title, schema };
}

/** A test over one resource type; `evaluate` sees that type's attributes as the schema describes them. */
export function defineTest<S extends z.ZodType>(
  type: TResourceType<S>,
  test: Omit<TTestDefinition<z.infer<S>>, 'resourceType'>,
): TTestDefinition {
  return { ...test, resourceType: type.type } as TTestDefinition;
}

export interface TProviderLibrary {
  /** The integration type this library belongs to, e.g. "postgres". */
  provider: string;
  resourceTypes: TResourceType[];
  tests: TTestDefinition[];
}

export type { TResource };
