import { addIntegration } from '../../../app/monitoring/add-integration.ts';
import { runIntegration } from '../../../app/monitoring/run-integration.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag, withOrg } from '../command.ts';
import { type CliIo, json, table } from '../io.ts';

export const INTEGRATIONS_HELP = `attestly integrations: connect systems, run their tests, see the results

  attestly integrations add --type TYPE --name NAME --config JSON [--every MINUTES]
      e.g. --type postgres --config '{"url":"postgres://auditor@127.0.0.1:5432/app"}'
  attestly integrations list [--json]
  attestly integrations run NAME|--all [--json]     collect now and judge; exit 10 if a collection failed
  attestly integrations results [NAME] [--failing] [--json]`;

export async function runIntegrations(args: string[], io: CliIo): Promise<{ exitCode: number } | undefined> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommand(
    rest,
    {
      type: { type: 'string' },
      name: { type: 'string' },
      config: { type: 'string' },
      every: { type: 'string' },
      all: { type: 'boolean' },
      failing: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    1,
  );
  if (values.help || sub === undefined) {
    io.out(INTEGRATIONS_HELP);
    return undefined;
  }
  if (sub === 'add') {
    const type = stringFlag(values.type);
    const name = stringFlag(values.name);
    const raw = stringFlag(values.config);
    if (!type || !name || raw === undefined)
      throw new AttestlyError('INVALID_INPUT', '--type, --name and --config are required');
    let config: unknown;
    try {
      config = JSON.parse(raw);
    } catch {
      throw new AttestlyError('INVALID_INPUT', '--config must be JSON');
    }
    const every = stringFlag(values.every);
    const integration = await withOrg(io, values, ({ deps, scope }) =>
      addIntegration(deps, scope, {
        type,
        name,
        config,
        scheduleMinutes: every === undefined ? undefined : Number(every),
      }),
    );
    io.out(
      `Added ${integration.name} (${integration.type}), run every ${integration.scheduleMinutes} minutes by the server.`,
    );
    return undefined;
  }
  if (sub === 'list') {
    const integrations = await withOrg(io, values, ({ deps, scope }) =>
      deps.store.repos.monitoring.listIntegrations(scope),
    );
    const view = integrations.map(({ configSealed: _sealed, orgId: _org, ...i }) => i);
    if (values.json) json(io, view);
    else
      for (const line of table([
        ['NAME', 'TYPE', 'STATUS', 'LAST RUN', 'ERROR'],
        ...view.map((i) => [
          i.name,
          i.type,
          i.status,
          i.lastRunAt?.toISOString() ?? '-',
          i.lastError?.message ?? '',
        ]),
      ]))
        io.out(line);
    return undefined;
  }
  if (sub === 'run') {
    const name = positionals[0];
    if (!name && !values.all)
      throw new AttestlyError('INVALID_INPUT', 'which integration? give its name, or --all');
    const runs = await withOrg(io, values, async ({ deps, scope }) => {
      const all = await deps.store.repos.monitoring.listIntegrations(scope);
      // --all runs what Attestly collects; pushed connections get their resources from their pushes.
      const chosen = values.all
        ? all.filter((i) => i.delivery === 'collected')
        : all.filter((i) => i.name === name);
      if (chosen.length === 0)
        throw new AttestlyError('NOT_FOUND', name ? `no integration named "${name}"` : 'no integrations yet');
      const out = [];
      for (const integration of chosen) {
        out.push({
          name: integration.name,
          run: await runIntegration(deps, scope, integration, { progress: (m) => io.err(`attestly: ${m}`) }),
        });
      }
      return out;
    });
    if (values.json) json(io, runs);
    for (const { name: n, run } of values.json ? [] : runs) {
      io.out(
        run.status === 'failed'
          ? `${n}: collection failed: ${run.error?.message}`
          : `${n}: ${run.resources} resources, ${run.passed} passed, ${run.failed} failed, ${run.errors} errors; ${run.transitions} changes`,
      );
    }
    return { exitCode: runs.some((r) => r.run.status === 'failed') ? 10 : 0 };
  }
  if (sub === 'results') {
    const name = positionals[0];
    const states = await withOrg(io, values, async ({ deps, scope }) => {
      const integration = name ? await deps.store.repos.monitoring.findIntegration(scope, name) : null;
      if (name && !integration) throw new AttestlyError('NOT_FOUND', `no integration named "${name}"`);
      return deps.store.repos.monitoring.states(scope, integration?.id);
    });
    const shown = values.failing ? states.filter((s) => s.status === 'fail' || s.status === 'error') : states;
    if (values.json) json(io, shown);
    else
      for (const line of table([
        ['STATUS', 'TEST', 'RESOURCE', 'SINCE', 'REASON'],
        ...shown.map((s) => [
          s.status.toUpperCase(),
          s.testId,
          s.resourceName,
          s.since.toISOString().slice(0, 16),
          s.reason,
        ]),
      ]))
        io.out(line);
    return undefined;
  }
  throw new AttestlyError(
    'INVALID_INPUT',
    `unknown integrations subcommand "${sub}"; use add, list, run or results`,
  );
}
