import type { z } from 'zod';
import type { TResource } from '../../domain/monitoring/model.ts';

// The port every integration implements. A collector calls one provider's API or protocol, pages through
// it, respects its rate limits, parses every response with zod and returns typed resources. It judges
// nothing: tests do that. When it cannot collect (no route, bad credentials, a missing permission) it
// throws COLLECTION_FAILED with the provider's own message and, when known, the permission it lacked.

export interface TCollectorContext {
  /** A line for the user while collection runs ("listing repositories: 120 of 300"). */
  progress(message: string): void;
  signal?: AbortSignal;
}

export interface Collector<S extends z.ZodType = z.ZodType> {
  /** The integration type, as written in a scan file or stored with an integration ("postgres"). */
  type: string;
  title: string;
  /** The integration's settings (URL, account, file …); secrets may come from environment variables. */
  configSchema: S;
  collect(config: z.infer<S>, context: TCollectorContext): Promise<TResource[]>;
}
