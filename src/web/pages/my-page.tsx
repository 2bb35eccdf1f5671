import { Page } from '../components/page.tsx';

export function MyPage() {
  return <Page title="MyPage">Being built.</Page>;
}
