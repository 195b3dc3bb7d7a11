// Prefix search as a range on an indexed column: `col >= prefix AND col < upper` instead of
// `col LIKE 'prefix%'`, which SQLite cannot serve from a BINARY index (its LIKE ignores case) and
// which PostgreSQL serves only for some collations. Both dialects compare these columns by code
// point (migration 0003), so the range holds exactly the strings that start with the prefix.

/** The smallest string greater than every string that starts with `prefix`; null if none exists. */
export function prefixUpperBound(prefix: string): string | null {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length) {
    const last = points.pop()!;
    if (last >= 0x10ffff) continue;
    // Lone surrogates are not characters: step over them.
    const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1;
    return String.fromCodePoint(...points, next);
  }
  return null;
}

/** LIKE pattern for `%text%` with the wildcards in `text` escaped (used with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
