// Form inputs speak yuan and units (2.5 瓶, ¥3.50); the API speaks fen and thousandths. An
// InputNumber with precision 2 (money) or 3 (quantity) holds at most that many decimals, so
// scaling and rounding to the nearest integer is exact (it only removes float noise like 204.99999).
export const fenOf = (yuan: number | null | undefined): number => Math.round(Number(yuan ?? 0) * 100);
export const yuanOf = (fen: number | null | undefined): number | undefined => (typeof fen === 'number' ? fen / 100 : undefined);
export const thousandthsOf = (qty: number | null | undefined): number => Math.round(Number(qty ?? 0) * 1000);
export const unitsOf = (thousandths: number | null | undefined): number | undefined =>
  typeof thousandths === 'number' ? thousandths / 1000 : undefined;
/** Tax rate: 13 (%) ↔ 1300 basis points. */
export const bpOf = (percent: number | null | undefined): number => Math.round(Number(percent ?? 0) * 100);
