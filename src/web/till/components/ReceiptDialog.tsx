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

export function ReceiptDialog(props: { receipt: ReceiptModel; provisional: boolean; copy?: boolean; html?: string; title?: string; onClose: () => void }) {
  const t = useTillT();
  const [width, setWidth] = useState<ReceiptWidth>(receiptWidth());
  const next = useRef<HTMLButtonElement>(null);
  // The server's copy (audited reprint) when there is one, else rendered here from the local sale.
  const html = useMemo(() => props.html ?? renderReceiptHtml(props.receipt, { width, copy: props.copy }), [props.receipt, width, props.copy, props.html]);
  const print = () => (props.html ? printHtml(props.html) : printReceipt(props.receipt, props.copy));
  useEffect(() => next.current?.focus(), []);
  const choose = (w: ReceiptWidth) => {
    localStorage.setItem(WIDTH_KEY, String(w));
    setWidth(w);
  };
  return (
    <Dialog title={props.title ?? (props.copy ? t('keys.reprint') : t('receipt.title'))} onClose={props.onClose} className="receipt-dialog-wrap" testId="receipt-dialog">
      <div
        className="receipt-dialog"
        onKeyDown={(e) => {
          if (e.key === 'p' || e.key === 'P') print();
        }}
      >
        <iframe title="receipt" srcDoc={html} data-testid="receipt-frame" />
        <div className="done">
          {!props.copy && !props.html && <h2>✓ {t('receipt.title')}</h2>}
          <div className="num" data-testid="receipt-number">{t('receipt.number', { number: props.receipt.number })}</div>
          {!props.copy && !props.html && (
            <div className="chg num" data-testid="receipt-change">
              {t('receipt.change', { amount: money(props.receipt.change) })}
            </div>
          )}
          {props.provisional && <div className="note">{t('receipt.offline', { number: props.receipt.number })}</div>}
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
