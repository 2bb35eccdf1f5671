import { findTrainingCourse } from '../../catalog/training.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TTrainingCompletion } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { judgePeople } from './people-integration.ts';

/**
 * The signed-in person marks a built-in course complete, at the version they read. Completing a version
 * twice records nothing more; the checklists are judged again after a new completion.
 */
export async function completeTraining(
  deps: AppDeps,
  scope: OrgScope,
  me: { email: string | null },
  courseId: string,
  expected: { version?: number | undefined } = {},
): Promise<{ completion: TTrainingCompletion; alreadyCompleted: boolean }> {
  const course = findTrainingCourse(courseId);
  if (!course) throw new AttestlyError('NOT_FOUND', `no course "${courseId}"`);
  if (me.email === null)
    throw new AttestlyError('INVALID_INPUT', 'a person completes a course: sign in to complete it');
  const email = me.email;
  if (expected.version !== undefined && expected.version !== course.version)
    throw new AttestlyError(
      'CONFLICT',
      `version ${expected.version} is no longer current: read version ${course.version} and complete that`,
      { currentVersion: course.version },
    );
  const result = await deps.store.transaction(async (repos) => {
    const person = await repos.people.findByEmail(scope, email);
    if (!person)
      throw new AttestlyError(
        'NOT_FOUND',
        `${email} is not in the personnel register: ask an administrator to add you`,
      );
    const earlier = (await repos.people.listCompletions(scope, person.id)).find(
      (c) => c.courseId === course.id && c.courseVersion === course.version,
    );
    if (earlier) return { completion: earlier, alreadyCompleted: true };
    const completion: TTrainingCompletion = {
      id: deps.newId(),
      personId: person.id,
      courseId: course.id,
      courseVersion: course.version,
      completedAt: deps.clock.now(),
      source: 'course',
      recordedBy: email,
    };
    await repos.people.addCompletion(scope, completion);
    await recordChange(
      repos,
      scope,
      deps,
      'training.completed',
      { type: 'person', id: person.id },
      {
        email,
        course: course.id,
        title: course.title,
        version: course.version,
      },
    );
    return { completion, alreadyCompleted: false };
  });
  if (!result.alreadyCompleted) await judgePeople(deps, scope);
  return result;
}
