import { z } from 'zod';
import { ZErrorBody } from '../http-errors.ts';
import type { ZodApp } from '../zod-app.ts';

export function registerHealthRoutes(app: ZodApp, ready: () => Promise<boolean>): void {
  app.get(
    '/healthz',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The process is alive',
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The database is reachable and migrated',
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ready') }), 503: ZErrorBody },
      },
    },
    async (_request, reply) => {
      if (await ready().catch(() => false)) return { status: 'ready' as const };
      return reply
        .status(503)
        .send({ error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is not ready' } });
    },
  );
}
