// Receipts (小票) shared by the server and the offline till: one model, one layout, two printers.
export * from './receipt-model';
export * from './receipt-layout';
export * from './render-receipt-html';
export * from './encode-receipt-escpos';
