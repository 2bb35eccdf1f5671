import { createDemoSignInToken } from '../../../app/demo/demo-sign-in.ts';
import { seedDemo, type TDemoSeedResult } from '../../../app/demo/seed-demo.ts';
import type { AppDeps } from '../../../app/ports.ts';
import { loadServerConfig } from '../../server/server-config.ts';
import { parseCommand, stringFlag, withApp } from '../command.ts';
import type { CliIo } from '../io.ts';

export const DEMO_HELP = `attestly demo: seed the demo organization (slug "demo") into the data directory

A sample company ten weeks into a Type 2 observation window: its people, controls partly implemented,
evidence (some expiring), tasks (some overdue), two sample integrations with passing and failing tests,
and a readiness history. Its integrations replay bundled sample data and never call a provider.

Prints a one-time link (valid 24 hours) that signs in as the demo's owner once "attestly serve" runs;
"attestly serve --demo" seeds the demo if needed and prints a fresh link. Refused when "demo" exists.
Environment: ATTESTLY_PUBLIC_URL (the link's base, default http://127.0.0.1:3000).`;

export function describeDemo(result: TDemoSeedResult, seconds: number): string {
  const c = result.controls;
  return (
    `Seeded ${result.org.name} (slug ${result.org.slug}) in ${seconds.toFixed(1)} s: ` +
    `${c.implemented} controls implemented, ${c.inProgress} in progress, ${c.notApplicable} not applicable, ` +
    `${c.notStarted} not started; ${result.evidence} evidence files, ${result.tasks} tasks, ` +
    `${result.runs} monitoring runs, ${result.snapshots} days of readiness history`
  );
}

/** Seeds the demo with progress on stderr, and says what it made. */
export async function seedDemoWithProgress(deps: AppDeps, io: CliIo): Promise<TDemoSeedResult> {
  const started = performance.now();
  const result = await seedDemo(deps, { progress: (line) => io.err(`attestly: ${line}`) });
  io.out(describeDemo(result, (performance.now() - started) / 1000));
  return result;
}

export const demoSignInUrl = (base: string, token: string) => `${base}/demo?token=${token}`;

export async function runDemo(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, {});
  if (values.help) return io.out(DEMO_HELP);
  const { publicUrl } = loadServerConfig(io.env, {});
  await withApp(io, stringFlag(values['data-dir']), async (deps) => {
    await seedDemoWithProgress(deps, io);
    const token = await createDemoSignInToken(deps);
    io.out(`Start "attestly serve", then open ${demoSignInUrl(publicUrl, token)} (valid 24 hours, once)`);
  });
}
