import { Page } from '../components/page.tsx';

export function PoliciesPage() {
  return <Page title="PoliciesPage">Being built.</Page>;
}
