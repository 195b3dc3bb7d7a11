// Keeps the IndexedDB snapshot current: the first refresh pulls every active product page by
// page, later ones only what changed since the server's cursor. Settings (抹零 mode, scale label
// layout, discount limit) ride along so the till prices offline exactly like the server.
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { TillProduct } from '../../../contracts/till';
import { api } from '../../shared/api';
import { authHeaders } from './device';
import { committed, getAll, getMeta, openTillDb, requestResult, setMeta } from './idb';

export const DEFAULT_SETTINGS: CheckoutSettings = {
  roundingMode: 'none',
  oversell: 'allow',
  scaleBarcode: { flags: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'], kind13: 'amount' },
  maxDiscountBp: 1000,
  receiptHeader: '',
  receiptFooter: '',
  otherStoreReturns: 'accept',
};

interface SnapshotPage {
  cursor: string;
  settings: CheckoutSettings;
  products: TillProduct[];
  nextAfter: string | null;
}

interface SyncState {
  storeId: string;
  cursor: string;
}

export interface LoadedSnapshot {
  products: TillProduct[];
  settings: CheckoutSettings;
  /** When the snapshot was last refreshed from the server (null: never). */
  refreshedAt: string | null;
}

/**
 * A product as stored in a chunk: a tuple instead of an object, half the bytes to read back and
 * parse at cold start. Barcodes as `code unit factor` triples, flattened.
 */
type PackedProduct = [string, string, string, string, string, number, 0 | 1, string | null, number, number | null, string, string, (string | number)[]];

export function pack(p: TillProduct): PackedProduct {
  return [p.id, p.sku, p.name, p.spec, p.unit, p.taxRate, p.weighable ? 1 : 0, p.plu, p.price, p.memberPrice, p.pinyinInitials, p.pinyinFull, p.barcodes.flatMap((b) => [b.code, b.unit, b.factor])];
}

export function unpack(t: PackedProduct): TillProduct {
  const codes = t[12];
  const barcodes: TillProduct['barcodes'] = [];
  for (let i = 0; i < codes.length; i += 3) barcodes.push({ code: codes[i] as string, unit: codes[i + 1] as string, factor: codes[i + 2] as number });
  return { id: t[0], sku: t[1], name: t[2], spec: t[3], unit: t[4], taxRate: t[5], weighable: t[6] === 1, plu: t[7], status: 'active', price: t[8], memberPrice: t[9], pinyinInitials: t[10], pinyinFull: t[11], barcodes };
}

/** Past this many changed products the next refresh pulls a fresh full copy instead. */
const MAX_OVERLAY = 10_000;

/** Cold start: everything the till needs to sell, from IndexedDB only. */
export async function loadSnapshot(storeId: string, timings: Record<string, number> = {}): Promise<LoadedSnapshot> {
  const started = performance.now();
  const state = await getMeta<SyncState>('catalogSync');
  if (state && state.storeId !== storeId) return { products: [], settings: DEFAULT_SETTINGS, refreshedAt: null };
  const [chunks, overlay, settings, refreshedAt] = await Promise.all([
    getAll<string>('chunks'),
    getAll<TillProduct>('products'),
    getMeta<CheckoutSettings>('settings'),
    getMeta<string>('refreshedAt'),
  ]);
  timings.readMs = performance.now() - started;
  const read = performance.now();
  let products: TillProduct[] = [];
  for (const chunk of chunks) products = products.concat((JSON.parse(chunk) as PackedProduct[]).map(unpack));
  timings.parseMs = performance.now() - read;
  if (overlay.length) {
    const byId = new Map(products.map((p) => [p.id, p]));
    for (const p of overlay) byId.set(p.id, p);
    products = [...byId.values()];
  }
  return { products, settings: settings ?? DEFAULT_SETTINGS, refreshedAt: refreshedAt ?? null };
}

/**
 * One refresh. Returns the products that changed (all of them on a full pull) and the settings;
 * `full` says the caller should rebuild rather than apply.
 */
export async function refreshSnapshot(storeId: string, timings: Record<string, number> = {}): Promise<{ full: boolean; changed: TillProduct[]; settings: CheckoutSettings }> {
  const started = performance.now();
  const state = await getMeta<SyncState>('catalogSync');
  const overlaySize = await countOf('products');
  const since = state && state.storeId === storeId && overlaySize < MAX_OVERLAY ? state.cursor : undefined;
  const pages: TillProduct[][] = [];
  let after: string | null = null;
  let cursor = '';
  let settings = DEFAULT_SETTINGS;
  do {
    const page: SnapshotPage = await api.get<SnapshotPage>('/till/snapshot', {
      query: { storeId, since, after: after ?? undefined, limit: 5000 },
      headers: authHeaders(),
      allowUnauthorized: true,
      signal: AbortSignal.timeout(30_000),
    });
    if (!cursor) cursor = page.cursor;
    settings = page.settings;
    pages.push(page.products);
    after = page.nextAfter;
  } while (after);
  timings.downloadMs = performance.now() - started;

  const storing = performance.now();
  const db = await openTillDb();
  const tx = db.transaction(['chunks', 'products', 'meta'], 'readwrite');
  const overlay = tx.objectStore('products');
  if (!since) {
    const chunks = tx.objectStore('chunks');
    chunks.clear();
    overlay.clear();
    pages.forEach((page, i) => chunks.put(JSON.stringify(page.map(pack)), i));
  } else {
    // Archived products are kept here too: they hide the copy in the chunks.
    for (const page of pages) for (const p of page) overlay.put(p);
  }
  const meta = tx.objectStore('meta');
  meta.put(settings, 'settings');
  meta.put({ storeId, cursor } satisfies SyncState, 'catalogSync');
  meta.put(new Date().toISOString(), 'refreshedAt');
  await committed(tx);
  timings.storeMs = performance.now() - storing;
  return { full: !since, changed: pages.flat(), settings };
}

async function countOf(store: 'products'): Promise<number> {
  const db = await openTillDb();
  return requestResult(db.transaction(store, 'readonly').objectStore(store).count());
}

export async function forgetSnapshot(): Promise<void> {
  await setMeta('catalogSync', null);
}
