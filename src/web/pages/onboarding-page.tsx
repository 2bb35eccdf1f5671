import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, unwrap } from '../api/client.ts';
import { FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { useOrg } from '../org.ts';
import { hasProgram, retryServerErrors } from './dashboard/queries.ts';
import { AdoptedStep } from './onboarding/adopted-step.tsx';
import { blankDraft, bodyOf, checkDraft, draftOf, STEP_FIELDS, type TDraft } from './onboarding/draft.ts';
import { ReportTypeStep } from './onboarding/report-type-step.tsx';
import { CATEGORY_NAMES, ScopeStep } from './onboarding/scope-step.tsx';
import { STEPS, Stepper } from './onboarding/stepper.tsx';
import { TeamStep } from './onboarding/team-step.tsx';

type TProgram = NonNullable<ReturnType<typeof useProgram>['data']>;

function useProgram(slug: string) {
  const queries = useQueryClient();
  return useQuery({
    queryKey: ['org', slug, 'program'],
    queryFn: async () => {
      if (!(await hasProgram(queries, slug))) return null;
      try {
        return await unwrap(api.GET('/api/v1/orgs/{org}/program', { params: { path: { org: slug } } }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    retry: retryServerErrors,
  });
}

/** The SOC 2 journey's first steps: report type, scope, team, then what was adopted. */
export function OnboardingPage() {
  const org = useOrg();
  const program = useProgram(org.slug);
  const [start, setStart] = useState<{ step: number; draft: TDraft } | null>(null);
  // Decided once, from the first answer: adopting the scope creates the program mid-wizard, and the
  // wizard must stay on screen when the program query refetches.
  const hadProgram = useRef<boolean | null>(null);
  if (hadProgram.current === null && program.isSuccess) hadProgram.current = program.data !== null;

  let body: ReactNode;
  if (!org.can('program:write'))
    body = (
      <EmptyState title="Only owners and admins define the program">
        <Link to={`/o/${org.slug}`}>Go to the dashboard</Link>
      </EmptyState>
    );
  else if (program.isPending) body = <Loading what="Loading the program" />;
  else if (program.error) body = <ErrorState error={program.error} retry={() => void program.refetch()} />;
  else if (start) body = <Wizard initial={start} existing={program.data ?? null} />;
  else if (hadProgram.current && program.data)
    body = (
      <Existing
        program={program.data}
        changeScope={() => setStart({ step: 1, draft: draftOf(program.data as TProgram, new Date()) })}
        inviteTeam={() => setStart({ step: 3, draft: draftOf(program.data as TProgram, new Date()) })}
      />
    );
  else body = <Wizard initial={{ step: 1, draft: blankDraft(new Date()) }} existing={null} />;

  return (
    <Page
      title="Set up your SOC 2 program"
      subtitle="Four steps: what report, what it covers, who helps, and what you get."
    >
      {body}
    </Page>
  );
}

function describe(program: TProgram): string {
  const when =
    program.reportType === 'type1'
      ? `Type 1 as of ${program.asOf}`
      : `Type 2, observation window ${program.window?.start} to ${program.window?.end}`;
  const categories = program.categories.map((c) => CATEGORY_NAMES[c]).join(', ');
  return `${when}. Categories: ${categories}. System components: ${program.componentKinds.join(', ')}.`;
}

function Existing({
  program,
  changeScope,
  inviteTeam,
}: {
  program: TProgram;
  changeScope: () => void;
  inviteTeam: () => void;
}) {
  const org = useOrg();
  return (
    <div className="card stack-tight">
      <h2 className="card-title">{org.name} already has a SOC 2 program</h2>
      <p>{describe(program)}</p>
      <p className="muted">
        Changing the scope keeps every control, policy and piece of evidence you have; a category you add
        brings its controls and policy templates.
      </p>
      <div className="row">
        <button type="button" className="button button-primary" onClick={changeScope}>
          Change the scope
        </button>
        <button type="button" className="button" onClick={inviteTeam}>
          Invite the team
        </button>
        <Link to={`/o/${org.slug}`} className="button">
          Go to the dashboard
        </Link>
      </div>
    </div>
  );
}

function Wizard({
  initial,
  existing,
}: {
  initial: { step: number; draft: TDraft };
  existing: TProgram | null;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const server = useFormErrors();
  const [step, setStep] = useState(initial.step);
  const [draft, setDraft] = useState(initial.draft);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(existing !== null && initial.step > 2);
  const errors = { ...local, ...server.fields };
  const live = checkDraft(draft);

  function change(patch: Partial<TDraft>) {
    setDraft({ ...draft, ...patch });
    setLocal({});
    server.clear();
  }

  /** Errors of the given steps' fields from the domain's own checks; true when there are none. */
  function validate(steps: number[]): boolean {
    const { errors: found } = checkDraft(draft);
    const owned = (field: string) =>
      steps.some((s) => STEP_FIELDS[s]?.includes(field)) || (field === 'form' && steps.includes(2));
    const mine = Object.fromEntries(Object.entries(found).filter(([field]) => owned(field)));
    setLocal(mine);
    const firstStep = steps.find((s) => Object.keys(mine).some((f) => STEP_FIELDS[s]?.includes(f)));
    if (firstStep !== undefined) setStep(firstStep);
    return Object.keys(mine).length === 0;
  }

  async function adopt() {
    server.clear();
    if (!validate([1, 2])) return;
    setBusy(true);
    try {
      const result = await unwrap(
        api.PUT('/api/v1/orgs/{org}/program', { params: { path: { org: org.slug } }, body: bodyOf(draft) }),
      );
      setWarnings(result.warnings);
      setSaved(true);
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      setStep(3);
    } catch (error) {
      server.show(error);
      if (error instanceof ApiError) {
        const fields = Object.keys(error.fieldErrors());
        if (fields.some((f) => STEP_FIELDS[1]?.includes(f))) setStep(1);
      }
    } finally {
      setBusy(false);
    }
  }

  function next() {
    if (step === 1) {
      if (validate([1])) setStep(2);
    } else if (step === 2) void adopt();
    else setStep(Math.min(step + 1, STEPS.length));
  }

  return (
    <Stepper step={step}>
      {step === 1 && (
        <ReportTypeStep draft={draft} change={change} errors={errors} warnings={live.warnings} />
      )}
      {step === 2 && <ScopeStep draft={draft} change={change} errors={errors} />}
      {step === 3 && <TeamStep />}
      {step === 4 && <AdoptedStep warnings={warnings} />}
      <FormError error={server.form ?? local.form} />
      <div className="stepper-actions">
        <button
          type="button"
          className="button"
          disabled={step === 1 || busy}
          onClick={() => setStep(step - 1)}
        >
          Back
        </button>
        {step === 2 && (
          <span className="hint">
            {existing || saved
              ? 'Saving changes the scope of your program.'
              : 'Next defines the program and adopts the controls and policies.'}
          </span>
        )}
        {step === 3 && <span className="hint">You can skip this and invite people later from Settings.</span>}
        {step < STEPS.length && (
          <button type="button" className="button button-primary" disabled={busy} onClick={next}>
            {step !== 2
              ? 'Next'
              : busy
                ? 'Saving…'
                : existing || saved
                  ? 'Save the scope'
                  : 'Adopt the scope'}
          </button>
        )}
      </div>
    </Stepper>
  );
}
