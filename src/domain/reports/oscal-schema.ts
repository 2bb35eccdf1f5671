import { z } from 'zod';

// Attestly's own zod reading of the OSCAL 1.1.x JSON structure, for the two models it exports (System
// Security Plan, Assessment Results): every field OSCAL requires, the formats of uuids, dates, tokens and
// versions, and (strict objects) only the optional fields the export uses, so a misspelt field fails. It is
// written from the OSCAL model's documented structure, not copied from NIST's schema, and it is not that
// schema: checking the exports against NIST's published JSON schema remains to be done. A few of OSCAL's
// cross-reference rules are checked too (roles, components, back-matter resources, observations).

export const OSCAL_VERSION = '1.1.2';

/** Version 4 or 5 UUIDs, as OSCAL's uuid type allows. */
const ZUuid = z
  .string()
  .regex(
    /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/,
    'a v4 or v5 UUID',
  );
const ZDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'a date-time with a time zone')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a real date-time');
const ZToken = z.string().regex(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u, 'an OSCAL token');
/** OSCAL strings have no leading or trailing whitespace and are never empty. */
const ZText = z.string().regex(/^\S(.*\S)?$/s, 'text without leading or trailing whitespace');
const ZUriReference = z.string().regex(/^\S+$/, 'a URI reference');
const ZUri = z.string().regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/, 'an absolute URI');

const ZProperty = z.strictObject({
  name: ZToken,
  value: ZText,
  ns: ZUri.optional(),
  class: ZToken.optional(),
  remarks: ZText.optional(),
});
const props = z.array(ZProperty).min(1).optional();

const ZMetadata = z.strictObject({
  title: ZText,
  'last-modified': ZDateTime,
  version: ZText,
  'oscal-version': z.string().regex(/^1\.1\.\d+$/, 'an OSCAL 1.1.x version'),
  props,
  roles: z
    .array(z.strictObject({ id: ZToken, title: ZText, description: ZText.optional() }))
    .min(1)
    .optional(),
  parties: z
    .array(
      z.strictObject({
        uuid: ZUuid,
        type: z.enum(['person', 'organization']),
        name: ZText.optional(),
        'short-name': ZText.optional(),
      }),
    )
    .min(1)
    .optional(),
  'responsible-parties': z
    .array(z.strictObject({ 'role-id': ZToken, 'party-uuids': z.array(ZUuid).min(1) }))
    .min(1)
    .optional(),
});

const ZBackMatter = z.strictObject({
  resources: z
    .array(
      z.strictObject({
        uuid: ZUuid,
        title: ZText.optional(),
        description: ZText.optional(),
        props,
        rlinks: z
          .array(z.strictObject({ href: ZUriReference, 'media-type': ZText.optional() }))
          .min(1)
          .optional(),
        remarks: ZText.optional(),
      }),
    )
    .min(1),
});

const ZImplementationStatus = z.strictObject({
  state: z.enum(['implemented', 'partial', 'planned', 'alternative', 'not-applicable']),
  remarks: ZText.optional(),
});

const ZSspComponent = z.strictObject({
  uuid: ZUuid,
  type: ZText,
  title: ZText,
  description: ZText,
  props,
  status: z.strictObject({ state: z.enum(['under-development', 'operational', 'disposition', 'other']) }),
  remarks: ZText.optional(),
});

