import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { FormError } from '../../components/field.tsx';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { PolicyMarkdown } from '../policies/policy-markdown.tsx';
import { ITEM_STATE, type TCourse, useCourse, useMyOnboarding } from './queries.ts';

/**
 * The signed-in person's onboarding on their My page: the checklist items still open, and the security
 * courses, each started with one click (its text opens in place) and completed with another.
 */
export function MyOnboarding() {
  const org = useOrg();
  const mine = useMyOnboarding(org.slug);
  return (
    <Query query={mine} what="Loading your onboarding">
      {(data) => {
        // Onboarding belongs to people in the register; someone outside it has nothing to do here.
        if (!data.person) return null;
        const open = (data.person?.checklist ?? []).filter(
          (i) => i.state === 'overdue' || i.state === 'pending',
        );
        const courses = [...data.courses].sort((a, b) => Number(b.required) - Number(a.required));
        return (
          <section className="stack" aria-labelledby="my-training-title">
            {open.length > 0 && (
              <div className="card stack">
                <h2 id="my-onboarding-title">Your onboarding ({open.length} open)</h2>
                <ul className="plain-list stack-tight">
                  {open.map((item) => (
                    <li key={item.kind}>
                      <Badge status={ITEM_STATE[item.state].badge}>{ITEM_STATE[item.state].text}</Badge>{' '}
                      <strong>{item.title}</strong> <span className="muted small">{item.reason}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <h2 id="my-training-title">Security training</h2>
            <ul className="plain-list stack">
              {courses.map((c) => (
                <li key={c.id}>
                  <CourseCard course={c} />
                </li>
              ))}
            </ul>
          </section>
        );
      }}
    </Query>
  );
}

function CourseCard({ course }: { course: TCourse }) {
  const org = useOrg();
  const queries = useQueryClient();
  const [started, setStarted] = useState(false);
  const text = useCourse(org.slug, course.id, started);
  const complete = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/me/training/{courseId}/complete', {
          params: { path: { org: org.slug, courseId: course.id } },
          body: { version: course.version },
        }),
      ),
    onSuccess: async () => {
      setStarted(false);
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
    },
  });
  const titleId = `course-${course.id}`;
  return (
    <article className="card stack people-course" aria-labelledby={titleId}>
      <div className="row to-accept-head">
        <h3 id={titleId} className="people-course-head">
          {course.title}
        </h3>
        <span className="muted small">
          {course.minutes} minutes{course.required ? ', required' : ''}
        </span>
      </div>
      <p className="muted people-course-summary">{course.summary}</p>
      {course.completedAt ? (
        <p>
          <Badge status="done">Completed</Badge>{' '}
          <span className="muted small">on {new Date(course.completedAt).toISOString().slice(0, 10)}</span>
        </p>
      ) : started ? (
        <div className="stack">
          <Query query={text} what="Loading the course">
            {(c) => (
              <div className="people-course-text">
                <PolicyMarkdown text={c.body} label={c.title} />
              </div>
            )}
          </Query>
          <div className="row">
            <button
              type="button"
              className="button button-primary"
              disabled={complete.isPending || !text.data}
              onClick={() => complete.mutate()}
            >
              {complete.isPending ? 'Recording…' : 'I have completed this course'}
            </button>
          </div>
          <FormError error={complete.error ? complete.error.message : null} />
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button button-primary" onClick={() => setStarted(true)}>
            Start course
          </button>
        </div>
      )}
    </article>
  );
}
