// Who is signed in, what they may do, and which store they are looking at.
// The session lives in an HttpOnly cookie; this provider only mirrors GET /api/v1/me.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, setUnauthorizedHandler } from '../../shared/api';
import type { LoginResult, Me, StoreRef } from '../../shared/types';

const STORE_KEY = 'cangshou.store';

export interface Session {
  /** null when signed out; undefined while the first /me is in flight. */
  me: Me | null | undefined;
  /** Error of the first /me other than 401 (server down): shown instead of the login form. */
  bootError: ApiError | null;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  reload(): Promise<void>;
  can(permission: string): boolean;
  currentStore: StoreRef | null;
  setCurrentStoreId(id: string): void;
  storeName(id: string | null | undefined): string | null;
}

const SessionContext = createContext<Session | null>(null);

function readStoredStoreId(): string | null {
  try {
    return window.localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<ApiError | null>(null);
  const [storeId, setStoreId] = useState<string | null>(readStoredStoreId);

  const reload = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/me', { allowUnauthorized: true }));
      setBootError(null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setMe(null);
        setBootError(null);
      } else {
        setBootError(error instanceof ApiError ? error : null);
        setMe(null);
      }
    }
  }, []);

  useEffect(() => {
    // Any 401 later on (session expired, revoked) drops us to the login screen via the router.
    setUnauthorizedHandler(() => setMe(null));
    void reload();
  }, [reload]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api.post<LoginResult>('/auth/login', { username, password }, { allowUnauthorized: true });
    setMe(result.user);
    setBootError(null);
    return result.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout', undefined, { allowUnauthorized: true });
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo<Session>(() => {
    const permissions = new Set(me?.permissions ?? []);
    const stores = me?.stores ?? [];
    const currentStore = stores.find((store) => store.id === storeId) ?? stores[0] ?? null;
    return {
      me,
      bootError,
      login,
      logout,
      reload,
      can: (permission) => permissions.has(permission),
      currentStore,
      setCurrentStoreId: (id) => {
        setStoreId(id);
        try {
          window.localStorage.setItem(STORE_KEY, id);
        } catch {
          // Storage unavailable: the choice lasts for this visit.
        }
      },
      storeName: (id) => {
        if (!id) return null;
        return stores.find((store) => store.id === id)?.name ?? null;
      },
    };
  }, [me, bootError, login, logout, reload, storeId]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for components rendered inside RequireSession. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
