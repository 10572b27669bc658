import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TrainvizProvider } from '@trainviz/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const experimentId = 'qwen2.5-7b-chat';
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});
const root = document.getElementById('root');

if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <TrainvizProvider baseUrl={`${window.location.origin}/api`}>
          <App experimentId={experimentId} />
        </TrainvizProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