export const ZOscalSsp = z
  .strictObject({
    'system-security-plan': z.strictObject({
      uuid: ZUuid,
      metadata: ZMetadata,
      'import-profile': z.strictObject({ href: ZUriReference }),
      'system-characteristics': z.strictObject({
        'system-ids': z.array(z.strictObject({ 'identifier-type': ZUri.optional(), id: ZText })).min(1),
        'system-name': ZText,
        description: ZText,
        props,
        'system-information': z.strictObject({
          'information-types': z
            .array(z.strictObject({ uuid: ZUuid.optional(), title: ZText, description: ZText }))
            .min(1),
        }),
        status: z.strictObject({
          state: z.enum([
            'operational',
            'under-development',
            'under-major-modification',
            'disposition',
            'other',
          ]),
          remarks: ZText.optional(),
        }),
        'authorization-boundary': z.strictObject({ description: ZText, remarks: ZText.optional() }),
      }),
      'system-implementation': z.strictObject({
        users: z
          .array(
            z.strictObject({
              uuid: ZUuid,
              title: ZText.optional(),
              description: ZText.optional(),
              props,
              'role-ids': z.array(ZToken).min(1).optional(),
            }),
          )
          .min(1),
        components: z.array(ZSspComponent).min(1),
      }),
      'control-implementation': z.strictObject({
        description: ZText,
        'implemented-requirements': z
          .array(
            z.strictObject({
              uuid: ZUuid,
              'control-id': ZToken,
              props,
              'by-components': z
                .array(
                  z.strictObject({
                    'component-uuid': ZUuid,
                    uuid: ZUuid,
                    description: ZText,
                    props,
                    'implementation-status': ZImplementationStatus.optional(),
                    remarks: ZText.optional(),
                  }),
                )
                .min(1)
                .optional(),
              remarks: ZText.optional(),
            }),
          )
          .min(1),
      }),
      'back-matter': ZBackMatter.optional(),
    }),
  })
  .superRefine((doc, ctx) => {
    const plan = doc['system-security-plan'];
    const roles = new Set((plan.metadata.roles ?? []).map((r) => r.id));
    const components = new Set(plan['system-implementation'].components.map((c) => c.uuid));
    const resources = new Set((plan['back-matter']?.resources ?? []).map((r) => r.uuid));
    for (const user of plan['system-implementation'].users)
      for (const role of user['role-ids'] ?? [])
        if (!roles.has(role))
          ctx.addIssue({ code: 'custom', message: `user role "${role}" is not a metadata role` });
    for (const requirement of plan['control-implementation']['implemented-requirements'])
      for (const by of requirement['by-components'] ?? [])
        if (!components.has(by['component-uuid']))
          ctx.addIssue({
            code: 'custom',
            message: `${requirement['control-id']} names an unknown component`,
          });
    const href = plan['import-profile'].href;
    if (href.startsWith('#') && !resources.has(href.slice(1)))
      ctx.addIssue({ code: 'custom', message: 'import-profile points to no back-matter resource' });
    if (!plan['system-implementation'].components.some((c) => c.type === 'this-system'))
      ctx.addIssue({ code: 'custom', message: 'no component describes this system' });
  });

const ZObservation = z.strictObject({
  uuid: ZUuid,
  title: ZText.optional(),
  description: ZText,
  props,
  methods: z.array(z.enum(['EXAMINE', 'INTERVIEW', 'TEST', 'UNKNOWN'])).min(1),
  types: z
    .array(z.enum(['ssp-statement-issue', 'control-objective', 'mitigation', 'finding', 'historic']))
    .min(1)
    .optional(),
  subjects: z
    .array(
      z.strictObject({
        'subject-uuid': ZUuid,
        type: z.enum(['component', 'inventory-item', 'location', 'party', 'user']),
        title: ZText.optional(),
      }),
    )
    .min(1)
    .optional(),
  collected: ZDateTime,
  remarks: ZText.optional(),
});

const ZFinding = z.strictObject({
  uuid: ZUuid,
  title: ZText,
  description: ZText,
  props,
  target: z.strictObject({
    type: z.enum(['statement-id', 'objective-id']),
    'target-id': ZToken,
    title: ZText.optional(),
    status: z.strictObject({
      state: z.enum(['satisfied', 'not-satisfied']),
      reason: ZToken.optional(),
      remarks: ZText.optional(),
    }),
  }),
  'related-observations': z
    .array(z.strictObject({ 'observation-uuid': ZUuid }))
    .min(1)
    .optional(),
  remarks: ZText.optional(),
});

export const ZOscalAssessmentResults = z
  .strictObject({
    'assessment-results': z.strictObject({
      uuid: ZUuid,
      metadata: ZMetadata,
      'import-ap': z.strictObject({ href: ZUriReference }),
      results: z
        .array(
          z.strictObject({
            uuid: ZUuid,
            title: ZText,
            description: ZText,
            start: ZDateTime,
            end: ZDateTime.optional(),
            props,
            'reviewed-controls': z.strictObject({
              description: ZText.optional(),
              'control-selections': z
                .array(
                  z.strictObject({
                    'include-controls': z.array(z.strictObject({ 'control-id': ZToken })).min(1),
                  }),
                )
                .min(1),
            }),
            observations: z.array(ZObservation).min(1).optional(),
            findings: z.array(ZFinding).min(1).optional(),
            remarks: ZText.optional(),
          }),
        )
        .min(1),
      'back-matter': ZBackMatter.optional(),
    }),
  })
  .superRefine((doc, ctx) => {
    const results = doc['assessment-results'];
    const resources = new Set((results['back-matter']?.resources ?? []).map((r) => r.uuid));
    const href = results['import-ap'].href;
    if (href.startsWith('#') && !resources.has(href.slice(1)))
      ctx.addIssue({ code: 'custom', message: 'import-ap points to no back-matter resource' });
    for (const result of results.results) {
      const observations = new Set((result.observations ?? []).map((o) => o.uuid));
      for (const finding of result.findings ?? [])
        for (const related of finding['related-observations'] ?? [])
          if (!observations.has(related['observation-uuid']))
            ctx.addIssue({
              code: 'custom',
              message: `finding "${finding.title}" names an unknown observation`,
            });
    }
  });

export type TOscalSsp = z.infer<typeof ZOscalSsp>;
export type TOscalAssessmentResults = z.infer<typeof ZOscalAssessmentResults>;
