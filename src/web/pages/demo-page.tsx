import { Page } from '../components/page.tsx';

export function DemoPage() {
  return <Page title="DemoPage">Being built.</Page>;
}
