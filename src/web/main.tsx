import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { App } from './app.tsx';
import './styles.css';

/**
 * 403 MFA_REQUIRED: the organization now requires a second factor the user lacks. Reading the session again
 * brings that news to RequireMembership (app.tsx), which sends the user to Settings, Security.
 */
function onApiError(error: Error): void {
  if (
    error instanceof ApiError &&
    error.code === 'MFA_REQUIRED' &&
    !queries.isFetching({ queryKey: ['session'] })
  )
    void queries.invalidateQueries({ queryKey: ['session'] });
}

const queries: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
