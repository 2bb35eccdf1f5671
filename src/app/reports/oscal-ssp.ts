import type { TControlStatus } from '../../domain/control.ts';
import type { TOscalSsp } from '../../domain/reports/oscal-schema.ts';
import type { TMemberRole } from '../ports.ts';
import {
  ATTESTLY_NS,
  catalogResource,
  componentUuid,
  controlIdOf,
  controlsInScope,
  controlsOf,
  memberRoleTitle,
  oscalMetadata,
  type TOscalContext,
  thisSystemUuid,
} from './oscal-context.ts';

// The OSCAL System Security Plan of the SOC 2 system: who runs it, what it is made of (the program's named
// components, the integrations that monitor it, and each control as a procedure component), and for every
// criterion in scope the controls that implement it, with how far each one is.

const IMPLEMENTATION: Record<TControlStatus, 'implemented' | 'partial' | 'planned' | 'not-applicable'> = {
  implemented: 'implemented',
  in_progress: 'partial',
  not_started: 'planned',
  not_applicable: 'not-applicable',
};

const prop = (name: string, value: string) => ({ name, ns: ATTESTLY_NS, value });

function users(ctx: TOscalContext): TOscalSsp['system-security-plan']['system-implementation']['users'] {
  const counts = new Map<TMemberRole, number>();
  for (const m of ctx.members) counts.set(m.role, (counts.get(m.role) ?? 0) + 1);
  const fromMembers = [...counts].map(([role, n]) => ({
    uuid: ctx.uuid('user', 'role', role),
    title: memberRoleTitle(role),
    description: `Members of the compliance program with the ${role} role in Attestly.`,
    props: [prop('member-count', String(n))],
    'role-ids': [role],
  }));
  const people = ctx.components
    .filter((c) => c.kind === 'people')
    .map((c) => ({
      uuid: ctx.uuid('user', 'component', c.name),
      title: c.name,
      description: `People named as a component of the system: ${c.name}.`,
    }));
  const all = [...fromMembers, ...people];
  return all.length > 0
    ? all
    : [
        {
          uuid: ctx.uuid('user', 'operators'),
          title: 'Operators of the system',
          description: 'No member recorded.',
        },
      ];
}

function components(
  ctx: TOscalContext,
): TOscalSsp['system-security-plan']['system-implementation']['components'] {
  const operational = { state: 'operational' as const };
  const type = { infrastructure: 'service', software: 'software', procedures: 'process-procedure' } as const;
  return [
    {
      uuid: thisSystemUuid(ctx),
      type: 'this-system',
      title: ctx.org.name,
      description: `The system ${ctx.org.name} describes for its SOC 2 report.`,
      status: operational,
    },
    ...ctx.components.flatMap((c) =>
      c.kind === 'infrastructure' || c.kind === 'software' || c.kind === 'procedures'
        ? [
            {
              uuid: ctx.uuid('component', 'named', c.kind, c.name),
              type: type[c.kind],
              title: c.name,
              description: `Named in the program as ${c.kind} of the system.`,
              props: [prop('system-component', c.kind)],
              status: operational,
            },
          ]
        : [],
    ),
    ...ctx.integrations.map((i) => ({
      uuid: ctx.uuid('component', 'integration', i.id),
      type: 'service',
      title: `${i.name} (${i.type})`,
      description: `A system Attestly monitors through its ${i.type} integration.`,
      props: [
        prop('integration-type', i.type),
        prop('integration-status', i.enabled ? i.status : 'disabled'),
      ],
      status: i.enabled ? operational : { state: 'disposition' as const },
    })),
    ...controlsInScope(ctx).map((c) => ({
      uuid: componentUuid(ctx, c.code),
      type: 'process-procedure',
      title: `${c.code}: ${c.title}`,
      description: (c.libraryId ? ctx.library.get(c.libraryId)?.requirement : undefined) ?? c.title,
      props: [
        prop('control-code', c.code),
        prop('control-status', c.status),
        prop('frequency', c.frequency),
        prop('owner-role', c.ownerRole),
      ],
      status: c.status === 'not_applicable' ? { state: 'other' as const } : operational,
    })),
  ];
}

