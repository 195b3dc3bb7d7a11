// After payment: the change in large figures and the receipt as it prints (the shared
// renderReceiptHtml, 58 or 80 mm), printed through the browser from a hidden frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReceiptModel, ReceiptWidth } from '../../../core/receipts/receipt-model';
import { renderReceiptHtml } from '../../../core/receipts/render-receipt-html';
import { useTillT } from '../i18n';
import { money } from '../lib/input';
import { Dialog } from './Dialog';

const WIDTH_KEY = 'cangshou.till.receiptWidth';

export function receiptWidth(): ReceiptWidth {
  return localStorage.getItem(WIDTH_KEY) === '58' ? 58 : 80;
}

/** Prints a receipt through the browser's print dialog (a thermal printer set as default prints at once in kiosk mode). */
export function printReceipt(model: ReceiptModel, copy = false): void {
  printHtml(renderReceiptHtml(model, { width: receiptWidth(), copy }));
}

/** Prints a receipt page (ours or the server's) from a hidden frame. */
export function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

/**
 * What the receipt dialog shows: a sale rung up here, rendered from its model (provisional while
 * only the till has it), or a page the server rendered — a return, an exchange, the audited
 * reprint of a delivered sale — with its number.
 */
export type ShownReceipt =
  | { source: 'till'; receipt: ReceiptModel; provisional: boolean; copy?: boolean }
  | { source: 'server'; number: string; html: string; title?: string; copy?: boolean };

export function ReceiptDialog(props: { shown: ShownReceipt; onClose: () => void }) {
  const t = useTillT();
  const { shown } = props;
  const [width, setWidth] = useState<ReceiptWidth>(receiptWidth());
  const next = useRef<HTMLButtonElement>(null);
  const html = useMemo(() => (shown.source === 'server' ? shown.html : renderReceiptHtml(shown.receipt, { width, copy: shown.copy })), [shown, width]);
  const print = () => (shown.source === 'server' ? printHtml(shown.html) : printReceipt(shown.receipt, shown.copy));
  const number = shown.source === 'server' ? shown.number : shown.receipt.number;
  // The change in large figures only right after a sale rung up here.
  const justSold = shown.source === 'till' && !shown.copy ? shown.receipt : null;
  useEffect(() => next.current?.focus(), []);
  const choose = (w: ReceiptWidth) => {
    localStorage.setItem(WIDTH_KEY, String(w));
    setWidth(w);
  };
  return (
    <Dialog title={(shown.source === 'server' ? shown.title : undefined) ?? (shown.copy ? t('keys.reprint') : t('receipt.title'))} onClose={props.onClose} className="receipt-dialog-wrap" testId="receipt-dialog">
      <div
        className="receipt-dialog"
        onKeyDown={(e) => {
          if (e.key === 'p' || e.key === 'P') print();
        }}
      >
        <iframe title="receipt" srcDoc={html} data-testid="receipt-frame" />
        <div className="done">
          {justSold && <h2>✓ {t('receipt.title')}</h2>}
          <div className="num" data-testid="receipt-number">{t('receipt.number', { number })}</div>
          {justSold && (
            <div className="chg num" data-testid="receipt-change">
              {t('receipt.change', { amount: money(justSold.change) })}
            </div>
          )}
          {shown.source === 'till' && shown.provisional && <div className="note">{t('receipt.offline', { number })}</div>}
          <div>
            {t('receipt.width')}:{' '}
            {([58, 80] as const).map((w) => (
              <button key={w} className={`btn ${w === width ? 'primary' : ''}`} style={{ marginRight: 6 }} onClick={() => choose(w)}>
                {w} mm
              </button>
            ))}
          </div>
          <button className="btn big" onClick={print}>{t('receipt.print')}</button>
          <button ref={next} className="btn big primary" data-testid="receipt-next" onClick={props.onClose}>
            {t('receipt.next')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
