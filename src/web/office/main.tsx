import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { OfficeApp } from './App';

// The office lives under /office; anything else on this origin (e.g. `/` in the dev server)
// is sent there so the router's basename always matches.
if (!window.location.pathname.startsWith('/office')) {
  window.history.replaceState(null, '', '/office/');
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OfficeApp />
  </StrictMode>,
);
