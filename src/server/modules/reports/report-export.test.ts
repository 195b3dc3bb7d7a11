// Report exports over the hand-checked day of reports.test.ts: one sale of 2 × ¥11.30 at 13% and
// 1 × ¥10.90 at 9% (due 3350, tax 260 + 90, revenue 3000, cost 1600). The files carry exactly the
// figures of the JSON reports.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { parseCsv } from '../../import/csv';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('report exports on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const period = `from=${today}&to=${today}`;
  const get = (url: string, token = finance) => t.call(token, 'GET', url);
  const csvRows = (body: string) => {
    expect(body.charCodeAt(0)).toBe(0xfeff);
    return parseCsv(body.slice(1)).map((r) => r.cells);
  };

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
    const a = await t.product({ price: 1130, taxRate: 1300 });
    const b = await t.product({ price: 1090, taxRate: 900 });
    await t.stock.stockIn(t.ids.s01, a, 10_000, 5000);
    await t.stock.stockIn(t.ids.s01, b, 10_000, 6000);
    const res = await t.sell({ lines: [{ productId: a, qty: 2000 }, { productId: b, qty: 1000 }], payments: [{ method: 'cash', amount: 3350 }], clientTotal: 3350 });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(() => t.close());

  it('exports the trial balance as CSV with the JSON figures to the fen', async () => {
    const json = (await get(`/api/v1/reports/trial-balance?${period}`)).json();
    const res = await get(`/api/v1/reports/trial-balance?${period}&format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="trial-balance-all-${today}_${today}.csv"; filename*=UTF-8''trial-balance-all-${today}_${today}.csv`);
    const rows = csvRows(res.body);
    expect(rows[0]).toEqual(['科目编码', '科目名称', '期初余额', '借方', '贷方', '期末余额']);
    expect(rows.find((r) => r[0] === '5001')).toEqual(['5001', '主营业务收入', '0.00', '0.00', '30.00', '-30.00']);
    expect(rows.find((r) => r[0] === '2221')?.slice(4)).toEqual(['3.50', '-3.50']);
    expect(rows).toHaveLength(json.items.length + 2);
    const totals = rows[rows.length - 1];
    expect(totals[0]).toBe('合计');
    expect(totals[3]).toBe(totals[4]);
    expect(totals[5]).toBe('0.00');
  });

  it('exports profit and loss as XLSX in English, numbers as yuan', async () => {
    const res = await get(`/api/v1/reports/profit-and-loss?${period}&storeId=${t.ids.s01}&format=xlsx&lang=en`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename="profit-and-loss-S01-${today}_${today}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('Profit and loss');
    expect(String(ws.getCell('A2').value)).toMatch(/^S01 .* · \d{4}-\d{2}-\d{2} — \d{4}-\d{2}-\d{2}$/);
    const rows = ws.getSheetValues().slice(5) as unknown[][];
    const line = (section: string, code: string) => rows.find((r) => r[1] === section && r[2] === code)?.[4];
    expect(line('Revenue', '5001')).toBe(30);
    expect(line('Cost of sales', '5401')).toBe(16);
    expect(rows.find((r) => r[1] === 'Gross profit')?.[4]).toBe(14);
    const last = rows[rows.length - 1];
    expect(last[1]).toBe('Net profit');
    expect(last[4]).toBe(14);
  });

  it('exports the balance sheet, general ledger and VAT summary as PDF', async () => {
    for (const url of [`balance-sheet?asOf=${today}`, `general-ledger?${period}&account=1001`, `vat-summary?${period}`]) {
      const res = await get(`/api/v1/reports/${url}&format=pdf`);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('exports the VAT summary by rate with a totals row', async () => {
    const rows = csvRows((await get(`/api/v1/reports/vat-summary?${period}&format=csv`)).body);
    expect(rows).toEqual([
      ['税率', '含税销售额', '不含税销售额', '税额'],
      ['13%', '22.60', '20.00', '2.60'],
      ['9%', '10.90', '10.00', '0.90'],
      ['合计', '33.50', '30.00', '3.50'],
    ]);
  });

  it('sums the sales summary by day, as JSON and as a file', async () => {
    const json = (await get(`/api/v1/reports/sales-summary?${period}`)).json();
    expect(json.days).toEqual([{ date: today, tickets: 1, sales: 3350, returns: 0, netSales: 3350, tax: 350, revenue: 3000, cost: 1600, grossProfit: 1400 }]);
    const rows = csvRows((await get(`/api/v1/reports/sales-summary?${period}&format=csv&lang=en`)).body);
    expect(rows[1]).toEqual([today, '1', '33.50', '0.00', '33.50', '3.50', '30.00', '16.00', '14.00']);
    expect(rows[2][0]).toBe('Total');
  });

  it('refuses an unknown format naming the field, and hides other stores', async () => {
    const bad = await get(`/api/v1/reports/trial-balance?${period}&format=doc`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'format' })]);
    const other = await get(`/api/v1/reports/trial-balance?${period}&format=csv&storeId=nope`);
    expect(other.statusCode).toBe(404);
  });
});
