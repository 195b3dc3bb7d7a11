// The 1- and 2-character pieces of a product's words, stored as `products.search_grams` so a
// 1–2 character query ("牛奶", "奶") is an index lookup: no trigram (3+ characters) can serve it.

/** "纯牛奶 250ml" → "纯 纯牛 牛 牛奶 奶 2 25 5 50 0 0m m ml l": distinct, lowercased, within each word. */
export function searchGrams(p: { name: string; brand?: string; spec?: string }): string {
  const grams = new Set<string>();
  for (const word of [p.name, p.brand ?? '', p.spec ?? ''].join(' ').toLowerCase().split(/\s+/)) {
    const chars = Array.from(word);
    chars.forEach((c, i) => {
      grams.add(c);
      if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
    });
  }
  grams.delete('');
  return [...grams].join(' ');
}
