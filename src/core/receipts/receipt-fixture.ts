// A hand-checked receipt for the renderer tests: golden basket S09 (round to jiao) rung up on
// register R01 of store S01, with a 会员 and a split tender.
import type { ReceiptModel } from './receipt-model';

export function receiptS09(over: Partial<ReceiptModel> = {}): ReceiptModel {
  return {
    kind: 'sale',
    number: 'S01-R01-000042',
    storeName: '仓收便利店 人民路店',
    header: '欢迎光临\n电话 0571-88886666',
    footer: '凭小票七日内退换',
    registerCode: 'R01',
    cashier: '王小明',
    issuedAt: '2026-03-02T02:15:00Z',
    timeZone: 'Asia/Shanghai',
    lines: [
      { name: '纯牛奶 250ml×24', unit: '箱', qty: 1000, unitPrice: 6990, gross: 6990, lineDiscount: 0, orderDiscountShare: 0, net: 6990, taxRate: 900 },
      { name: '鸡蛋(散装)', unit: 'kg', qty: 1732, unitPrice: 1190, gross: 2061, lineDiscount: 0, orderDiscountShare: 0, net: 2061, taxRate: 900 },
      { name: '抽纸 3包', unit: '件', qty: 1000, unitPrice: 1690, gross: 1690, lineDiscount: 100, orderDiscountShare: 0, net: 1590, taxRate: 1300 },
    ],
    subtotal: 10641,
    rounding: -1,
    due: 10640,
    taxByRate: [
      { rate: 1300, gross: 1590, taxable: 1407, tax: 183 },
      { rate: 900, gross: 9051, taxable: 8304, tax: 747 },
    ],
    payments: [
      { method: 'wechat', amount: 5000, reference: '4200001234567890' },
      { method: 'cash', amount: 6000 },
    ],
    paid: 11000,
    change: 360,
    memberCode: '13800138000',
    ...over,
  };
}
