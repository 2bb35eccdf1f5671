import { Page } from '../components/page.tsx';

export function CriteriaPage() {
  return <Page title="CriteriaPage">Being built.</Page>;
}
