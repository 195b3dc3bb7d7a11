// Pure domain logic: no I/O and no Node-only APIs, so the browser till runs it unchanged.
export * from './result';
export * from './safe-integer';
export * from './quantity';
export * from './money/round';
export * from './money/prorate';
export * from './tax/split-tax-inclusive';
export * from './pricing/round-amount-due';
export * from './pricing/price-basket';
export * from './pricing/settle-payments';
export * from './returns/refund';
export * from './barcode/ean';
export * from './barcode/scale';
export * from './text/pinyin';
export * from './id/uuidv7';
export * from './time/business-date';
export * from './payments/payment-code';
