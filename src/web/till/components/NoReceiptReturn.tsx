// 无小票退货: goods come back without a receipt at a price the cashier types (default: today's
// price), refunded in cash. A cashier needs a manager's approval (return.no_receipt).
import { useEffect, useRef, useState } from 'react';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import { uuidv7 } from '../../../core/id/uuidv7';
import { api } from '../../shared/api';
import { useTillT } from '../i18n';
import type { Catalog } from '../lib/catalog';
import { authHeaders, type Pairing } from '../lib/device';
import { problemMessage } from '../lib/problem-message';
import { money, parseQty, parseYuan } from '../lib/input';
import { Dialog } from './Dialog';
import { useManagerApproval } from './useManagerApproval';
import type { ReturnDone } from './ReturnDialog';

interface Item {
  productId: string;
  name: string;
  unit: string;
  qty: string;
  price: string;
}

export function NoReceiptReturn(props: { pairing: Pairing; shiftId: string; catalog: Catalog; settings: CheckoutSettings; manager: boolean; onClose: () => void; onDone: (r: ReturnDone) => void }) {
  const t = useTillT();
  const [code, setCode] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const add = () => {
    const match = props.catalog.lookup(code.trim());
    setCode('');
    if (!match) return setError(t('sell.notFound', { code: code.trim() }));
    setError('');
    setItems([...items, { productId: match.product.id, name: match.product.name, unit: match.product.unit, qty: '1', price: (match.product.price / 100).toFixed(2) }]);
  };
  const parsed = () => items.map((i) => ({ productId: i.productId, qty: parseQty(i.qty), unitPrice: parseYuan(i.price) }));
  const total = parsed().reduce((s, i) => s + (i.qty && i.unitPrice ? Math.round((i.qty * i.unitPrice) / 1000) : 0), 0);

  const post = async (approvalToken?: string) => {
    const withoutReceipt = parsed();
    if (withoutReceipt.some((i) => !i.qty || !i.unitPrice)) return setError(t('dialog.badNumber'));
    setBusy(true);
    setError('');
    try {
      const body = { id: uuidv7(), registerId: props.pairing.registerId, shiftId: props.shiftId, clientTime: new Date().toISOString(), withoutReceipt, ...(approvalToken ? { approvalToken } : {}) };
      props.onDone(await api.post<ReturnDone>('/returns', body, { headers: authHeaders(), allowUnauthorized: true, signal: AbortSignal.timeout(15_000) }));
    } catch (e) {
      setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const { request, approval } = useManagerApproval({ manager: props.manager, action: 'return.no_receipt', storeId: props.pairing.storeId, post });
  const submit = () => {
    if (!items.length) return setError(t('noReceipt.empty'));
    request();
  };

  if (approval) return approval;
  return (
    <Dialog
      title={t('noReceipt.title')}
      onClose={props.onClose}
      testId="no-receipt-dialog"
      footer={
        <>
          <span className="num" style={{ marginRight: 'auto', fontSize: 18 }}>{money(total)}</span>
          <button className="btn" onClick={props.onClose}>{t('dialog.cancel')}</button>
          <button className="btn primary" disabled={busy} onClick={submit} data-testid="no-receipt-submit">{t('noReceipt.submit')}</button>
        </>
      }
    >
      <label>{t('noReceipt.code')}</label>
      <input ref={first} value={code} onChange={(e) => setCode(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (code.trim() ? add() : submit())} data-testid="no-receipt-code" />
      {items.length > 0 && (
        <table className="grid" style={{ minWidth: 560 }}>
          <thead>
            <tr>
              <th>{t('sell.col.name')}</th>
              <th className="r">{t('noReceipt.qty')}</th>
              <th className="r">{t('noReceipt.price')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <tr key={`${item.productId}:${i}`}>
                <td className="name">{item.name}</td>
                <td className="r">
                  <input style={{ height: 34, width: 90 }} value={item.qty} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, qty: e.target.value } : x)))} data-testid="no-receipt-qty" />
                </td>
                <td className="r">
                  <input style={{ height: 34, width: 110 }} value={item.price} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, price: e.target.value } : x)))} data-testid="no-receipt-price" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <div className="err" data-testid="no-receipt-error">{error}</div>}
    </Dialog>
  );
}
