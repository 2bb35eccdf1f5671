import { z } from 'zod';
import { CATEGORY_IDS } from '../../domain/catalog-types.ts';
import { COMPONENT_KINDS, REPORT_TYPES } from '../../domain/program.ts';

// The program and the gap assessment as the API returns them, shared by /readiness and /dashboard.

export const ZProgram = z.object({
  reportType: z.enum(REPORT_TYPES),
  asOf: z.string().nullable(),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  categories: z.array(z.enum(CATEGORY_IDS)),
  componentKinds: z.array(z.enum(COMPONENT_KINDS)),
});

export const ZRollup = z.object({
  status: z.string(),
  score: z.number().nullable(),
  criteria: z.record(z.string(), z.number()),
});

export const ZReadiness = z.object({
  organization: z.object({ slug: z.string(), name: z.string() }),
  program: ZProgram,
  asOf: z.string(),
  overall: ZRollup,
  categories: z.array(ZRollup.extend({ id: z.string(), name: z.string() })),
  series: z.array(ZRollup.extend({ id: z.string(), name: z.string() })),
  criteria: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      series: z.string(),
      status: z.string(),
      score: z.number().nullable(),
      notApplicableReason: z.string().nullable(),
      controls: z.object({
        total: z.number(),
        applicable: z.number(),
        implemented: z.number(),
        evidenced: z.number(),
      }),
      controlCodes: z.array(z.string()),
    }),
  ),
  gaps: z.array(
    z.object({
      criterionId: z.string(),
      status: z.string(),
      score: z.number(),
      controlCode: z.string().nullable(),
      nextAction: z.string(),
    }),
  ),
});
