// The selling screen: one always-focused scan box, a dense line list, the total in large
// figures, quick keys for unbarcoded goods and every function on a key (F1 lists them).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SaleInput, SalePaymentInput } from '../../../contracts/sales';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { TillProduct } from '../../../contracts/till';
import { uuidv7 } from '../../../core/id/uuidv7';
import type { Discount, PricedBasket } from '../../../core/pricing/price-basket';
import type { ReceiptModel } from '../../../core/receipts/receipt-model';
import { useTillT } from '../i18n';
import { approvalsNeeded, emptyCart, lineFromProduct, lineFromScan, priceCart, saleLines, type Cart, type CartLine } from '../lib/basket';
import type { Catalog } from '../lib/catalog';
import { ApiError, api } from '../../shared/api';
import { authHeaders, isManager, type CashierSession, type OpenShift, type Pairing } from '../lib/device';
import { displayChannel, type DisplayState } from '../lib/display-channel';
import { heldSales, holdSale, takeHeldSale } from '../lib/held';
import { HOTKEYS, hotkeyAction, type HotkeyAction } from '../lib/hotkeys';
import { money, parseDiscount, parseQty, parseYuan, qtyText } from '../lib/input';
import { addToOutbox, deliverNow, outboxEntries } from '../lib/outbox';
import { receiptOf } from '../lib/receipt';
import type { TillSync } from '../lib/sync';
import { ApprovalDialog, type ApprovalAction } from './ApprovalDialog';
import { Dialog, PromptDialog } from './Dialog';
import { HelpOverlay } from './HelpOverlay';
import { PayDialog, type PayOutcome } from './PayDialog';
import { printHtml, printReceipt, ReceiptDialog, receiptWidth, type ShownReceipt } from './ReceiptDialog';
import { ReturnDialog, type ReturnDone } from './ReturnDialog';
import { ExchangeDialog, type ExchangeDone } from './ExchangeDialog';
import { VoidDialog, type VoidDone } from './VoidDialog';

type Modal =
  | { kind: 'help' }
  | { kind: 'pay'; due: number }
  | { kind: 'receipt'; shown: ShownReceipt }
  | { kind: 'return' }
  | { kind: 'void' }
  | { kind: 'exchange' }
  | { kind: 'prompt'; title: string; label: string; hint?: string; initial?: string; parse: (s: string) => unknown; apply: (v: never) => void }
  | { kind: 'approval'; action: ApprovalAction; then: (token: string | null) => void }
  | { kind: 'recall' };

interface Props {
  pairing: Pairing;
  session: CashierSession;
  shift: OpenShift;
  catalog: Catalog;
  catalogVersion: number;
  settings: CheckoutSettings;
  online: boolean;
  sync: TillSync;
}

const CART_KEY = 'cangshou.till.cart';
/** Training mode (培训模式) survives a reload so a trainee never posts by accident after F5. */
const TRAINING_KEY = 'cangshou.till.training';
const WALLETS = ['wechat', 'alipay', 'unionpay'];

function loadCart(): Cart {
  try {
    return (JSON.parse(localStorage.getItem(CART_KEY) ?? 'null') as Cart | null) ?? emptyCart();
  } catch {
    return emptyCart();
  }
}

