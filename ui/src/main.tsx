import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { applyTheme, readThemePreference } from './app/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/overlay.css';

// Before the first paint, so a dark-theme user never sees a white flash.
applyTheme(readThemePreference());

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
