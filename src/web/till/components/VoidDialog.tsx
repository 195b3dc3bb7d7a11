// 作废整单: voids a completed sale of this shift (POST /voids). A cashier needs a manager's
// approval (sale.void) first; a manager voids on their own. Every tender is paid back in full.
import { useEffect, useRef, useState } from 'react';
import { uuidv7 } from '../../../core/id/uuidv7';
import { api } from '../../shared/api';
import { useTillT } from '../i18n';
import { authHeaders, type Pairing } from '../lib/device';
import { problemMessage } from '../lib/problem-message';
import { Dialog } from './Dialog';
import { useManagerApproval } from './useManagerApproval';

export interface VoidDone {
  id: string;
  number: string;
  originalNumber: string;
  refund: number;
}

export function VoidDialog(props: { pairing: Pairing; manager: boolean; online: boolean; initialNumber?: string; onClose: () => void; onDone: (v: VoidDone) => void }) {
  const t = useTillT();
  const [number, setNumber] = useState(props.initialNumber ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);

  const post = async (approvalToken?: string) => {
    setBusy(true);
    setError('');
    try {
      const body = { id: uuidv7(), registerId: props.pairing.registerId, saleNumber: number.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}), ...(approvalToken ? { approvalToken } : {}) };
      props.onDone(await api.post<VoidDone>('/voids', body, { headers: authHeaders(), allowUnauthorized: true, signal: AbortSignal.timeout(15_000) }));
    } catch (e) {
      setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const { request, approval } = useManagerApproval({ manager: props.manager, action: 'sale.void', storeId: props.pairing.storeId, post });
  const submit = () => {
    if (!number.trim()) return;
    request();
  };

  if (approval) return approval;
  return (
    <Dialog
      title={t('voidSale.title')}
      onClose={props.onClose}
      testId="void-dialog"
      footer={
        <>
          <button className="btn" onClick={props.onClose}>{t('dialog.cancel')}</button>
          <button className="btn danger primary" disabled={busy || !props.online} onClick={submit} data-testid="void-submit">{t('voidSale.submit')}</button>
        </>
      }
    >
      {!props.online && <div className="err">{t('voidSale.online')}</div>}
      <label>{t('voidSale.number')}</label>
      <input ref={first} value={number} onChange={(e) => setNumber(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && submit()} data-testid="void-number" />
      <label>{t('voidSale.reason')}</label>
      <input value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && submit()} data-testid="void-reason" />
      {error && <div className="err" data-testid="void-error">{error}</div>}
    </Dialog>
  );
}
