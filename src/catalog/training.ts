import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AttestlyError } from '../domain/errors.ts';
import { type TTrainingCourse, ZTrainingCourseMeta } from '../domain/people/training.ts';

// The built-in security-awareness courses: Markdown files with YAML front matter in data/training,
// validated by the domain's schema when first loaded, like the rest of the catalog.

const DEFAULT_DIR = fileURLToPath(new URL('./data/training/', import.meta.url));

export function loadTrainingCourses(dir = DEFAULT_DIR): TTrainingCourse[] {
  const courses = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new AttestlyError('CATALOG_INVALID', `training/${file}: missing YAML front matter`);
      const parsed = ZTrainingCourseMeta.safeParse(parseYaml(match[1] ?? ''));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AttestlyError(
          'CATALOG_INVALID',
          `training/${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        );
      }
      if (`${parsed.data.id}.md` !== file)
        throw new AttestlyError('CATALOG_INVALID', `training/${file}: the id must be the file name`);
      return { ...parsed.data, body: (match[2] ?? '').trim() };
    });
  if (!courses.some((c) => c.required))
    throw new AttestlyError('CATALOG_INVALID', 'training: at least one course must be required');
  return courses;
}

let cached: TTrainingCourse[] | undefined;

/** The built-in courses, loaded once per process. */
export function trainingCourses(): TTrainingCourse[] {
  cached ??= loadTrainingCourses();
  return cached;
}

export function findTrainingCourse(id: string): TTrainingCourse | undefined {
  return trainingCourses().find((c) => c.id === id);
}
