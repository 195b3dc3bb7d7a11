// The till's catalog in memory, built from the IndexedDB snapshot: exact maps for scans (barcode,
// SKU, PLU — the server's lookup order), sorted keys for prefix search (SKU, barcode, pinyin
// initials, full pinyin: binary search, microseconds at 100,000 products) and the names for
// substring search, scanned only until enough hits are found. No server round trip.
import { mulDivRound } from '../../../core/money/round';
import type { TillProduct } from '../../../contracts/till';

export interface ScanMatch {
  product: TillProduct;
  matchedBy: 'barcode' | 'sku' | 'plu';
  /** The unit the code stands for and its thousandths of the base unit. */
  unit: string;
  factor: number;
}

type Keyed = [key: string, product: TillProduct];

const byKey = (a: Keyed, b: Keyed) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Products whose key starts with `q`, in key order, at most `max`. */
function prefixed(sorted: Keyed[], q: string, max: number): TillProduct[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid][0] < q) lo = mid + 1;
    else hi = mid;
  }
  const out: TillProduct[] = [];
  for (let i = lo; i < sorted.length && out.length < max && sorted[i][0].startsWith(q); i++) out.push(sorted[i][1]);
  return out;
}

export class Catalog {
  private byId = new Map<string, TillProduct>();
  private byBarcode = new Map<string, { product: TillProduct; unit: string; factor: number }>();
  private bySku = new Map<string, TillProduct>();
  private byPlu = new Map<string, TillProduct>();
  private codes: Keyed[] = [];
  private initials: Keyed[] = [];
  private pinyin: Keyed[] = [];
  private names: Keyed[] = [];
  private searchStale = true;

  constructor(products: readonly TillProduct[] = []) {
    this.rebuild(products);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): TillProduct[] {
    return [...this.byId.values()];
  }

  get(id: string): TillProduct | undefined {
    return this.byId.get(id);
  }

  /**
   * Replaces everything. The scan maps are ready on return; the search keys (sorting them is
   * most of the work at 100,000 products) are built on the first search or by `prepareSearch()`,
   * which the till runs right after start, so scanning never waits for them.
   */
  rebuild(products: readonly TillProduct[]): void {
    this.byId = new Map();
    this.byBarcode = new Map();
    this.bySku = new Map();
    this.byPlu = new Map();
    for (const p of products) if (p.status === 'active') this.put(p);
    this.searchStale = true;
  }

  /** Applies a refresh: changed products replace their old copy, archived ones leave. */
  apply(changed: readonly TillProduct[]): void {
    for (const p of changed) {
      const old = this.byId.get(p.id);
      if (old) this.remove(old);
      if (p.status === 'active') this.put(p);
    }
    this.searchStale = true;
  }

  private put(p: TillProduct): void {
    this.byId.set(p.id, p);
    this.bySku.set(p.sku, p);
    if (p.plu) this.byPlu.set(p.plu, p);
    for (const b of p.barcodes) this.byBarcode.set(b.code, { product: p, unit: b.unit, factor: b.factor });
  }

  private remove(p: TillProduct): void {
    this.byId.delete(p.id);
    if (this.bySku.get(p.sku) === p) this.bySku.delete(p.sku);
    if (p.plu && this.byPlu.get(p.plu) === p) this.byPlu.delete(p.plu);
    for (const b of p.barcodes) if (this.byBarcode.get(b.code)?.product === p) this.byBarcode.delete(b.code);
  }

  /** Builds the sorted search keys now (idempotent). */
  prepareSearch(): void {
    if (!this.searchStale) return;
    this.codes = [];
    this.initials = [];
    this.pinyin = [];
    this.names = [];
    for (const p of this.byId.values()) {
      this.codes.push([p.sku.toLowerCase(), p]);
      for (const b of p.barcodes) this.codes.push([b.code.toLowerCase(), p]);
      if (p.pinyinInitials) this.initials.push([p.pinyinInitials, p]);
      if (p.pinyinFull) this.pinyin.push([p.pinyinFull, p]);
      this.names.push([`${p.name} ${p.spec}`.toLowerCase(), p]);
    }
    this.codes.sort(byKey);
    this.initials.sort(byKey);
    this.pinyin.sort(byKey);
    this.searchStale = false;
  }

  /** A scanned or typed code: barcode, then SKU, then a 5-digit PLU (the server's order). */
  lookup(code: string): ScanMatch | null {
    const b = this.byBarcode.get(code);
    if (b) return { product: b.product, matchedBy: 'barcode', unit: b.unit, factor: b.factor };
    const s = this.bySku.get(code);
    if (s) return { product: s, matchedBy: 'sku', unit: s.unit, factor: 1000 };
    if (/^\d{5}$/.test(code)) {
      const p = this.byPlu.get(code);
      if (p) return { product: p, matchedBy: 'plu', unit: p.unit, factor: 1000 };
    }
    return null;
  }

  findPlu(plu: string): TillProduct | null {
    return this.byPlu.get(plu) ?? null;
  }

  /**
   * Name, SKU, barcode or pinyin search, ranked like the server's: an exact code, then code
   * prefixes, pinyin-initials prefixes (kkkl → 可口可乐), full-pinyin prefixes, then names
   * containing the text; within a rank by SKU (of the first 200 candidates of that rank).
   */
  search(text: string, limit = 12): TillProduct[] {
    const q = text.trim().toLowerCase();
    if (!q) return [];
    this.prepareSearch();
    const seen = new Set<string>();
    const out: TillProduct[] = [];
    const take = (list: TillProduct[]) => {
      const fresh = list.filter((p) => !seen.has(p.id)).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
      for (const p of fresh) {
        if (out.length >= limit) return;
        seen.add(p.id);
        out.push(p);
      }
    };
    const exact = this.lookup(text.trim());
    if (exact) take([exact.product]);
    take(prefixed(this.codes, q, 200));
    take(prefixed(this.initials, q, 200));
    take(prefixed(this.pinyin, q, 200));
    if (out.length < limit) {
      const contains: TillProduct[] = [];
      for (const [name, p] of this.names) {
        if (name.includes(q) && !seen.has(p.id)) {
          contains.push(p);
          if (contains.length >= 200) break;
        }
      }
      take(contains);
    }
    return out;
  }

  /** Unbarcoded goods for the quick-key grid: weighed items first (fruit, vegetables), then PLUs. */
  quickKeys(limit = 12): TillProduct[] {
    const list = [...this.byId.values()].filter((p) => p.weighable || p.plu);
    list.sort((a, b) => Number(b.weighable) - Number(a.weighable) || (a.plu ?? a.sku).localeCompare(b.plu ?? b.sku));
    return list.slice(0, limit);
  }
}

/** Price of one scanned unit: round(price per base unit × factor / 1000), as the server's lookup. */
export function unitPriceOf(price: number, factor: number): number {
  return mulDivRound(price, factor, 1000);
}
