// Held sales (挂单): a basket parked while the customer fetches something, recalled later (取单).
// Kept in localStorage so a reload keeps them; nothing is posted until the sale is paid.
import type { Cart } from './basket';

export interface HeldSale {
  id: string;
  at: string;
  cart: Cart;
  due: number;
}

const KEY = 'cangshou.till.held';

export function heldSales(): HeldSale[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as HeldSale[];
  } catch {
    return [];
  }
}

export function holdSale(h: HeldSale): void {
  localStorage.setItem(KEY, JSON.stringify([...heldSales(), h]));
}

export function takeHeldSale(id: string): HeldSale | null {
  const all = heldSales();
  const found = all.find((h) => h.id === id) ?? null;
  localStorage.setItem(KEY, JSON.stringify(all.filter((h) => h.id !== id)));
  // Approval tokens expire within minutes and are single-use: a recalled sale asks again.
  return found && { ...found, cart: { ...found.cart, approvals: [] } };
}
