// The customer display (/till/display, a second window on the customer's screen) follows the
// till over a BroadcastChannel: same origin, no server, works offline.
export interface DisplayState {
  phase: 'idle' | 'selling' | 'paying' | 'paid';
  storeName: string;
  lines: { name: string; qty: string; amount: number }[];
  total: number;
  discount: number;
  paid: number;
  change: number;
  /** The line just scanned, shown large. */
  last: { name: string; amount: number } | null;
}

export const DISPLAY_CHANNEL = 'cangshou-till-display';

export function displayChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(DISPLAY_CHANNEL);
}