export function SellScreen(props: Props) {
  const t = useTillT();
  const { catalog, settings, pairing, session } = props;
  // The basket survives a reload (a crash mid-sale loses nothing the cashier scanned).
  const [cart, setCartState] = useState<Cart>(loadCart);
  const [selected, setSelected] = useState(-1);
  const [text, setText] = useState('');
  const [nextQty, setNextQty] = useState(1000);
  const [resultIndex, setResultIndex] = useState(-1);
  const [modal, setModal] = useState<Modal | null>(null);
  const [toast, setToast] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [lastReceipt, setLastReceipt] = useState<ReceiptModel | null>(null);
  const scan = useRef<HTMLInputElement>(null);
  const channel = useMemo(() => displayChannel(), []);
  const manager = isManager(session.user);
  const [training, setTrainingState] = useState(() => localStorage.getItem(TRAINING_KEY) === 'on');
  const setTraining = (on: boolean) => {
    setTrainingState(on);
    if (on) localStorage.setItem(TRAINING_KEY, 'on');
    else localStorage.removeItem(TRAINING_KEY);
  };

  const setCart = useCallback((c: Cart) => {
    setCartState(c);
    localStorage.setItem(CART_KEY, JSON.stringify(c));
  }, []);

  const priced = useMemo(() => priceCart(cart, settings), [cart, settings]);
  const basket: PricedBasket | null = priced.ok ? priced.value : null;
  const results = useMemo(() => (text.length >= 1 && !/^\d{8,}$/.test(text) ? catalog.search(text, 10) : []), [text, catalog, props.catalogVersion]);
  const quickKeys = useMemo(() => catalog.quickKeys(12), [catalog, props.catalogVersion]);

  const say = (kind: 'info' | 'error', message: string) => {
    setToast({ kind, text: message });
    setTimeout(() => setToast((cur) => (cur?.text === message ? null : cur)), kind === 'error' ? 4000 : 1800);
  };

  // Keep the scan box focused whenever no dialog is open.
  useEffect(() => {
    if (modal) return;
    const focus = () => scan.current?.focus();
    focus();
    const id = setInterval(() => {
      if (document.activeElement !== scan.current && !document.querySelector('.overlay')) focus();
    }, 500);
    return () => clearInterval(id);
  }, [modal]);

  // The customer display follows the basket.
  useEffect(() => {
    if (!channel || modal?.kind === 'receipt') return;
    const b = basket;
    const state: DisplayState = {
      phase: cart.lines.length ? (modal?.kind === 'pay' ? 'paying' : 'selling') : 'idle',
      storeName: pairing.storeName,
      lines: cart.lines.map((l, i) => ({ name: l.name, qty: `${qtyText(l.scale ? l.scale.weight : l.qty)} ${l.unit}`, amount: b?.lines[i]?.net ?? 0 })),
      total: b?.due ?? 0,
      discount: b ? b.lines.reduce((s, l) => s + l.lineDiscount + l.orderDiscountShare, 0) : 0,
      paid: 0,
      change: 0,
      last: cart.lines.length && b ? { name: cart.lines[cart.lines.length - 1].name, amount: b.lines[cart.lines.length - 1].net } : null,
    };
    channel.postMessage(state);
  }, [cart, basket, modal, channel, pairing.storeName]);

  const addLine = (line: CartLine) => {
    const next = { ...cart, lines: [...cart.lines, line] };
    const p = priceCart(next, settings);
    if (!p.ok) return say('error', p.message);
    setCart(next);
    setSelected(next.lines.length - 1);
    setNextQty(1000);
  };

  const addProduct = (p: TillProduct) => {
    setText('');
    setResultIndex(-1);
    if (p.weighable) {
      // Weighed at the counter without a label: the cashier enters the weight.
      setModal({
        kind: 'prompt',
        title: t('dialog.weightFor', { name: p.name }),
        label: t('dialog.weight'),
        parse: parseQty,
        apply: ((grams: number) => addLine(lineFromProduct(p, grams))) as (v: never) => void,
      });
      return;
    }
    addLine(lineFromProduct(p, nextQty));
  };

  const enter = () => {
    const code = text.trim();
    if (!code) {
      if (cart.lines.length) void pay();
      return;
    }
    if (resultIndex >= 0 && results[resultIndex]) return addProduct(results[resultIndex]);
    const line = lineFromScan(catalog, settings, code, nextQty);
    if (line.ok) {
      setText('');
      addLine(line.value);
      return;
    }
    if (line.code === 'not_found' && results.length === 1) return addProduct(results[0]);
    if (line.code === 'not_found' && results.length > 1) return setResultIndex(0);
    const messages: Record<string, string> = {
      not_found: t('sell.notFound', { code }),
      scale_bad_check_digit: t('sell.scaleBad'),
      scale_unknown_plu: t('sell.scaleUnknown'),
      scale_label_qty: t('sell.scaleQty'),
    };
    setText('');
    say('error', messages[line.code] ?? line.message);
  };

  /** Asks a manager for what `next` needs beyond what the cart already holds (online, cashier). */
  const withApprovals = (next: Cart, done: (c: Cart) => void) => {
    const p = priceCart(next, settings);
    if (!p.ok) return say('error', p.message);
    const missing = approvalsNeeded(next, p.value, settings).filter((a) => !next.approvals.some((x) => x.action === a));
    if (manager || !missing.length) return done(next);
    if (!props.online) {
      say('info', t('sell.offlineApproval'));
      return done(next);
    }
    const ask = (c: Cart, rest: ('sale.price_override' | 'sale.discount')[]) => {
      if (!rest.length) return done(c);
      setModal({
        kind: 'approval',
        action: rest[0],
        then: (token) => {
          setModal(null);
          if (token) ask({ ...c, approvals: [...c.approvals, { action: rest[0], token }] }, rest.slice(1));
        },
      });
    };
    ask(next, missing);
  };

  const updateLine = (i: number, patch: Partial<CartLine>) => {
    const next = { ...cart, lines: cart.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) };
    withApprovals(next, setCart);
  };

  const prompt = <V,>(title: string, label: string, parse: (s: string) => V | null, apply: (v: V) => void, hint?: string, initial?: string) =>
    setModal({ kind: 'prompt', title, label, hint, initial, parse, apply: apply as (v: never) => void });

  const current = selected >= 0 && selected < cart.lines.length ? selected : cart.lines.length - 1;

  const pay = async () => {
    if (!basket || !cart.lines.length) return;
    withApprovals(cart, (c) => {
      setCart(c);
      setModal({ kind: 'pay', due: basket.due });
    });
  };

  const completeSale = async (payments: SalePaymentInput[], change: number): Promise<PayOutcome> => {
    if (!basket) return { ok: false, message: 'basket' };
    const online = props.online;
    const wallet = payments.some((p) => WALLETS.includes(p.method));
    const tokens = cart.approvals.map((a) => a.token);
    const body: SaleInput = {
      id: uuidv7(),
      registerId: pairing.registerId,
      shiftId: props.shift.id,
      lines: saleLines(cart),
      ...(cart.orderDiscount ? { orderDiscount: cart.orderDiscount } : {}),
      ...(cart.memberCode ? { memberCode: cart.memberCode } : {}),
      payments,
      clientTotal: basket.due,
      offline: !online,
      clientTime: new Date().toISOString(),
      ...(tokens.length ? { approvalToken: tokens.length === 1 ? tokens[0] : tokens } : {}),
    };
    const receiptPayments = payments.map((p) => ({ method: p.method, amount: p.amount, reference: p.reference ?? null }));
    if (training) return completeTraining(body, receiptPayments, change);
    // Durable first: the sale is in IndexedDB before anything says paid.
    const entry = await addToOutbox((seq) => {
      const localNumber = `${pairing.storeCode}-${pairing.registerCode}-L${String(seq).padStart(6, '0')}`;
      return {
        id: body.id,
        localNumber,
        registerId: pairing.registerId,
        createdAt: body.clientTime,
        body,
        token: session.token,
        receipt: receiptOf({ cart, settings, priced: basket, payments: receiptPayments, change, number: localNumber, pairing, cashier: session.user.displayName, issuedAt: body.clientTime, offline: !online }),
      };
    });
    let receipt = entry.receipt;
    let provisional = true;
    if (online) {
      const outcome = await deliverNow(entry, wallet ? null : { ...body, offline: true });
      if (outcome.kind === 'refused') {
        void props.sync.updateCounts();
        return { ok: false, message: t('pay.refused', { detail: outcome.problem.detail ?? outcome.problem.title }) };
      }
      if (outcome.kind === 'delivered') {
        receipt = outcome.entry.receipt;
        provisional = false;
      } else {
        props.sync.markOnline(false, outcome.entry.lastError);
        receipt = { ...outcome.entry.receipt, offline: !wallet };
        if (wallet) say('error', t('pay.pending'));
      }
    }
    void props.sync.updateCounts();
    void props.sync.kick();
    setCart(emptyCart());
    setSelected(-1);
    setLastReceipt(receipt);
    setModal({ kind: 'receipt', shown: { source: 'till', receipt, provisional } });
    channel?.postMessage({
      phase: 'paid',
      storeName: pairing.storeName,
      lines: receipt.lines.map((l) => ({ name: l.name, qty: `${qtyText(l.qty)} ${l.unit}`, amount: l.net })),
      total: basket.due,
      discount: 0,
      paid: payments.reduce((s, p) => s + p.amount, 0),
      change,
      last: null,
    } satisfies DisplayState);
    if (localStorage.getItem('cangshou.till.autoPrint') !== 'off') printReceipt(receipt);
    return { ok: true };
  };

  /** 培训模式: the server checks the sale like a real one and posts nothing; no outbox, no number. */
  const completeTraining = async (body: SaleInput, receiptPayments: { method: string; amount: number; reference: string | null }[], change: number): Promise<PayOutcome> => {
    if (!basket) return { ok: false, message: 'basket' };
    if (props.online) {
      try {
        await api.post('/sales', { ...body, training: true }, { headers: authHeaders(), allowUnauthorized: true, signal: AbortSignal.timeout(15_000) });
      } catch (e) {
        if (e instanceof ApiError && e.status !== 0) return { ok: false, message: t('pay.refused', { detail: e.problem.detail ?? e.problem.title }) };
      }
    }
    const receipt = {
      ...receiptOf({ cart, settings, priced: basket, payments: receiptPayments, change, number: 'TRAINING', pairing, cashier: session.user.displayName, issuedAt: body.clientTime, offline: false }),
      training: true,
    };
    setCart(emptyCart());
    setSelected(-1);
    setModal({ kind: 'receipt', shown: { source: 'till', receipt, provisional: false } });
    return { ok: true };
  };

  const voided = (v: VoidDone) => {
    setModal(null);
    say('info', t('voidSale.done', { number: v.originalNumber, amount: money(Math.abs(v.refund)) }));
  };

  const exchanged = (d: ExchangeDone) => {
    setModal(null);
    say('info', t('exchange.done', { number: d.number }));
    void api
      .get<string>(`/sales/${d.id}/receipt.html`, { query: { width: receiptWidth() }, headers: authHeaders(), allowUnauthorized: true })
      .then((html) => {
        setModal({ kind: 'receipt', shown: { source: 'server', number: d.number, html, title: t('exchange.title') } });
        if (localStorage.getItem('cangshou.till.autoPrint') !== 'off') printHtml(html);
      })
      .catch(() => undefined);
  };

  /** The last sale's receipt again, marked COPY: the server's audited copy when it has the sale. */
  const reprint = async () => {
    const entry = (await outboxEntries()).at(-1);
    const latest = entry?.receipt ?? lastReceipt;
    if (!latest) return say('info', t('sell.nothingToReprint'));
    let html: string | undefined;
    if (entry?.status === 'delivered' && props.online) {
      html = await api
        .get<string>(`/sales/${entry.id}/receipt.html`, { query: { width: receiptWidth(), copy: 1 }, headers: authHeaders(), allowUnauthorized: true, signal: AbortSignal.timeout(5000) })
        .catch(() => undefined);
    }
    setModal({ kind: 'receipt', shown: html ? { source: 'server', number: latest.number, html, copy: true } : { source: 'till', receipt: latest, provisional: entry?.status === 'pending', copy: true } });
    if (html) printHtml(html);
  };

  const returned = (r: ReturnDone) => {
    setModal(null);
    say('info', t('return.done', { amount: money(r.refund), number: r.number }));
    void api
      .get<string>(`/sales/${r.id}/receipt.html`, { query: { width: receiptWidth() }, headers: authHeaders(), allowUnauthorized: true })
      .then((html) => {
        setModal({ kind: 'receipt', shown: { source: 'server', number: r.number, html, title: t('return.title') } });
        if (localStorage.getItem('cangshou.till.autoPrint') !== 'off') printHtml(html);
      })
      .catch(() => undefined);
  };

  /** Runs what a key of the table (lib/hotkeys.ts) does, pressed or tapped on the key bar. */
  const runHotkey = (action: HotkeyAction) => {
    if (modal) return;
    const empty = !text;
    const line = cart.lines[current];
    const actions: Record<HotkeyAction, () => void> = {
      help: () => setModal({ kind: 'help' }),
      qty: () => line && !line.scale && prompt(t('keys.qty'), t('dialog.qty'), parseQty, (q: number) => updateLine(current, { qty: q }), undefined, qtyText(line.qty)),
      lineDiscount: () => line && prompt(t('keys.lineDiscount'), t('keys.lineDiscount'), parseDiscount, (d: Discount) => updateLine(current, { lineDiscount: d.type === 'percent' && d.bp === 0 ? undefined : d }), t('dialog.lineDiscount')),
      orderDiscount: () => cart.lines.length && prompt(t('keys.orderDiscount'), t('keys.orderDiscount'), parseDiscount, (d: Discount) => withApprovals({ ...cart, orderDiscount: d.type === 'percent' && d.bp === 0 ? undefined : d }, setCart), t('dialog.orderDiscount')),
      price: () => line && !(line.scale && line.scale.amount !== null) && prompt(t('keys.price'), t('dialog.price'), parseYuan, (fen: number) => updateLine(current, { priceOverride: fen })),
      member: () => prompt(t('keys.member'), t('dialog.member'), (s) => s.trim(), (code: string) => setCart({ ...cart, memberCode: code || undefined }), undefined, cart.memberCode ?? ''),
      hold: () => {
        if (cart.lines.length) {
          holdSale({ id: uuidv7(), at: new Date().toISOString(), cart, due: basket?.due ?? 0 });
          setCart(emptyCart());
          say('info', t('sell.held'));
        } else if (heldSales().length) setModal({ kind: 'recall' });
        else say('info', t('sell.noHeld'));
      },
      reprint: () => void reprint(),
      drawer: () => say('info', t('sell.drawer')),
      return: () => setModal({ kind: 'return' }),
      voidSale: () => setModal({ kind: 'void' }),
      exchange: () => setModal({ kind: 'exchange' }),
      training: () => {
        setTraining(!training);
        say('info', training ? t('training.off') : t('training.on'));
      },
      pay: () => void pay(),
      voidLine: () => {
        if (!empty || !line) return;
        const lines = cart.lines.filter((_, i) => i !== current);
        setCart({ ...cart, lines, approvals: lines.length ? cart.approvals : [] });
        setSelected(Math.min(current, lines.length - 1));
        say('info', t('sell.lineVoided'));
      },
    };
    actions[action]();
  };

  const hotkey = (e: KeyboardEvent) => {
    if (modal) return;
    const line = cart.lines[current];
    if (!text && (e.key === '?' || e.key === '+' || e.key === '-')) {
      e.preventDefault();
      if (e.key === '?') return runHotkey('help');
      if (line && !line.scale && !line.weighed) updateLine(current, { qty: Math.max(1000, line.qty + (e.key === '+' ? 1000 : -1000)) });
      return;
    }
    const action = hotkeyAction(e);
    if (action) {
      e.preventDefault();
      runHotkey(action);
    }
  };

  useEffect(() => {
    window.addEventListener('keydown', hotkey);
    return () => window.removeEventListener('keydown', hotkey);
  });

  const onScanKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      enter();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      if (results.length) setResultIndex((i) => Math.max(-1, Math.min(results.length - 1, i + d)));
      else if (cart.lines.length) setSelected(Math.max(0, Math.min(cart.lines.length - 1, current + d)));
    } else if (e.key === 'Escape') {
      setText('');
      setResultIndex(-1);
      setNextQty(1000);
    }
  };

  const onScanChange = (value: string) => {
    const m = /^(\d{1,5}(?:\.\d{1,3})?)\*$/.exec(value.trim());
    if (m) {
      const q = parseQty(m[1]);
      if (q) setNextQty(q);
      setText('');
      return;
    }
    setText(value);
    setResultIndex(-1);
  };

  const discountTotal = basket ? basket.lines.reduce((s, l) => s + l.lineDiscount + l.orderDiscountShare, 0) : 0;
  const itemCount = cart.lines.reduce((s, l) => s + (l.scale || l.weighed ? 1 : Math.round(l.qty / 1000)), 0);

  return (
    <>
      {training && (
        <div className="training-banner" data-testid="training-banner">
          {t('training.banner')}
        </div>
      )}
      <div className={`sell ${training ? 'training' : ''}`}>
        <div className="panel lines">
          <div className="lines-table">
            {cart.lines.length === 0 ? (
              <div className="empty">
                <div style={{ textAlign: 'center' }}>
                  <div className="big">⌁</div>
                  {t('sell.empty')}
                </div>
              </div>
            ) : (
              <table className="grid" data-testid="lines">
                <thead>
                  <tr>
                    <th style={{ width: 36 }}>{t('sell.col.no')}</th>
                    <th>{t('sell.col.name')}</th>
                    <th className="r">{t('sell.col.qty')}</th>
                    <th className="r">{t('sell.col.price')}</th>
                    <th className="r">{t('sell.col.discount')}</th>
                    <th className="r">{t('sell.col.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cart.lines.map((l, i) => {
                    const p = basket?.lines[i];
                    const off = p ? p.lineDiscount + p.orderDiscountShare : 0;
                    const unitPrice = l.priceOverride ?? (cart.memberCode && l.memberPrice !== null ? l.memberPrice : l.price);
                    return (
                      <tr key={l.key} className={i === current ? 'sel' : ''} onClick={() => setSelected(i)} data-testid="line">
                        <td className="num">{i + 1}</td>
                        <td className="name">
                          {l.name}
                          <small>
                            {l.code ?? l.sku}
                            {l.priceOverride !== undefined ? ' · 改价' : ''}
                          </small>
                        </td>
                        <td className="r num">
                          {qtyText(l.scale ? l.scale.weight : l.qty)} {l.unit}
                        </td>
                        <td className="r num">{money(unitPrice)}</td>
                        <td className="r num disc">{off ? `-${money(off)}` : ''}</td>
                        <td className="r num" data-testid="line-amount">
                          <b>{p ? money(p.net) : '—'}</b>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </div>
          <div className="scanbar">
            {nextQty !== 1000 && <div className="qtychip">×{qtyText(nextQty)}</div>}
            <input
              ref={scan}
              data-testid="scan"
              value={text}
              placeholder={t('sell.scanPlaceholder')}
              onChange={(e) => onScanChange(e.target.value)}
              onKeyDown={onScanKey}
              autoComplete="off"
              spellCheck={false}
            />
            {results.length > 0 && (
              <div className="results" data-testid="results">
                <div className="hd">{t('sell.results')}</div>
                {results.map((p, i) => (
                  <div key={p.id} className={`row ${i === resultIndex ? 'sel' : ''}`} onMouseDown={(e) => (e.preventDefault(), addProduct(p))}>
                    <span className="sku num">{p.sku}</span>
                    <span>
                      {p.name} {p.spec && p.spec !== p.name ? '' : ''}
                    </span>
                    <span className="num" style={{ textAlign: 'right' }}>
                      {money(p.price)}/{p.unit}
                    </span>
                  </div>
                ))}
              </div>
            )}
            {toast && !results.length && (
              <div className={`toast ${toast.kind}`} data-testid="toast">
                {toast.text}
              </div>
            )}
          </div>
        </div>
        <div className="side">
          <div className="total">
            <div className="label">
              <span>{t('sell.due')}</span>
              <span>{t('sell.items', { count: itemCount })}</span>
            </div>
            <div className="due num" data-testid="due">
              {money(basket?.due ?? 0)}
            </div>
            <div className="rows num">
              <span>{t('sell.subtotal')}</span>
              <span>{money(basket ? basket.subtotal + discountTotal : 0)}</span>
              <span>{t('sell.discount')}</span>
              <span>-{money(discountTotal)}</span>
              {basket && basket.rounding !== 0 && (
                <>
                  <span>{t('sell.rounding')}</span>
                  <span>{money(basket.rounding)}</span>
                </>
              )}
            </div>
            {cart.memberCode && (
              <div className="member">
                {t('sell.member')}: {cart.memberCode}
              </div>
            )}
          </div>
          <div className="panel quick">
            <h3>{t('sell.quickKeys')}</h3>
            <div className="grid">
              {quickKeys.map((p) => (
                <button key={p.id} onClick={() => addProduct(p)} data-testid="quick-key">
                  <b>{p.name}</b>
                  <span className="num">
                    {p.plu ? `PLU ${p.plu} · ` : ''}
                    {money(p.price)}/{p.unit}
                  </span>
                </button>
              ))}
            </div>
          </div>
        </div>
      </div>
      <div className="fkeys">
        {HOTKEYS.filter((h) => h.onBar && h.action).map((h) => (
          <button key={h.key} onClick={() => runHotkey(h.action!)} data-testid={`key-${h.action}`}>
            <kbd>{h.short ?? h.key}</kbd>
            {t(h.label)}
          </button>
        ))}
        <button className="primary" data-testid="pay" onClick={() => void pay()}>
          <kbd>Enter</kbd>
          {t('keys.pay')}
        </button>
      </div>

      {modal?.kind === 'help' && <HelpOverlay onClose={() => setModal(null)} />}
      {modal?.kind === 'prompt' && (
        <PromptDialog
          title={modal.title}
          label={modal.label}
          hint={modal.hint}
          initial={modal.initial}
          parse={modal.parse}
          onDone={(v) => {
            setModal(null);
            if (v !== null) (modal.apply as (x: unknown) => void)(v);
          }}
        />
      )}
      {modal?.kind === 'approval' && <ApprovalDialog action={modal.action} storeId={pairing.storeId} onDone={modal.then} />}
      {modal?.kind === 'pay' && <PayDialog due={modal.due} online={props.online} onCancel={() => setModal(null)} onPay={completeSale} />}
      {modal?.kind === 'receipt' && <ReceiptDialog shown={modal.shown} onClose={() => setModal(null)} />}
      {modal?.kind === 'return' && (
        <ReturnDialog pairing={pairing} shiftId={props.shift.id} online={props.online} catalog={catalog} settings={settings} manager={manager} onClose={() => setModal(null)} onDone={returned} />
      )}
      {modal?.kind === 'void' && (
        <VoidDialog
          pairing={pairing}
          manager={manager}
          online={props.online}
          initialNumber={lastReceipt && !lastReceipt.training && !/-L\d+$/.test(lastReceipt.number) ? lastReceipt.number : ''}
          onClose={() => setModal(null)}
          onDone={voided}
        />
      )}
      {modal?.kind === 'exchange' && (
        <ExchangeDialog pairing={pairing} shiftId={props.shift.id} catalog={catalog} settings={settings} online={props.online} onClose={() => setModal(null)} onDone={exchanged} />
      )}
      {modal?.kind === 'recall' && (
        <Dialog title={t('keys.hold')} onClose={() => setModal(null)} testId="recall">
          <table className="grid" style={{ minWidth: 420 }}>
            <tbody>
              {heldSales().map((h, i) => {
                const recall = () => {
                  const taken = takeHeldSale(h.id);
                  if (taken) setCart(taken.cart);
                  setModal(null);
                  say('info', t('sell.recalled'));
                };
                return (
                  <tr key={h.id}>
                    <td className="num">{new Date(h.at).toLocaleTimeString()}</td>
                    <td>{h.cart.lines.map((l) => l.name).join('、').slice(0, 40)}</td>
                    <td className="r num">{money(h.due)}</td>
                    <td className="r">
                      <button className="btn primary" autoFocus={i === 0} onClick={recall} data-testid="recall-sale">
                        {t('sell.recall')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Dialog>
      )}
    </>
  );
}
