import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { DisplayApp } from './DisplayApp';
import { TillApp } from './TillApp';

// The service worker keeps the app shell, so a reload works while the server is down.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  void navigator.serviceWorker.register('/till/sw.js', { scope: '/till/' }).catch(() => undefined);
}
// Ask the browser not to evict the outbox and the catalog under storage pressure.
void navigator.storage?.persist?.().catch(() => undefined);

const isDisplay = location.pathname.replace(/\/$/, '') === '/till/display';
createRoot(document.getElementById('root')!).render(<StrictMode>{isDisplay ? <DisplayApp /> : <TillApp />}</StrictMode>);
