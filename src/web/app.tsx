import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { useSession } from './api/session.ts';
import { EmptyState, ErrorState, Loading } from './components/states.tsx';
import { OrgLayout } from './layout.tsx';
import { ControlsPage } from './pages/controls-page.tsx';
import { CriteriaPage } from './pages/criteria-page.tsx';
import { CriterionPage } from './pages/criterion-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { DemoPage } from './pages/demo-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { InvitationPage } from './pages/invitation-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { TasksPage } from './pages/tasks-page.tsx';

// Screens with heavy parts (the Markdown editor, settings, monitoring) load when first opened.
const ControlPage = lazy(() => import('./pages/control-page.tsx').then((m) => ({ default: m.ControlPage })));
const EvidencePage = lazy(() =>
  import('./pages/evidence-page.tsx').then((m) => ({ default: m.EvidencePage })),
);
const CustomTestsPage = lazy(() =>
  import('./pages/monitoring/custom-tests-page.tsx').then((m) => ({ default: m.CustomTestsPage })),
);
const IntegrationPage = lazy(() =>
  import('./pages/monitoring/integration-page.tsx').then((m) => ({ default: m.IntegrationPage })),
);
const IntegrationsPage = lazy(() =>
  import('./pages/monitoring/integrations-page.tsx').then((m) => ({ default: m.IntegrationsPage })),
);
const TestsPage = lazy(() =>
  import('./pages/monitoring/tests-page.tsx').then((m) => ({ default: m.TestsPage })),
);
const MyPage = lazy(() => import('./pages/my-page.tsx').then((m) => ({ default: m.MyPage })));
const OnboardingPage = lazy(() =>
  import('./pages/onboarding-page.tsx').then((m) => ({ default: m.OnboardingPage })),
);
const PoliciesPage = lazy(() =>
  import('./pages/policies-page.tsx').then((m) => ({ default: m.PoliciesPage })),
);
const PolicyPage = lazy(() => import('./pages/policy-page.tsx').then((m) => ({ default: m.PolicyPage })));
const RisksPage = lazy(() => import('./pages/risks-page.tsx').then((m) => ({ default: m.RisksPage })));
const PeoplePage = lazy(() => import('./pages/people-page.tsx').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/person-page.tsx').then((m) => ({ default: m.PersonPage })));
const AccessReviewsPage = lazy(() =>
  import('./pages/access-reviews-page.tsx').then((m) => ({ default: m.AccessReviewsPage })),
);
const AccessReviewPage = lazy(() =>
  import('./pages/access-review-page.tsx').then((m) => ({ default: m.AccessReviewPage })),
);
const ReportsPage = lazy(() => import('./pages/reports-page.tsx').then((m) => ({ default: m.ReportsPage })));
const PrivacyPage = lazy(() => import('./pages/privacy-page.tsx').then((m) => ({ default: m.PrivacyPage })));
const AuditsPage = lazy(() =>
  import('./pages/audits/audits-page.tsx').then((m) => ({ default: m.AuditsPage })),
);
const AuditPage = lazy(() => import('./pages/audits/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const AuditOverviewTab = lazy(() =>
  import('./pages/audits/overview-tab.tsx').then((m) => ({ default: m.AuditOverviewTab })),
);
const AuditRequestsTab = lazy(() =>
  import('./pages/audits/requests-tab.tsx').then((m) => ({ default: m.AuditRequestsTab })),
);
const AuditPackageTab = lazy(() =>
  import('./pages/audits/package-tab.tsx').then((m) => ({ default: m.AuditPackageTab })),
);
const AuditTimelinesTab = lazy(() =>
  import('./pages/audits/timelines-tab.tsx').then((m) => ({ default: m.AuditTimelinesTab })),
);
const AuditPopulationsTab = lazy(() =>
  import('./pages/audits/populations-tab.tsx').then((m) => ({ default: m.AuditPopulationsTab })),
);
const SettingsPage = lazy(() =>
  import('./pages/settings-page.tsx').then((m) => ({ default: m.SettingsPage })),
);
const VendorsRoutes = lazy(() =>
  import('./pages/vendors-page.tsx').then((m) => ({ default: m.VendorsRoutes })),
);
const TrustCenterPage = lazy(() =>
  import('./pages/trust-center-page.tsx').then((m) => ({ default: m.TrustCenterPage })),
);

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/demo" element={<DemoPage />} />
        <Route path="/invitations/accept" element={<InvitationPage />} />
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
          <Route path="risks" element={<RisksPage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:id" element={<PersonPage />} />
          <Route path="access-reviews" element={<AccessReviewsPage />} />
          <Route path="access-reviews/:id" element={<AccessReviewPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="privacy" element={<PrivacyPage />} />
          <Route path="audits" element={<AuditsPage />} />
          {/* The audit's tabs (src/web/pages/audits/audit-tabs.ts): one child route each. */}
          <Route path="audits/:auditId" element={<AuditPage />}>
            <Route index element={<AuditOverviewTab />} />
            <Route path="requests" element={<AuditRequestsTab />} />
            <Route path="package" element={<AuditPackageTab />} />
            <Route path="timelines" element={<AuditTimelinesTab />} />
            <Route path="populations" element={<AuditPopulationsTab />} />
          </Route>
          <Route path="vendors/*" element={<VendorsRoutes />} />
          <Route path="monitoring" element={<IntegrationsPage />} />
          <Route path="monitoring/tests" element={<TestsPage />} />
          <Route path="monitoring/custom-tests" element={<CustomTestsPage />} />
          <Route path="monitoring/:name" element={<IntegrationPage />} />
          <Route path="trust-center/*" element={<TrustCenterPage />} />
          <Route path="settings/*" element={<SettingsPage />} />
          <Route path="me" element={<MyPage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}

/**
 * Signed in and a member of the organization in the URL, or off to sign in / a clear 404. When the
 * organization requires a second factor the user lacks, the server refuses every call into it (403
 * MFA_REQUIRED): only Settings, Security is reachable, and every other page leads there.
 */
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
  const membership = session.data.organizations.find((m) => m.organization.slug === org);
  if (!membership)
    return (
      <main className="centered">
        <EmptyState title={`No organization "${org}" for you`}>
          You are not a member of it. <a href="/">Go to your organizations</a>.
        </EmptyState>
      </main>
    );
  const security = `/o/${org}/settings/security`;
  if (membership.organization.requireMfa && !session.data.user.mfaEnabled && location.pathname !== security)
    return <Navigate to={security} replace />;
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
