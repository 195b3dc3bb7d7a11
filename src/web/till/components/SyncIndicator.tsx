// Where the sales stand: online / offline / N waiting / failures, with the details one click away.
import { useEffect, useState } from 'react';
import { useTillT } from '../i18n';
import { money } from '../lib/input';
import { outboxEntries, type OutboxEntry } from '../lib/outbox';
import type { SyncView } from '../lib/sync';
import { Dialog } from './Dialog';

export function SyncIndicator(props: { view: SyncView; catalog: { size: number; refreshedAt: string | null }; onRetry: () => void }) {
  const t = useTillT();
  const [open, setOpen] = useState(false);
  const v = props.view;
  const state = v.errors.length || v.needsLogin ? 'error' : v.online && !v.waiting ? 'online' : 'offline';
  const parts = [v.online ? t('sync.online') : t('sync.offline')];
  if (v.waiting) parts.push(t('sync.waiting', { count: v.waiting }));
  if (v.errors.length) parts.push(t('sync.errors', { count: v.errors.length }));
  if (v.needsLogin) parts.push(t('sync.needsLogin'));
  return (
    <>
      <button className={`sync ${state}`} data-testid="sync-indicator" data-online={v.online} data-waiting={v.waiting} onClick={() => setOpen(true)} title={v.lastError?.detail ?? ''}>
        {parts.join(' · ')}
      </button>
      {open && <SyncPanel view={v} catalog={props.catalog} onRetry={props.onRetry} onClose={() => setOpen(false)} />}
    </>
  );
}

function SyncPanel(props: { view: SyncView; catalog: { size: number; refreshedAt: string | null }; onRetry: () => void; onClose: () => void }) {
  const t = useTillT();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    void outboxEntries().then((all) => setEntries(all.slice(-30).reverse()));
  }, [props.view]);
  const time = props.catalog.refreshedAt ? new Date(props.catalog.refreshedAt).toLocaleTimeString() : '—';
  return (
    <Dialog
      title={t('sync.title')}
      onClose={props.onClose}
      testId="sync-panel"
      footer={
        <>
          <span className="hint" style={{ flex: 1 }}>{t('sync.catalog', { count: props.catalog.size, time })}</span>
          <button className="btn" onClick={props.onRetry}>{t('sync.retry')}</button>
          <button className="btn primary" onClick={props.onClose}>{t('dialog.ok')}</button>
        </>
      }
    >
      {props.view.lastError && !props.view.online && <div className="err">{props.view.lastError.detail ?? props.view.lastError.title}</div>}
      {entries.length === 0 ? (
        <p>{t('sync.empty')}</p>
      ) : (
        <table className="grid" style={{ minWidth: 640 }}>
          <thead>
            <tr>
              <th>{t('sync.number')}</th>
              <th>{t('sync.status')}</th>
              <th className="r">{t('sync.total')}</th>
              <th>{t('sync.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="outbox-row" data-status={e.status}>
                <td className="num">{e.number ?? e.localNumber}</td>
                <td>{t(`sync.${e.status}`)}{e.body.offline ? ` · ${t('sync.offline')}` : ''}</td>
                <td className="r num">{money(e.body.clientTotal)}</td>
                <td style={{ whiteSpace: 'normal', maxWidth: 280 }}>{e.status === 'error' || e.status === 'pending' ? (e.lastError?.detail ?? '') : (e.flags ?? []).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
