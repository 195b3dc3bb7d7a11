// Supervisor override (主管授权): a manager types username and PIN on this till; the server
// answers a single-use token for one action, which the sale carries (docs/checkout.md).
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../shared/api';
import { useTillT } from '../i18n';
import { authHeaders } from '../lib/device';
import { Dialog } from './Dialog';

export type ApprovalAction = 'sale.price_override' | 'sale.discount' | 'sale.void' | 'return.no_receipt';

export function ApprovalDialog(props: { action: ApprovalAction; storeId: string; onDone: (token: string | null) => void }) {
  const t = useTillT();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      const res = await api.post<{ approvalToken: string }>('/approvals', { action: props.action, storeId: props.storeId, username, pin }, { headers: authHeaders(), allowUnauthorized: true });
      props.onDone(res.approvalToken);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`${t('approval.title')} · ${t(`approval.reason.${props.action}`)}`}
      onClose={() => props.onDone(null)}
      testId="approval"
      footer={
        <>
          <button className="btn" onClick={() => props.onDone(null)}>{t('dialog.cancel')}</button>
          <button className="btn primary" disabled={busy} onClick={submit}>{t('approval.approve')}</button>
        </>
      }
    >
      <label>{t('approval.username')}</label>
      <input ref={first} value={username} onChange={(e) => setUsername(e.target.value)} data-testid="approval-username" />
      <label>{t('approval.pin')}</label>
      <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void submit()} data-testid="approval-pin" />
      {error && <div className="err">{error}</div>}
    </Dialog>
  );
}
