// What a printed receipt (小票) says, independent of how it is printed. The server builds it from
// the posted document; the offline till builds it from its local sale; both hand it to the same
// renderers (`renderReceiptHtml`, `encodeReceiptEscPos`), so a receipt printed offline and its
// reprint from the server read the same. Money in fen, quantities in thousandths, rates in basis
// points, all signed as the document is: a return's lines and payments are negative.

export type ReceiptKind = 'sale' | 'return' | 'exchange' | 'void';

export interface ReceiptLine {
  name: string;
  /** Unit label as sold: 件, kg, 箱… */
  unit: string;
  /** Thousandths of `unit`, negative for goods coming back. */
  qty: number;
  /** Fen per `unit` (per kg for weighed goods), tax included. */
  unitPrice: number;
  /** round(unitPrice × qty / 1000), or the amount a scale label printed. */
  gross: number;
  /** The cashier's line discount, same sign as `gross` (positive on a sale). */
  lineDiscount: number;
  /** The line's share of the order discount and promotions, same sign as `gross`. */
  orderDiscountShare: number;
  /** What the customer pays for the line: gross − lineDiscount − orderDiscountShare. */
  net: number;
  /** Basis points: 1300 = 13%. */
  taxRate: number;
}

export interface ReceiptTaxGroup {
  rate: number;
  /** Σ net of the group, tax included. */
  gross: number;
  taxable: number;
  tax: number;
}

export interface ReceiptPayment {
  /** cash, wechat, alipay, unionpay, card, stored_value, voucher (others print as given). */
  method: string;
  /** Fen handed over (cash before change), negative when refunded. */
  amount: number;
  /** Card terminal reference or the wallet's transaction number, printed shortened. */
  reference?: string | null;
}

export interface ReceiptModel {
  kind: ReceiptKind;
  /** The receipt number printed and encoded in the barcode, e.g. S01-R01-000042. */
  number: string;
  /** For a return, exchange or void: the receipt it refers to. */
  originalNumber?: string | null;
  storeName: string;
  /** Store settings `receiptHeader` / `receiptFooter`; several lines separated by \n. */
  header?: string | null;
  footer?: string | null;
  registerCode: string;
  cashier: string;
  /** ISO instant the document was rung up; printed in `timeZone`. */
  issuedAt: string;
  timeZone: string;
  lines: ReceiptLine[];
  /** Σ net (before 抹零). */
  subtotal: number;
  /** 抹零, signed: due − subtotal. */
  rounding: number;
  /** Amount due (negative: refunded). */
  due: number;
  taxByRate: ReceiptTaxGroup[];
  payments: ReceiptPayment[];
  /** Σ payments. */
  paid: number;
  change: number;
  memberCode?: string | null;
  /** Rung up while the till was offline (printed as a note). */
  offline?: boolean;
  /** 培训模式: printed as not a valid receipt. */
  training?: boolean;
}

export type ReceiptWidth = 58 | 80;

export interface ReceiptPrintOptions {
  width: ReceiptWidth;
  /** A reprint (重印): banner at top and bottom; the first print is the original. */
  copy?: boolean;
}
