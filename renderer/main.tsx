// The app-wide look first: each feature's own CSS (imported by its components) follows it and refines it.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App';
import { resolveApi } from './api/client';
import { useAppStore } from './state/app-store';
import { queryClient } from './state/query-client';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
  void useAppStore.getState().start(resolveApi());
}
