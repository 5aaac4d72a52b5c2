import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { resolveApi } from './api/client';
import { useAppStore } from './state/app-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(<StrictMode><App /></StrictMode>);
  void useAppStore.getState().start(resolveApi());
}
