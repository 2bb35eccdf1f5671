import { Page } from '../components/page.tsx';

export function TasksPage() {
  return <Page title="TasksPage">Being built.</Page>;
}
