// Payment (结账): cash with change and quick notes, a scanned payment code (付款码: WeChat /
// Alipay / UnionPay recognised by the core's classifyPaymentCode), a card with the terminal's
// reference, or any mix of them (组合支付). The core's settlePayments decides when it is paid.
import { useEffect, useRef, useState } from 'react';
import type { SalePaymentInput } from '../../../contracts/sales';
import { classifyPaymentCode } from '../../../core/payments/payment-code';
import { settlePayments } from '../../../core/pricing/settle-payments';
import { useTillT } from '../i18n';
import { money, parseYuan } from '../lib/input';
import { Dialog } from './Dialog';

export type PayOutcome = { ok: true } | { ok: false; message: string };

export function PayDialog(props: { due: number; online: boolean; onCancel: () => void; onPay: (payments: SalePaymentInput[], change: number) => Promise<PayOutcome> }) {
  const t = useTillT();
  const [tenders, setTenders] = useState<SalePaymentInput[]>([]);
  const [text, setText] = useState('');
  const [cardRef, setCardRef] = useState<{ amount: number } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const refInput = useRef<HTMLInputElement>(null);

  const paid = tenders.reduce((s, p) => s + p.amount, 0);
  const nonCash = tenders.filter((p) => p.method !== 'cash').reduce((s, p) => s + p.amount, 0);
  const remaining = Math.max(0, props.due - paid);
  const change = Math.max(0, paid - props.due);

  useEffect(() => {
    if (cardRef) refInput.current?.focus();
    else input.current?.focus();
  }, [cardRef, tenders, busy]);

  const add = async (p: SalePaymentInput) => {
    setError('');
    const next = [...tenders, p];
    setTenders(next);
    setText('');
    const settled = settlePayments(props.due, next);
    if (!settled.ok) {
      if (settled.code === 'noncash_overpaid') {
        setTenders(tenders);
        setError(settled.message);
      }
      return;
    }
    setBusy(true);
    const outcome = await props.onPay(next, settled.value.change);
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      // Wallet charges are per request: a refused sale keeps only the cash to be tried again.
      setTenders(next.filter((x) => x.method === 'cash' || x.method === 'card'));
    }
  };

  const enter = () => {
    const v = text.trim();
    if (/^\d{16,24}$/.test(v)) {
      const method = classifyPaymentCode(v);
      if (!method) return setError(t('pay.unknownCode'));
      if (!props.online) return setError(t('pay.walletOffline'));
      return void add({ method, amount: remaining, authCode: v });
    }
    const amount = v === '' ? remaining : parseYuan(v);
    if (amount === null || amount <= 0) return setError(t('dialog.badNumber'));
    void add({ method: 'cash', amount });
  };

  const card = () => {
    const v = text.trim();
    const amount = v === '' ? remaining : parseYuan(v);
    if (amount === null || amount <= 0 || amount > props.due - nonCash) return setError(t('dialog.badNumber'));
    setCardRef({ amount });
  };

  const keys = (e: React.KeyboardEvent) => {
    if (busy) return;
    const map: Record<string, () => void> = {
      F2: () => void add({ method: 'cash', amount: 5000 }),
      F3: () => void add({ method: 'cash', amount: 10_000 }),
      F4: () => void add({ method: 'cash', amount: remaining }),
      F6: card,
    };
    const f = map[e.key];
    if (f && !cardRef) {
      e.preventDefault();
      f();
    }
  };

  return (
    <Dialog title={t('pay.title')} onClose={() => !busy && props.onCancel()} className="pay" testId="pay-dialog">
      <div onKeyDown={keys}>
        <div className="figures">
          <div className="fig due">
            <span>{t('pay.due')}</span>
            <b className="num" data-testid="pay-due">{money(props.due)}</b>
          </div>
          <div className="fig">
            <span>{t('pay.paid')}</span>
            <b className="num">{money(paid)}</b>
          </div>
          <div className="fig">
            <span>{t('pay.remaining')}</span>
            <b className="num" data-testid="pay-remaining">{money(remaining)}</b>
          </div>
          <div className="fig change">
            <span>{t('pay.change')}</span>
            <b className="num">{money(change)}</b>
          </div>
        </div>
        {cardRef ? (
          <>
            <label>
              {t('pay.card')} {money(cardRef.amount)} · {t('pay.cardRef')}
            </label>
            <input
              ref={refInput}
              className="amount"
              data-testid="card-ref"
              onKeyDown={(e) => {
                const ref = e.currentTarget.value.trim();
                if (e.key === 'Enter' && ref) {
                  setCardRef(null);
                  void add({ method: 'card', amount: cardRef.amount, reference: ref });
                }
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setCardRef(null);
                }
              }}
            />
          </>
        ) : (
          <input
            ref={input}
            className="amount num"
            data-testid="pay-input"
            placeholder={money(remaining)}
            value={text}
            disabled={busy}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && enter()}
          />
        )}
        <div className="hint">{t('pay.amountHint')}</div>
        <div className="methods">
          <button className="btn big" disabled={busy} onClick={() => void add({ method: 'cash', amount: 5000 })}>F2 ¥50</button>
          <button className="btn big" disabled={busy} onClick={() => void add({ method: 'cash', amount: 10_000 })}>F3 ¥100</button>
          <button className="btn big" disabled={busy} onClick={() => void add({ method: 'cash', amount: remaining })}>F4 {t('pay.exact')}</button>
          <button className="btn big" disabled={busy} onClick={card}>F6 {t('pay.card')}</button>
        </div>
        {tenders.length > 0 && (
          <table className="tenders" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              {tenders.map((p, i) => (
                <tr key={i} data-testid="tender">
                  <td>{t(`pay.${p.method}`)}</td>
                  <td className="num">{p.authCode ? `…${p.authCode.slice(-4)}` : (p.reference ?? '')}</td>
                  <td className="num" style={{ textAlign: 'right' }}>{money(p.amount)}</td>
                  <td style={{ textAlign: 'right' }}>
                    <button className="btn" disabled={busy} onClick={() => setTenders(tenders.filter((_, j) => j !== i))}>{t('pay.remove')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {busy && <div className="hint">{t('pay.sending')}</div>}
        {error && <div className="err" data-testid="pay-error">{error}</div>}
      </div>
    </Dialog>
  );
}