function implementedRequirements(
  ctx: TOscalContext,
): TOscalSsp['system-security-plan']['control-implementation']['implemented-requirements'] {
  return ctx.criteria.map((criterion) => {
    const base = {
      uuid: ctx.uuid('implemented-requirement', criterion.id),
      'control-id': controlIdOf(criterion.id),
    };
    const excluded = ctx.exclusions.get(criterion.id);
    if (excluded !== undefined)
      return {
        ...base,
        'by-components': [
          {
            'component-uuid': thisSystemUuid(ctx),
            uuid: ctx.uuid('by-component', criterion.id, 'this-system'),
            description: `${criterion.id} does not apply to the system.`,
            'implementation-status': {
              state: 'not-applicable' as const,
              remarks: excluded.trim() || 'No reason given.',
            },
          },
        ],
      };
    const controls = controlsOf(ctx, criterion.id);
    if (controls.length === 0)
      return {
        ...base,
        'by-components': [
          {
            'component-uuid': thisSystemUuid(ctx),
            uuid: ctx.uuid('by-component', criterion.id, 'this-system'),
            description: `No control addresses ${criterion.id} yet.`,
            'implementation-status': { state: 'planned' as const },
          },
        ],
      };
    return {
      ...base,
      props: controls.map((c) => ({ name: 'implemented-by', ns: ATTESTLY_NS, value: c.code })),
      'by-components': controls.map((c) => ({
        'component-uuid': componentUuid(ctx, c.code),
        uuid: ctx.uuid('by-component', criterion.id, c.code),
        description: `${c.code} (${c.title}) addresses ${criterion.id}.`,
        'implementation-status':
          c.status === 'not_applicable'
            ? {
                state: 'not-applicable' as const,
                remarks: c.notApplicableReason?.trim() || 'No reason given.',
              }
            : { state: IMPLEMENTATION[c.status] },
      })),
    };
  });
}

/** The System Security Plan; every UUID is derived from the organization and the object it names. */
export function oscalSsp(ctx: TOscalContext): TOscalSsp {
  const period =
    ctx.window.reportType === 'type1'
      ? `as of ${ctx.window.to}`
      : `for the observation window ${ctx.window.from} to ${ctx.window.to}`;
  const resource = catalogResource(ctx);
  const data = ctx.components.filter((c) => c.kind === 'data');
  return {
    'system-security-plan': {
      uuid: ctx.uuid('ssp', ctx.window.from, ctx.window.to),
      metadata: oscalMetadata(ctx, `System Security Plan: ${ctx.org.name} (SOC 2)`),
      'import-profile': { href: `#${resource.uuid}` },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: ctx.uuid('system') }],
        'system-name': ctx.org.name,
        description: `The system ${ctx.org.name} describes in its SOC 2 ${ctx.window.reportType === 'type1' ? 'Type 1' : 'Type 2'} report ${period}, for the categories ${ctx.program.categories.join(', ')}.`,
        props: [
          prop('report-type', ctx.window.reportType),
          prop('period-start', ctx.window.from),
          prop('period-end', ctx.window.to),
          ...ctx.program.categories.map((c) => prop('trust-services-category', c)),
        ],
        'system-information': {
          'information-types':
            data.length > 0
              ? data.map((c) => ({
                  uuid: ctx.uuid('information-type', c.name),
                  title: c.name,
                  description: `Data named in the program as part of the system: ${c.name}.`,
                }))
              : [
                  {
                    uuid: ctx.uuid('information-type', 'customer-data'),
                    title: 'Customer data',
                    description: 'The data customers entrust to the system (no data component is named yet).',
                  },
                ],
        },
        status: { state: 'operational' },
        'authorization-boundary': {
          description: `The SOC 2 system of ${ctx.org.name}: the ${ctx.program.componentKinds.join(', ')} named in the program and the services Attestly monitors for it.`,
        },
      },
      'system-implementation': { users: users(ctx), components: components(ctx) },
      'control-implementation': {
        description: `How ${ctx.org.name}'s controls implement each SOC 2 criterion in scope, with the status of each control on ${ctx.generatedAt.slice(0, 10)}.`,
        'implemented-requirements': implementedRequirements(ctx),
      },
      'back-matter': { resources: [resource] },
    },
  };
}
