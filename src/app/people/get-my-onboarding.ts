import { trainingCourses } from '../../catalog/training.ts';
import type { TTrainingCourse } from '../../domain/people/training.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getPerson, type TPersonDetail } from './get-person.ts';

export interface TMyOnboarding {
  /** The signed-in person's register entry and checklist; null when they are not in the register. */
  person: TPersonDetail | null;
  /** Every built-in course (without its text), and whether this person completed its current version. */
  courses: Array<Omit<TTrainingCourse, 'body'> & { completedAt: Date | null }>;
}

/** What the signed-in person must do for their onboarding: their checklist and the courses to take. */
export async function getMyOnboarding(
  deps: AppDeps,
  scope: OrgScope,
  me: { email: string | null },
): Promise<TMyOnboarding> {
  const found = me.email ? await deps.store.repos.people.findByEmail(scope, me.email) : null;
  const person = found ? await getPerson(deps, scope, found.id) : null;
  return {
    person,
    courses: trainingCourses().map(({ body: _body, ...course }) => ({
      ...course,
      completedAt:
        person?.completions.find((c) => c.courseId === course.id && c.courseVersion === course.version)
          ?.completedAt ?? null,
    })),
  };
}
