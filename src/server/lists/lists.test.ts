// Every back-office list sorts on the server (both ways, with a stable tiebreaker), refuses an
// unknown sort field naming `sort`, and exports every matching row as CSV/XLSX with money exact
// to the fen.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/id/uuidv7';
import { addDays } from '../../core/time/calendar-date';
import { businessDate } from '../../core/time/business-date';
import { testDialects } from '../../db/testing';
import { parseCsv } from '../import/csv';
import { makeSalesTestApp, type SalesTestApp } from '../modules/sales/test-helpers';
import { newSupplier } from '../modules/inventory/test-fixtures';
import { everyRow } from './list-export';

type Item = Record<string, unknown>;
type Key = string | number | null;
interface SortCase {
  path: string;
  field: string;
  key?: (item: Item) => Key;
  /** The fixture cannot make two different values for this field (e.g. every shift still open). */
  ties?: boolean;
  /** Sorted in memory with a stable sort: ties keep their natural order both ways. */
  inMemory?: boolean;
}

const SEVERITY: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const at = (f: string) => (i: Item) => i[f] as Key;

function isOrdered(keys: Key[], direction: 1 | -1): boolean {
  const present = keys.filter((k) => k !== null);
  return present.every((k, i) => i === 0 || (k === present[i - 1] ? true : (k! > present[i - 1]! ? 1 : -1) === direction));
}

