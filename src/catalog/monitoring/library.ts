import { AttestlyError } from '../../domain/errors.ts';
import type { TResourceType, TTestDefinition } from '../../domain/monitoring/model.ts';
import { awsLibrary } from './aws.ts';
import type { TProviderLibrary } from './define.ts';
import { endpointLibrary } from './endpoint.ts';
import { githubLibrary } from './github.ts';
import { oktaLibrary } from './idp.ts';
import { ldapLibrary } from './ldap.ts';
import { ocsfLibrary } from './ocsf.ts';
import { openscapLibrary } from './openscap.ts';
import { peopleLibrary } from './people.ts';
import { postgresLibrary } from './postgres.ts';
import { terraformLibrary } from './terraform.ts';

// The built-in test library: every provider's resource types and tests, checked when loaded so a test can
// never point at an unknown resource type or control.

const PROVIDERS: TProviderLibrary[] = [
  awsLibrary,
  endpointLibrary,
  githubLibrary,
  ldapLibrary,
  ocsfLibrary,
  oktaLibrary,
  openscapLibrary,
  peopleLibrary,
  postgresLibrary,
  terraformLibrary,
];

export interface TTestLibrary {
  providers: string[];
  resourceTypes: Map<string, TResourceType>;
  tests: TTestDefinition[];
}

export function buildLibrary(providers: TProviderLibrary[], controlIds: ReadonlySet<string>): TTestLibrary {
  const resourceTypes = new Map<string, TResourceType>();
  const tests: TTestDefinition[] = [];
  const testIds = new Set<string>();
  for (const provider of providers) {
    for (const type of provider.resourceTypes) {
      if (resourceTypes.has(type.type))
        throw new AttestlyError('CATALOG_INVALID', `resource type ${type.type} is defined twice`);
      if (!type.type.startsWith(`${provider.provider}.`) && !type.type.startsWith('idp.')) {
        throw new AttestlyError(
          'CATALOG_INVALID',
          `resource type ${type.type} must start with "${provider.provider}."`,
        );
      }
      resourceTypes.set(type.type, type);
    }
  }
  for (const provider of providers) {
    for (const test of provider.tests) {
      if (testIds.has(test.id))
        throw new AttestlyError('CATALOG_INVALID', `test ${test.id} is defined twice`);
      if (!/^[a-z0-9]+(\.[a-z0-9_]+)+$/.test(test.id))
        throw new AttestlyError('CATALOG_INVALID', `test id ${test.id} is not provider.name`);
      if (!resourceTypes.has(test.resourceType)) {
        throw new AttestlyError(
          'CATALOG_INVALID',
          `test ${test.id}: unknown resource type ${test.resourceType}`,
        );
      }
      if (test.controls.length === 0)
        throw new AttestlyError('CATALOG_INVALID', `test ${test.id} maps to no control`);
      for (const control of test.controls) {
        if (!controlIds.has(control))
          throw new AttestlyError('CATALOG_INVALID', `test ${test.id}: unknown control ${control}`);
      }
      testIds.add(test.id);
      tests.push(test);
    }
  }
  tests.sort((a, b) => a.id.localeCompare(b.id, 'en'));
  return { providers: providers.map((p) => p.provider), resourceTypes, tests };
}

/** The library of every built-in provider, checked against the control library's ids. */
export function loadTestLibrary(controlIds: ReadonlySet<string>): TTestLibrary {
  return buildLibrary(PROVIDERS, controlIds);
}
