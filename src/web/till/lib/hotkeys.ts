// Every key of the selling screen, once: the help overlay (F1 or ?) lists them all, the on-screen
// key bar shows the ones marked for it (touch screens), and the selling screen's key handler
// dispatches by `key` to the handler of each `action`.

/** What a key does; SellScreen has exactly one handler per action. */
export type HotkeyAction =
  | 'help'
  | 'pay'
  | 'qty'
  | 'lineDiscount'
  | 'orderDiscount'
  | 'price'
  | 'member'
  | 'hold'
  | 'reprint'
  | 'drawer'
  | 'return'
  | 'exchange'
  | 'voidSale'
  | 'training'
  | 'voidLine';

export interface Hotkey {
  /**
   * The KeyboardEvent key the handler matches, `Shift+` before a shifted function key; for the
   * keys the scan box handles itself (no `action`), how the help prints them.
   */
  key: string;
  /** The till i18n key of what it does. */
  label: string;
  action?: HotkeyAction;
  /** In the help, when not `key` itself. */
  cap?: string;
  /** On the on-screen key bar, printed as `short` (else `key`). */
  onBar?: boolean;
  short?: string;
}

export const HOTKEYS: readonly Hotkey[] = [
  { key: 'F1', cap: 'F1 / ?', label: 'keys.help', action: 'help', onBar: true },
  { key: 'Enter', label: 'keys.payEnter' },
  { key: 'End', label: 'keys.pay', action: 'pay' },
  { key: 'F2', label: 'keys.qty', action: 'qty', onBar: true },
  { key: 'F3', label: 'keys.lineDiscount', action: 'lineDiscount', onBar: true },
  { key: 'F4', label: 'keys.orderDiscount', action: 'orderDiscount', onBar: true },
  { key: 'F6', label: 'keys.price', action: 'price', onBar: true },
  { key: 'F7', label: 'keys.member', action: 'member', onBar: true },
  { key: 'F8', label: 'keys.hold', action: 'hold', onBar: true },
  { key: 'F9', label: 'keys.reprint', action: 'reprint', onBar: true },
  { key: 'F10', label: 'keys.drawer', action: 'drawer', onBar: true },
  { key: 'F11', label: 'keys.return', action: 'return', onBar: true },
  { key: 'Shift+F11', short: '⇧F11', label: 'keys.exchange', action: 'exchange', onBar: true },
  { key: 'F5', label: 'keys.voidSale', action: 'voidSale', onBar: true },
  { key: 'Shift+F10', short: '⇧F10', label: 'keys.training', action: 'training', onBar: true },
  { key: 'Delete', short: 'Del', label: 'keys.void', action: 'voidLine', onBar: true },
  { key: '↑ ↓', label: 'keys.move' },
  { key: '+ / −', label: 'keys.plusMinus' },
  { key: '3*', label: 'keys.qtyPrefix' },
  { key: 'Esc', label: 'keys.clear' },
];

/** The action of a key press on the selling screen, if the table has one. */
export function hotkeyAction(e: { key: string; shiftKey: boolean }): HotkeyAction | undefined {
  const pressed = e.shiftKey && /^F\d+$/.test(e.key) ? `Shift+${e.key}` : e.key;
  return HOTKEYS.find((h) => h.action && h.key === pressed)?.action;
}
