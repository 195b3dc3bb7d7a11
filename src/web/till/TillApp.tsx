// The till's states: pair the device → cashier PIN → open shift → sell. The catalog snapshot
// loads from IndexedDB first (cold start without the server), then refreshes in the background.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CheckoutSettings } from '../../contracts/store-settings';
import { ApiError, api } from '../shared/api';
import { SellScreen } from './components/SellScreen';
import { LoginScreen, PairScreen, ShiftScreen } from './components/SignInScreens';
import { ShiftCloseDialog } from './components/ShiftCloseDialog';
import { SyncIndicator } from './components/SyncIndicator';
import { toggleLanguage, useTillT } from './i18n';
import { Catalog } from './lib/catalog';
import { DEFAULT_SETTINGS, forgetSnapshot, loadSnapshot, refreshSnapshot } from './lib/catalog-sync';
import { authHeaders, stored, type CashierSession, type OpenShift, type Pairing } from './lib/device';
import { TillSync, type SyncView } from './lib/sync';

export function TillApp() {
  const t = useTillT();
  const [pairing, setPairing] = useState<Pairing | null>(stored.pairing);
  const [session, setSession] = useState<CashierSession | null>(stored.session);
  const [shift, setShift] = useState<OpenShift | null | 'unknown'>('unknown');
  const catalog = useRef(new Catalog()).current;
  const [catalogVersion, setCatalogVersion] = useState(0);
  const [settings, setSettings] = useState<CheckoutSettings>(DEFAULT_SETTINGS);
  const [refreshedAt, setRefreshedAt] = useState<string | null>(null);
  const [view, setView] = useState<SyncView | null>(null);
  const [closing, setClosing] = useState(false);

  const refresh = async () => {
    if (!pairing || !stored.session()) return;
    const started = performance.now();
    const timings: Record<string, number> = {};
    const r = await refreshSnapshot(pairing.storeId, timings);
    const indexing = performance.now();
    if (r.full) catalog.rebuild(r.changed);
    else if (r.changed.length) catalog.apply(r.changed);
    timings.indexMs = performance.now() - indexing;
    // The last refresh's figures (download, IndexedDB write, scan maps) for `npm run bench -- till`.
    Object.assign(window, { __tillRefresh: { full: r.full, products: r.changed.length, totalMs: performance.now() - started, ...timings } });
    setTimeout(() => catalog.prepareSearch(), 0);
    setSettings(r.settings);
    setRefreshedAt(new Date().toISOString());
    if (r.full || r.changed.length) setCatalogVersion((v) => v + 1);
  };
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const sync = useMemo(() => new TillSync(() => refreshRef.current()), []);
  // For diagnostics from the browser console (and the e2e suite): the sync state and the catalog.
  Object.assign(window, { __tillSync: sync, __tillCatalog: catalog });

  // Cold start: the snapshot from IndexedDB (no server needed), then the background work.
  useEffect(() => {
    if (!pairing) return;
    const started = performance.now();
    const timings: Record<string, number> = {};
    void loadSnapshot(pairing.storeId, timings).then((s) => {
      const indexing = performance.now();
      catalog.rebuild(s.products);
      timings.indexMs = performance.now() - indexing;
      setSettings(s.settings);
      setRefreshedAt(s.refreshedAt);
      setCatalogVersion((v) => v + 1);
      Object.assign(window, { __tillColdStartMs: performance.now() - started, __tillColdStart: timings });
      // Search keys right after the first frame: scanning works meanwhile.
      setTimeout(() => {
        const t0 = performance.now();
        catalog.prepareSearch();
        timings.searchIndexMs = performance.now() - t0;
      }, 0);
    });
    const unsubscribe = sync.subscribe(setView);
    sync.start();
    return () => {
      unsubscribe();
      sync.stop();
    };
  }, [pairing]);

  // Which shift is open on this register; without a server, the one remembered.
  useEffect(() => {
    if (!pairing || !session) return;
    setShift('unknown');
    api
      .get<OpenShift>('/shifts/current', { query: { registerId: pairing.registerId }, headers: authHeaders(session.token), allowUnauthorized: true, signal: AbortSignal.timeout(5000) })
      .then((s) => {
        stored.setShift(s);
        setShift(s);
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) return logout();
        if (e instanceof ApiError && e.code === 'no_open_shift') {
          stored.setShift(null);
          return setShift(null);
        }
        setShift(stored.shift());
      });
    void refresh().catch(() => undefined);
  }, [pairing, session]);

  const logout = () => {
    if (session) void api.post('/auth/logout', undefined, { headers: authHeaders(session.token), allowUnauthorized: true }).catch(() => undefined);
    stored.setSession(null);
    setSession(null);
  };

  if (!pairing) {
    return (
      <PairScreen
        onPaired={(p) => {
          stored.setPairing(p);
          void forgetSnapshot();
          setPairing(p);
        }}
      />
    );
  }
  if (!session) {
    return (
      <LoginScreen
        pairing={pairing}
        onLogin={(s) => {
          stored.setSession(s);
          setSession(s);
          void sync.kick();
        }}
        onUnpair={() => {
          stored.setPairing(null);
          setPairing(null);
        }}
      />
    );
  }
  if (shift === null) {
    return (
      <ShiftScreen
        pairing={pairing}
        onLogout={logout}
        onOpened={(s) => {
          stored.setShift(s);
          setShift(s);
        }}
      />
    );
  }

  return (
    <div style={{ height: '100%' }}>
      <div className="topbar">
        <div className="brand">
          <i>仓</i>
          {t('app.brand')} · {t('app.till')}
        </div>
        <div className="meta">
          {t('top.store')} <b>{pairing.storeCode} {pairing.storeName}</b>
        </div>
        <div className="meta">
          {t('top.register')} <b>{pairing.registerCode}</b>
        </div>
        <div className="meta">
          {t('top.cashier')} <b data-testid="cashier">{session.user.displayName}</b>
        </div>
        <div className="meta">{shift !== 'unknown' && shift ? t('shift.since', { time: new Date(shift.openedAt).toLocaleTimeString() }) : ''}</div>
        <div className="spacer" />
        {view && <SyncIndicator view={view} catalog={{ size: catalog.size, refreshedAt }} onRetry={() => void sync.kick()} />}
        <Clock />
        <button className="link" onClick={() => window.open('/till/display', 'cangshou-customer-display', 'popup,width=1024,height=600')}>
          {t('top.display')}
        </button>
        {shift !== 'unknown' && shift && (
          <button className="link" onClick={() => setClosing(true)} data-testid="close-shift">
            {t('close.button')}
          </button>
        )}
        <button className="link" onClick={toggleLanguage}>{t('top.lang')}</button>
        <button className="link" onClick={logout} data-testid="logout">
          {t('top.logout')}
        </button>
      </div>
      {shift !== 'unknown' && shift ? (
        <SellScreen pairing={pairing} session={session} shift={shift} catalog={catalog} catalogVersion={catalogVersion} settings={settings} online={view?.online ?? false} sync={sync} />
      ) : (
        <div className="empty">…</div>
      )}
      {closing && shift !== 'unknown' && shift && (
        <ShiftCloseDialog
          shiftId={shift.id}
          waiting={view?.waiting ?? 0}
          onClose={() => setClosing(false)}
          onClosed={() => {
            setClosing(false);
            stored.setShift(null);
            setShift(null);
          }}
        />
      )}
    </div>
  );
}

function Clock() {
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return <span className="clock num">{now.toLocaleTimeString('zh-CN', { hour12: false })}</span>;
}
