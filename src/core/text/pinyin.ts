import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  /** First letter of each syllable, e.g. 可口可乐 → "kkkl". */
  readonly initials: string;
  /** Whole syllables without tones, e.g. "kekoukele"; ü is written v (lv for 绿). */
  readonly full: string;
}

/**
 * Search keys for a product name, so a cashier can type "kkkl" for 可口可乐 (拼音首字母).
 * Letters and digits in the name are kept, lowercased ("可口可乐330ml" → "kkkl330ml"), since
 * cashiers type sizes and brands too; spaces and punctuation are dropped. Full-width characters
 * are folded first (ＣＯＬＡ → cola). Each character gets its most likely reading in context
 * (银行 → yinhang), one reading per character.
 */
export function pinyinKeys(name: string): PinyinKeys {
  // Word by word: a reading depends on the characters around it, never across a space, so the
  // keys are the same as for the whole name, and the words a catalog repeats (brands, 牛奶, 500ml)
  // are converted once. pinyin-pro costs ~20 µs a name; an import converts 100,000 of them.
  const words = name.normalize('NFKC').split(/\s+/).map(wordKeys);
  return { initials: words.map((w) => w.initials).join(''), full: words.map((w) => w.full).join('') };
}

const wordCache = new Map<string, PinyinKeys>();

function wordKeys(word: string): PinyinKeys {
  let keys = wordCache.get(word);
  if (!keys) {
    const options = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;
    keys = {
      initials: searchKey(pinyin(word, { ...options, pattern: 'first' }).join('')),
      full: searchKey(pinyin(word, options).join('')),
    };
    if (wordCache.size >= 50_000) wordCache.clear();
    wordCache.set(word, keys);
  }
  return keys;
}

function searchKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface SearchableProduct {
  readonly name: string;
  /** From `pinyinKeys(name)`, stored with the product so search does no conversion. */
  readonly initials: string;
  readonly full: string;
  readonly sku?: string;
  readonly barcodes?: readonly string[];
}

/**
 * Whether a product matches what the cashier typed: part of the name, of the pinyin initials or
 * full pinyin (when the query is Latin letters and digits), of the SKU, or of a barcode (cashiers
 * often type the last digits of a smudged code). An empty query matches nothing, so the till
 * never lists the whole catalog.
 */
export function matchesSearch(query: string, product: SearchableProduct): boolean {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (q === '') return false;
  if (product.name.toLowerCase().includes(q)) return true;
  if (product.sku?.toLowerCase().includes(q)) return true;
  if (product.barcodes?.some((b) => b.includes(q))) return true;
  const key = q.replace(/\s+/g, '');
  if (!/^[a-z0-9]+$/.test(key)) return false;
  return product.initials.includes(key) || product.full.includes(key);
}
