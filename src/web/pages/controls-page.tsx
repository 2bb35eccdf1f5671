import { Page } from '../components/page.tsx';

export function ControlsPage() {
  return <Page title="ControlsPage">Being built.</Page>;
}
