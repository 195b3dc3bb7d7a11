// 换货: goods of a receipt come back and others go out in one exchange document (POST /exchanges).
// The difference is the server's: the till asks with a clientNet it cannot match and reads
// `serverNet` from the 422, shows it, and posts with it once the cashier confirms (paying it
// through the pay dialog when the customer owes money).
import { useEffect, useRef, useState } from 'react';
import type { SalePaymentInput } from '../../../contracts/sales';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import { uuidv7 } from '../../../core/id/uuidv7';
import { ApiError, api } from '../../shared/api';
import { useTillT } from '../i18n';
import { emptyCart, lineFromScan, saleLines, type CartLine } from '../lib/basket';
import type { Catalog } from '../lib/catalog';
import { authHeaders, type Pairing } from '../lib/device';
import { problemMessage } from '../lib/problem-message';
import { money, parseQty, qtyText } from '../lib/input';
import { Dialog } from './Dialog';
import { PayDialog, type PayOutcome } from './PayDialog';

interface SaleLine {
  lineNo: number;
  name: string;
  qty: number;
  baseQty?: number;
  returnableQty: number;
}

export interface ExchangeDone {
  id: string;
  number: string;
  net: number;
}

const PROBE_NET = Number.MAX_SAFE_INTEGER;

export function ExchangeDialog(props: { pairing: Pairing; shiftId: string; catalog: Catalog; settings: CheckoutSettings; online: boolean; onClose: () => void; onDone: (d: ExchangeDone) => void }) {
  const t = useTillT();
  const [number, setNumber] = useState('');
  const [sale, setSale] = useState<{ number: string; lines: SaleLine[] } | null>(null);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [code, setCode] = useState('');
  const [lines, setLines] = useState<CartLine[]>([]);
  const [net, setNet] = useState<number | null>(null);
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), [sale]);
  const opts = { headers: authHeaders(), allowUnauthorized: true, signal: AbortSignal.timeout(15_000) };

  const find = async () => {
    setError('');
    try {
      setSale(await api.get<{ number: string; lines: SaleLine[] }>(`/sales/by-number/${encodeURIComponent(number.trim())}`, opts));
    } catch (e) {
      setError(problemMessage(e));
    }
  };

  const returnLines = () =>
    Object.entries(qty)
      .map(([lineNo, text]) => ({ lineNo: Number(lineNo), qty: parseQty(text) }))
      .filter((l): l is { lineNo: number; qty: number } => l.qty !== null && l.qty > 0);

  const body = (clientNet: number, payments: SalePaymentInput[]) => ({
    id: uuidv7(),
    registerId: props.pairing.registerId,
    shiftId: props.shiftId,
    clientTime: new Date().toISOString(),
    saleNumber: sale?.number,
    returnLines: returnLines(),
    lines: saleLines({ ...emptyCart(), lines }),
    payments,
    clientNet,
  });

  const scan = () => {
    const c = code.trim();
    if (!c) return;
    const line = lineFromScan(props.catalog, props.settings, c, 1000);
    setCode('');
    setNet(null);
    if (line.ok) setLines([...lines, line.value]);
    else setError(t('sell.notFound', { code: c }));
  };

  const price = async () => {
    setError('');
    if (!returnLines().length) return setError(t('dialog.badNumber'));
    if (!lines.length) return setError(t('exchange.noNew'));
    setBusy(true);
    try {
      await api.post('/exchanges', body(PROBE_NET, []), opts);
    } catch (e) {
      const serverNet = e instanceof ApiError ? (e.problem as { serverNet?: number }).serverNet : undefined;
      if (e instanceof ApiError && e.problem.code === 'client_total_mismatch' && typeof serverNet === 'number') setNet(serverNet);
      else setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const post = async (payments: SalePaymentInput[]): Promise<PayOutcome> => {
    if (net === null) return { ok: false, message: 'net' };
    setBusy(true);
    setError('');
    try {
      const done = await api.post<ExchangeDone>('/exchanges', body(net, payments), opts);
      props.onDone(done);
      return { ok: true };
    } catch (e) {
      setError(problemMessage(e));
      return { ok: false, message: problemMessage(e) };
    } finally {
      setBusy(false);
    }
  };

  /** Enter on an empty scan box: work out the difference, then confirm it. */
  const confirm = () => (net !== null && net > 0 ? setPaying(true) : void post([]));

  if (paying && net !== null && net > 0) return <PayDialog due={net} online={props.online} onCancel={() => setPaying(false)} onPay={(payments) => post(payments)} />;
  return (
    <Dialog
      title={t('exchange.title')}
      onClose={props.onClose}
      testId="exchange-dialog"
      footer={
        sale ? (
          <>
            <button className="btn" onClick={props.onClose}>{t('dialog.cancel')}</button>
            <button className="btn" disabled={busy} onClick={() => void price()} data-testid="exchange-price">{t('exchange.price')}</button>
            <button
              className="btn primary"
              disabled={busy || net === null}
              onClick={confirm}
              data-testid="exchange-confirm"
            >
              {net !== null && net > 0 ? t('exchange.pay') : t('exchange.confirm')}
            </button>
          </>
        ) : undefined
      }
    >
      {!props.online && <div className="err">{t('exchange.online')}</div>}
      {!sale ? (
        <>
          <label>{t('return.scan')}</label>
          <input ref={first} value={number} onChange={(e) => setNumber(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void find()} data-testid="exchange-number" />
        </>
      ) : (
        <>
          <div className="hint">{t('exchange.returnStep')}</div>
          <table className="grid" style={{ minWidth: 600 }}>
            <tbody>
              {sale.lines.map((l, i) => (
                <tr key={l.lineNo}>
                  <td>{l.lineNo}</td>
                  <td className="name">{l.name}</td>
                  <td className="r num">{qtyText(l.returnableQty)}</td>
                  <td className="r" style={{ width: 120 }}>
                    <input
                      ref={i === 0 ? first : undefined}
                      style={{ height: 34, fontSize: 16, width: 100 }}
                      disabled={l.returnableQty <= 0}
                      value={qty[l.lineNo] ?? ''}
                      onChange={(e) => {
                        setNet(null);
                        setQty({ ...qty, [l.lineNo]: e.target.value });
                      }}
                      data-testid="exchange-return-qty"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>{t('exchange.newStep')}</label>
          <input value={code} onChange={(e) => setCode(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (code.trim() ? scan() : net === null ? void price() : confirm())} data-testid="exchange-scan" />
          {lines.length > 0 && (
            <table className="grid" style={{ minWidth: 600 }}>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.key}>
                    <td className="name">{l.name}</td>
                    <td className="r num">
                      {qtyText(l.scale ? l.scale.weight : l.qty)} {l.unit}
                    </td>
                    <td className="r num">{money(l.price)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {net !== null && (
            <div className="exchange-net" data-testid="exchange-net">
              {t('exchange.net')}: <b className="num">{net >= 0 ? t('exchange.customerPays', { amount: money(net) }) : t('exchange.customerGets', { amount: money(-net) })}</b>
            </div>
          )}
        </>
      )}
      {error && <div className="err" data-testid="exchange-error">{error}</div>}
    </Dialog>
  );
}
