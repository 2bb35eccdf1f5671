import { z } from 'zod';

// Security awareness training: short built-in courses (catalog/data/training/*.md, Markdown with YAML front
// matter) that a person reads and marks complete, and completions imported from a training provider.

export const ZTrainingCourseMeta = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug'),
  title: z.string().min(5).max(120),
  /** Raised when the text changes in substance; a completion records the version read. */
  version: z.number().int().min(1),
  minutes: z.number().int().min(1).max(120),
  /** Everyone must complete it within the onboarding deadline. */
  required: z.boolean(),
  summary: z.string().min(10).max(400),
});

export type TTrainingCourse = z.infer<typeof ZTrainingCourseMeta> & { body: string };
