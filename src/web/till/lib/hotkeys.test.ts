// The one hotkey table: what the key handler dispatches, what the help and the key bar print.
import { describe, expect, it } from 'vitest';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { HOTKEYS, hotkeyAction } from './hotkeys';

const lookup = (messages: object, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

describe('the till hotkey table', () => {
  it('maps function keys, shifted function keys and Delete to their actions', () => {
    expect(hotkeyAction({ key: 'F11', shiftKey: false })).toBe('return');
    expect(hotkeyAction({ key: 'F11', shiftKey: true })).toBe('exchange');
    expect(hotkeyAction({ key: 'F10', shiftKey: true })).toBe('training');
    expect(hotkeyAction({ key: 'F5', shiftKey: false })).toBe('voidSale');
    expect(hotkeyAction({ key: 'Delete', shiftKey: false })).toBe('voidLine');
    expect(hotkeyAction({ key: 'End', shiftKey: false })).toBe('pay');
  });

  it('leaves the scan box its own keys and unknown ones alone', () => {
    for (const key of ['Enter', 'Escape', 'ArrowDown', 'a', '3']) expect(hotkeyAction({ key, shiftKey: false })).toBeUndefined();
    expect(hotkeyAction({ key: 'F2', shiftKey: true })).toBeUndefined();
  });

  it('gives each action one key, and a bar button only to keys with an action', () => {
    const actions = HOTKEYS.flatMap((h) => (h.action ? [h.action] : []));
    expect(new Set(actions).size).toBe(actions.length);
    expect(HOTKEYS.filter((h) => h.onBar && !h.action)).toEqual([]);
    expect(new Set(HOTKEYS.map((h) => h.key)).size).toBe(HOTKEYS.length);
  });

  it('has a label in both languages for every key', () => {
    for (const h of HOTKEYS) {
      expect(typeof lookup(zhCN, h.label), `zh-CN ${h.label}`).toBe('string');
      expect(typeof lookup(en, h.label), `en ${h.label}`).toBe('string');
    }
  });
});
