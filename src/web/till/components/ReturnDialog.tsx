// Returns by scanning the receipt (退货): the receipt's barcode carries its number; the server
// shows what is left to return per line and refunds along the original tenders (docs/returns).
// Online only: what may still be returned is decided by the server, across every register.
import { useEffect, useRef, useState } from 'react';
import { uuidv7 } from '../../../core/id/uuidv7';
import { api } from '../../shared/api';
import { useTillT } from '../i18n';
import { authHeaders, type Pairing } from '../lib/device';
import { problemMessage } from '../lib/problem-message';
import { money, parseQty, qtyText } from '../lib/input';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { Catalog } from '../lib/catalog';
import { Dialog } from './Dialog';
import { NoReceiptReturn } from './NoReceiptReturn';

interface SaleLine {
  lineNo: number;
  name: string;
  unit: string;
  qty: number;
  /** Thousandths of the base unit sold (a case barcode, a scale label): what returns count in. */
  baseQty?: number;
  net: number;
  returnableQty: number;
}

interface SaleView {
  id: string;
  number: string;
  due: number;
  lines: SaleLine[];
  voided: boolean;
}

export interface ReturnDone {
  id: string;
  number: string;
  refund: number;
  refunds: { method: string; amount: number }[];
}

export function ReturnDialog(props: { pairing: Pairing; shiftId: string; online: boolean; catalog: Catalog; settings: CheckoutSettings; manager: boolean; onClose: () => void; onDone: (r: ReturnDone) => void }) {
  const t = useTillT();
  const [number, setNumber] = useState('');
  const [sale, setSale] = useState<SaleView | null>(null);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [noReceipt, setNoReceipt] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), [sale]);

  const find = async () => {
    setError('');
    try {
      const s = await api.get<SaleView>(`/sales/by-number/${encodeURIComponent(number.trim())}`, { headers: authHeaders(), allowUnauthorized: true });
      setSale(s);
      setQty({});
    } catch (e) {
      setError(problemMessage(e));
    }
  };

  const submit = async (whole: boolean) => {
    if (!sale) return;
    const lines = whole
      ? undefined
      : Object.entries(qty)
          .map(([lineNo, text]) => ({ lineNo: Number(lineNo), qty: parseQty(text) }))
          .filter((l): l is { lineNo: number; qty: number } => l.qty !== null);
    if (lines && !lines.length) return setError(t('dialog.badNumber'));
    setBusy(true);
    setError('');
    try {
      const body = { id: uuidv7(), registerId: props.pairing.registerId, shiftId: props.shiftId, clientTime: new Date().toISOString(), saleNumber: sale.number, ...(lines ? { lines } : {}) };
      const doc = await api.post<ReturnDone>('/returns', body, { headers: authHeaders(), allowUnauthorized: true, signal: AbortSignal.timeout(15_000) });
      props.onDone(doc);
    } catch (e) {
      setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (noReceipt) return <NoReceiptReturn {...props} />;
  return (
    <Dialog
      title={t('return.title')}
      onClose={props.onClose}
      testId="return-dialog"
      footer={
        sale ? (
          <>
            <button className="btn" onClick={() => setSale(null)}>{t('dialog.cancel')}</button>
            <button className="btn" disabled={busy} onClick={() => void submit(true)} data-testid="return-whole">{t('return.whole')}</button>
            <button className="btn primary" disabled={busy} onClick={() => void submit(false)} data-testid="return-lines">{t('return.selected')}</button>
          </>
        ) : (
          <button className="btn" onClick={() => setNoReceipt(true)} data-testid="no-receipt">{t('noReceipt.button')}</button>
        )
      }
    >
      {!props.online && <div className="err">{t('return.online')}</div>}
      {!sale ? (
        <>
          <label>{t('return.scan')}</label>
          <input ref={first} value={number} onChange={(e) => setNumber(e.target.value)} onKeyDown={(e) => {
              if (e.key === 'Enter') void find();
              else if (e.key === 'F2') {
                e.preventDefault();
                setNoReceipt(true);
              }
            }}
            data-testid="return-number"
          />
        </>
      ) : (
        <>
          <div className="hint">
            {sale.number} · {money(sale.due)}
          </div>
          <table className="grid" style={{ minWidth: 640 }}>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('sell.col.name')}</th>
                <th className="r">{t('return.sold')}</th>
                <th className="r">{t('return.left')}</th>
                <th className="r">{t('return.qty')}</th>
              </tr>
            </thead>
            <tbody>
              {sale.lines.map((l, i) => (
                <tr key={l.lineNo}>
                  <td>{l.lineNo}</td>
                  <td className="name">{l.name}</td>
                  <td className="r num">{qtyText(l.baseQty ?? l.qty)}</td>
                  <td className="r num">{qtyText(l.returnableQty)}</td>
                  <td className="r" style={{ width: 120 }}>
                    <input
                      ref={i === 0 ? first : undefined}
                      style={{ height: 34, fontSize: 16, width: 100 }}
                      disabled={l.returnableQty <= 0}
                      value={qty[l.lineNo] ?? ''}
                      onChange={(e) => setQty({ ...qty, [l.lineNo]: e.target.value })}
                      onKeyDown={(e) => e.key === 'Enter' && void submit(false)}
                      data-testid="return-qty"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {error && <div className="err" data-testid="return-error">{error}</div>}
    </Dialog>
  );
}
