// What this browser remembers across reloads and server outages: the register it is paired to
// (the device token, issued once by a manager) and the cashier session opened by PIN.
import { ApiError, api } from '../../shared/api';

export interface Pairing {
  deviceToken: string;
  registerId: string;
  registerCode: string;
  registerName: string;
  storeId: string;
  storeCode: string;
  storeName: string;
  receiptHeader: string | null;
  timezone: string;
}

export interface TillUser {
  id: string;
  username: string;
  displayName: string;
  roles: { role: string; storeId: string | null }[];
}

export interface CashierSession {
  token: string;
  expiresAt: string;
  user: TillUser;
}

export interface OpenShift {
  id: string;
  openingFloat: number;
  openedAt: string;
  businessDate: string;
}

const PAIRING_KEY = 'cangshou.till.pairing';
const SESSION_KEY = 'cangshou.till.session';
const SHIFT_KEY = 'cangshou.till.shift';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
}

export const stored = {
  pairing: () => read<Pairing>(PAIRING_KEY),
  setPairing: (p: Pairing | null) => write(PAIRING_KEY, p),
  session: () => {
    const s = read<CashierSession>(SESSION_KEY);
    return s && s.expiresAt > new Date().toISOString() ? s : null;
  },
  setSession: (s: CashierSession | null) => write(SESSION_KEY, s),
  shift: () => read<OpenShift>(SHIFT_KEY),
  setShift: (s: OpenShift | null) => write(SHIFT_KEY, s),
};

/** Headers for a call as the cashier on this register. */
export function authHeaders(token?: string): Record<string, string> {
  const t = token ?? stored.session()?.token;
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export const isManager = (u: TillUser) => u.roles.some((r) => r.role === 'owner' || r.role === 'store_manager');

/** A network failure or a server error: try again later. Anything else is the server's answer. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429;
}

interface StoreRow {
  id: string;
  code: string;
  name: string;
  timezone?: string;
  receiptHeader?: string | null;
}

interface RegisterRow {
  id: string;
  code: string;
  name: string;
  storeId: string;
}

/** A manager signs in with the password to pair this browser with one register. */
export async function managerSignIn(username: string, password: string) {
  const res = await api.post<{ token: string; user: { stores: { id: string; code: string; name: string }[] } }>('/auth/login', { username, password }, { allowUnauthorized: true });
  return res;
}

export async function listRegisters(token: string, storeId: string): Promise<RegisterRow[]> {
  const res = await api.get<{ items: RegisterRow[] } | RegisterRow[]>('/registers', { query: { storeId }, headers: authHeaders(token), allowUnauthorized: true });
  return Array.isArray(res) ? res : res.items;
}

export async function pairRegister(token: string, storeId: string, register: RegisterRow): Promise<Pairing> {
  const store = await api.get<StoreRow>(`/stores/${storeId}`, { headers: authHeaders(token), allowUnauthorized: true });
  const res = await api.post<{ deviceToken: string; registerId: string; storeId: string }>(`/registers/${register.id}/pair`, undefined, { headers: authHeaders(token), allowUnauthorized: true });
  // The manager's session was only for pairing.
  await api.post('/auth/logout', undefined, { headers: authHeaders(token), allowUnauthorized: true }).catch(() => undefined);
  return {
    deviceToken: res.deviceToken,
    registerId: res.registerId,
    registerCode: register.code,
    registerName: register.name,
    storeId: res.storeId,
    storeCode: store.code,
    storeName: store.name,
    receiptHeader: store.receiptHeader ?? null,
    timezone: store.timezone ?? 'Asia/Shanghai',
  };
}

export async function pinLogin(pairing: Pairing, username: string, pin: string): Promise<CashierSession> {
  const res = await api.post<{ token: string; expiresAt: string; user: TillUser }>('/auth/pin', { username, pin }, { headers: { 'X-Device-Token': pairing.deviceToken }, allowUnauthorized: true });
  return { token: res.token, expiresAt: res.expiresAt, user: { id: res.user.id, username: res.user.username, displayName: res.user.displayName, roles: res.user.roles } };
}
