import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { useSession } from './api/session.ts';
import { EmptyState, ErrorState, Loading } from './components/states.tsx';
import { OrgLayout } from './layout.tsx';
import { ControlPage } from './pages/control-page.tsx';
import { ControlsPage } from './pages/controls-page.tsx';
import { CriteriaPage } from './pages/criteria-page.tsx';
import { CriterionPage } from './pages/criterion-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { DemoPage } from './pages/demo-page.tsx';
import { EvidencePage } from './pages/evidence-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { MyPage } from './pages/my-page.tsx';
import { OnboardingPage } from './pages/onboarding-page.tsx';
import { PoliciesPage } from './pages/policies-page.tsx';
import { PolicyPage } from './pages/policy-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { TasksPage } from './pages/tasks-page.tsx';

export function App() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/demo" element={<DemoPage />} />
      <Route path="/" element={<HomePage />} />
      <Route
        path="/o/:org"
        element={
          <RequireMembership>
            <OrgLayout />
          </RequireMembership>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="onboarding" element={<OnboardingPage />} />
        <Route path="criteria" element={<CriteriaPage />} />
        <Route path="criteria/:criterion" element={<CriterionPage />} />
        <Route path="controls" element={<ControlsPage />} />
        <Route path="controls/:code" element={<ControlPage />} />
        <Route path="policies" element={<PoliciesPage />} />
        <Route path="policies/:id" element={<PolicyPage />} />
        <Route path="evidence" element={<EvidencePage />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route path="settings/*" element={<SettingsPage />} />
        <Route path="me" element={<MyPage />} />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** Signed in and a member of the organization in the URL, or off to sign in / a clear 404. */
function RequireMembership({ children }: { children: ReactNode }) {
  const session = useSession();
  const { org } = useParams();
  const location = useLocation();
  if (session.isPending) return <Loading what="Checking your session" />;
  if (session.error) return <ErrorState error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (session.data.mfaRequired) return <Navigate to="/sign-in?step=mfa" replace />;
  if (!session.data.organizations.some((m) => m.organization.slug === org))
    return (
      <main className="centered">
        <EmptyState title={`No organization "${org}" for you`}>
          You are not a member of it. <a href="/">Go to your organizations</a>.
        </EmptyState>
      </main>
    );
  return <>{children}</>;
}

function NotFound() {
  return (
    <main className="centered">
      <EmptyState title="Page not found">
        <a href="/">Back to Attestly</a>
      </EmptyState>
    </main>
  );
}
