// Variant combinations of a template, in a fixed order: attributes in the order given, values in
// the order given, the last attribute varying fastest (S-红, S-蓝, M-红 …).

export type Attributes = Record<string, string[]>;

/** A value as it appears in a SKU: spaces become "_" so "Light Blue" reads Light_Blue. */
export function skuSuffix(value: string): string {
  return value.trim().replace(/\s+/g, '_');
}

export const SKU_PART = /^[\p{L}\p{N}._\-/]+$/u;

export function combinations(attributes: Attributes): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(attributes)) {
    out = out.flatMap((combo) => values.map((v) => ({ ...combo, [name]: v })));
  }
  return out;
}

export function variantSku(baseSku: string, combo: Record<string, string>): string {
  return [baseSku, ...Object.values(combo).map(skuSuffix)].join('-');
}

export function variantName(baseName: string, combo: Record<string, string>): string {
  return [baseName, ...Object.values(combo)].join(' ');
}
