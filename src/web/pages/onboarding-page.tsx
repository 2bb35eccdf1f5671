import { Page } from '../components/page.tsx';

export function OnboardingPage() {
  return <Page title="OnboardingPage">Being built.</Page>;
}