describe.each(testDialects)('back-office lists on %s', (dialect) => {
  let t: SalesTestApp;
  let owner: string;
  let s01: string;
  let cheap: string;
  let dear: string;

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    owner = t.tokens.owner;
    s01 = t.ids.s01;
    const today = businessDate(new Date(), 'Asia/Shanghai');
    cheap = await t.product({ sku: 'LIST-A', name: 'Apple list', price: 500 });
    dear = await t.product({ sku: 'LIST-B', name: 'Banana list', price: 1230 });
    await newSupplier(t, 'SUP-A', 'Alpha supplies');
    await newSupplier(t, 'SUP-B', 'Beta supplies');
    // 3 × ¥12.30 = ¥36.90 on hand of a product nothing else touches.
    const held = await t.product({ sku: 'LIST-E', name: 'Elderberry list', price: 1230 });
    await t.stock.stockIn(s01, held, 3000, 3690);
    await t.stock.stockIn(s01, dear, 5000, 6150);
    await t.stock.stockIn(s01, cheap, 5000, 2500);
    // Two batches about to expire: stock by batch and near-expiry alerts.
    const batched = [await t.product({ sku: 'LIST-C', name: 'Cherry list', price: 800, trackBatches: true }), await t.product({ sku: 'LIST-D', name: 'Date list', price: 900, trackBatches: true })];
    for (const [k, p] of batched.entries()) {
      const batch = await t.stock.batch(p, `LOT-${k}`, addDays(today, 3 + k * 10), new Date().toISOString());
      await t.stock.stockIn(s01, p, 2000 + k * 1000, 1600 + k * 1000, { batchId: batch });
    }
    for (const [price, reason] of [[600, 'cheaper'], [1300, 'dearer']] as const) {
      const res = await t.call(owner, 'POST', '/api/v1/price-changes', { storeIds: 'all', lines: [{ productId: cheap, price }], reason });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const qty of [1000, 500]) {
      const res = await t.call(owner, 'POST', '/api/v1/transfers', { id: uuidv7(), fromStoreId: s01, toStoreId: t.ids.s02, lines: [{ productId: dear, qty }] });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const storeId of [s01, t.ids.s02]) {
      const res = await t.call(owner, 'POST', '/api/v1/stocktakes', { storeId, scope: 'full' });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const [qty, amount] of [[1000, 1230], [2000, 1000]]) {
      const productId = amount === 1230 ? dear : cheap;
      const res = await t.sell({ lines: [{ productId, qty }], payments: [{ method: 'cash', amount }], clientTotal: amount });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  const cases = (): SortCase[] => [
    ...['sku', 'name', 'price'].map((field) => ({ path: '/products?status=all', field, key: at(field) })),
    { path: '/products?status=all', field: 'updatedAt' },
    ...['code', 'name'].map((field) => ({ path: '/suppliers?status=all', field, key: at(field) })),
    { path: '/suppliers?status=all', field: 'paymentTermsDays', key: at('paymentTermsDays'), ties: true },
    { path: '/suppliers?status=all', field: 'createdAt', key: at('createdAt') },
    ...['createdAt', 'effectiveAt', 'status'].map((field) => ({ path: '/price-changes', field, key: at(field), ties: field === 'status' })),
    ...['sku', 'name', 'qty', 'value'].map((field) => ({ path: `/inventory/on-hand?storeId=${s01}`, field, key: at(field) })),
    { path: `/inventory/on-hand?storeId=${s01}`, field: 'location', key: at('locationCode'), ties: true },
    { path: `/inventory/on-hand?storeId=${s01}`, field: 'expiryDate', key: (i) => (i.expiryDate as string | null) ?? '9999-12-31' },
    ...['expiryDate', 'sku', 'name', 'lot', 'qty', 'value'].map((field) => ({ path: `/inventory/batches?storeId=${s01}`, field, key: at(field) })),
    ...['kind', 'sku', 'name', 'qty'].map((field) => ({ path: `/alerts?storeId=${s01}`, field, key: at(field), inMemory: true, ties: field === 'kind' })),
    { path: `/alerts?storeId=${s01}`, field: 'severity', key: (i: Item) => SEVERITY[i.severity as string], inMemory: true },
    ...['postedAt', 'businessDate', 'number', 'total'].map((field) => ({ path: `/documents?storeId=${s01}`, field, key: at(field), ties: field === 'businessDate' })),
    ...['createdAt', 'updatedAt', 'status'].map((field) => ({ path: '/transfers', field, key: at(field), ties: field === 'status' })),
    ...['startedAt', 'updatedAt', 'status'].map((field) => ({ path: '/stocktakes', field, key: at(field), ties: field === 'status' })),
    ...['postedAt', 'number', 'due'].map((field) => ({ path: `/sales?storeId=${s01}`, field, key: at(field) })),
    { path: `/sales?storeId=${s01}`, field: 'businessDate', key: at('businessDate'), ties: true },
    { path: `/shifts?storeId=${s01}`, field: 'openedAt', key: at('openedAt') },
    ...['businessDate', 'closedAt', 'overShort'].map((field) => ({ path: `/shifts?storeId=${s01}`, field, ties: true })),
    ...['username', 'displayName', 'createdAt'].map((field) => ({ path: '/users', field, key: at(field), ties: field === 'createdAt' })),
    ...['code', 'name'].map((field) => ({ path: '/stores', field, key: at(field) })),
    { path: '/stores', field: 'createdAt', key: at('createdAt'), ties: true },
    ...['at', 'action', 'chain'].map((field) => ({ path: '/audit', field, key: at(field === 'chain' ? 'chainId' : field) })),
  ];
  const listPaths = () => [...new Set(cases().map((c) => c.path))];

  const page = async (path: string, sort: string): Promise<Item[]> => {
    const sep = path.includes('?') ? '&' : '?';
    const res = await t.call(owner, 'GET', `/api/v1${path}${sep}sort=${encodeURIComponent(sort)}&pageSize=500`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it('sorts every list on the server, ascending and descending, with a stable tiebreaker', async () => {
    for (const c of cases()) {
      const asc = await page(c.path, c.field);
      const desc = await page(c.path, `-${c.field}`);
      const what = `${c.path} sort=${c.field}`;
      expect(asc.length, what).toBeGreaterThanOrEqual(2);
      expect(desc.length, what).toBe(asc.length);
      if (c.key) {
        const up = asc.map(c.key);
        const down = desc.map(c.key);
        expect(isOrdered(up, 1), `${what}: ${JSON.stringify(up)}`).toBe(true);
        expect(isOrdered(down, -1), `${what} desc: ${JSON.stringify(down)}`).toBe(true);
        if (!c.ties) expect(new Set(up).size, `${what} needs two different values`).toBeGreaterThanOrEqual(2);
      }
      // The id breaks ties in the same direction, so descending is exactly ascending reversed.
      if (!c.inMemory) expect(desc.map((i) => JSON.stringify(i)), what).toEqual(asc.map((i) => JSON.stringify(i)).reverse());
    }
  });

  it('answers 400 naming `sort` for a field the list does not sort by', async () => {
    for (const path of listPaths()) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await t.call(owner, 'GET', `/api/v1${path}${sep}sort=password_hash`);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().errors, path).toEqual([expect.objectContaining({ field: 'sort' })]);
    }
  });

  it('exports every product matching the filters as CSV, in the list order, money to the fen', async () => {
    const all = await page('/products?status=all', '-price');
    const res = await t.call(owner, 'GET', '/api/v1/products?status=all&sort=-price&format=csv&lang=en&page=1&pageSize=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = parseCsv(res.body.replace(/^\uFEFF/, '')).map((r) => r.cells);
    expect(header.slice(0, 2)).toEqual(['SKU', 'Name']);
    // The whole list, not the page asked for.
    expect(rows.map((r) => r[0])).toEqual(all.map((p) => p.sku));
    const price = header.indexOf('Price');
    expect(rows.find((r) => r[0] === 'LIST-B')![price]).toBe('12.30');
    expect(rows.find((r) => r[0] === 'LIST-A')![price]).toBe('5.00');
  });

  it('exports stock on hand with Chinese headers by default and its value exact to the fen', async () => {
    const res = await t.call(owner, 'GET', `/api/v1/inventory/on-hand?storeId=${s01}&q=LIST-E&format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(res.body.slice(1)).map((r) => r.cells);
    expect(header).toContain('成本金额');
    expect(rows).toHaveLength(1);
    expect(rows[0][header.indexOf('数量')]).toBe('3');
    expect(rows[0][header.indexOf('成本金额')]).toBe('36.90');
  });

  it('exports the sales journal as XLSX that opens with exceljs and holds every row', async () => {
    const json = await t.call(owner, 'GET', `/api/v1/sales?storeId=${s01}&pageSize=500`);
    const total = json.json().total as number;
    const res = await t.call(owner, 'GET', `/api/v1/sales?storeId=${s01}&format=xlsx&lang=en`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headerRow = [...Array(ws.columnCount).keys()].map((i) => ws.getRow(3).getCell(i + 1).value);
    expect(headerRow).toContain('Due');
    const due = headerRow.indexOf('Due') + 1;
    const dues: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 3) dues.push(row.getCell(due).value);
    });
    expect(dues).toHaveLength(total);
    expect(dues).toContain(12.3);
    expect(ws.getRow(4).getCell(due).numFmt).toBe('0.00');
  });

  it('exports only what the caller may see, with the same filters as the page', async () => {
    const res = await t.call(owner, 'GET', '/api/v1/suppliers?q=supplies&sort=-code&format=csv&lang=en');
    expect(res.statusCode, res.body).toBe(200);
    const rows = parseCsv(res.body.slice(1)).map((r) => r.cells).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['SUP-B', 'SUP-A']);
    expect((await t.call(t.tokens.cashier, 'GET', '/api/v1/suppliers?format=csv')).statusCode).toBe(403);
  });

  it('renders a list as PDF too, and refuses an unknown format naming it', async () => {
    const pdf = await t.call(owner, 'GET', '/api/v1/stores?format=pdf&lang=en');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const bad = await t.call(owner, 'GET', '/api/v1/stores?format=docx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'format' })]);
  });
});

describe('everyRow', () => {
  const pages = (n: number) => async (page: number, size: number) => ({ items: Array.from({ length: Math.max(0, Math.min(size, n - (page - 1) * size)) }, (_, i) => (page - 1) * size + i) });
  const collect = async (n: number, chunk: number) => {
    const out: number[] = [];
    for await (const r of everyRow(pages(n), chunk)) out.push(r);
    return out;
  };

  it('reads every row once across chunk boundaries', async () => {
    for (const n of [0, 1, 9, 10, 11, 30]) expect(await collect(n, 10)).toEqual([...Array(n).keys()]);
  });
});
