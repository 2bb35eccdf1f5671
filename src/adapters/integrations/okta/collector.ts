import { z } from 'zod';
import type { Collector } from '../../../app/monitoring/collector.ts';
import { createOktaApi, type TOktaClientOptions } from './client.ts';
import { collectDirectory } from './policies.ts';
import { collectUsers } from './users.ts';

// Collects one Okta org through the Management API with an SSWS API token: every user with their factors,
// admin roles and groups (idp.user), and the org's password, MFA enrollment and global session policies
// with its super admins (idp.directory). Read-only: it never changes anything in Okta.

export const ZOktaConfig = z.strictObject({
  /** The org's URL, https://acme.okta.com (not the -admin one), or its custom domain. */
  orgUrl: z
    .url({
      protocol: /^https$/,
      message: 'expected the https URL of the Okta org, e.g. https://acme.okta.com',
    })
    .refine((value) => {
      const url = new URL(value);
      return url.pathname.replace(/\/+$/, '') === '' && !url.search && !url.hostname.includes('-admin.');
    }, 'expected the org URL itself (https://acme.okta.com), without a path and not the -admin domain'),
  /** An API token of an admin with at least the Read-Only Administrator role; {"env": "OKTA_TOKEN"}. */
  token: z.string().min(1),
  /** The profile attribute that holds the HR termination date (last working day). */
  terminationDateAttribute: z.string().min(1).default('terminationDate'),
  name: z.string().optional(),
});
export type TOktaConfig = z.infer<typeof ZOktaConfig>;

/** Test seams: a replaying fetch, a fake sleep and clock, tighter rate-limit bounds. */
export type TOktaCollectorOptions = Pick<
  TOktaClientOptions,
  'fetch' | 'sleep' | 'now' | 'maxWaitMs' | 'maxRetries'
>;

export function createOktaCollector(options: TOktaCollectorOptions = {}): Collector<typeof ZOktaConfig> {
  return {
    type: 'okta',
    title: 'Okta org',
    configSchema: ZOktaConfig,
    async collect(config, context) {
      const api = createOktaApi({
        ...options,
        orgUrl: config.orgUrl,
        token: config.token,
        ...(context.signal ? { signal: context.signal } : {}),
        log: context.progress,
      });
      const users = await collectUsers(
        api,
        { terminationDateAttribute: config.terminationDateAttribute },
        context,
      );
      const directory = await collectDirectory(api, new URL(config.orgUrl).hostname, users, context);
      return [directory, ...users];
    },
  };
}

export const oktaCollector: Collector = createOktaCollector();
