import { Page } from '../components/page.tsx';

export function CriterionPage() {
  return <Page title="CriterionPage">Being built.</Page>;
}
