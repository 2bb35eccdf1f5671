import { Page } from '../components/page.tsx';

export function ControlPage() {
  return <Page title="ControlPage">Being built.</Page>;
}
