// Before selling: pair the browser with a register (once, by a manager), the cashier's PIN
// sign-in, and opening a shift with its float when the register has none.
import { useEffect, useRef, useState } from 'react';
import { uuidv7 } from '../../../core/id/uuidv7';
import { ApiError, api } from '../../shared/api';
import { toggleLanguage, useTillT } from '../i18n';
import { problemMessage } from '../lib/problem-message';
import { authHeaders, listRegisters, managerSignIn, pairRegister, pinLogin, type CashierSession, type OpenShift, type Pairing } from '../lib/device';
import { parseYuan } from '../lib/input';

function Shell(props: { children: React.ReactNode }) {
  const t = useTillT();
  return (
    <div className="center">
      <div className="card">
        {props.children}
        <div style={{ marginTop: 14, textAlign: 'right' }}>
          <button className="btn" onClick={toggleLanguage}>{t('top.lang')}</button>
        </div>
      </div>
    </div>
  );
}

export function PairScreen(props: { onPaired: (p: Pairing) => void }) {
  const t = useTillT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [stores, setStores] = useState<{ id: string; code: string; name: string }[]>([]);
  const [storeId, setStoreId] = useState('');
  const [registers, setRegisters] = useState<{ id: string; code: string; name: string; storeId: string }[]>([]);
  const [registerId, setRegisterId] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    if (!token || !storeId) return;
    listRegisters(token, storeId)
      .then((rs) => {
        setRegisters(rs);
        setRegisterId(rs[0]?.id ?? '');
      })
      .catch((e) => setError(problemMessage(e)));
  }, [token, storeId]);

  const signIn = async () => {
    setError('');
    try {
      const res = await managerSignIn(username, password);
      setToken(res.token);
      setStores(res.user.stores);
      setStoreId(res.user.stores[0]?.id ?? '');
    } catch (e) {
      setError(problemMessage(e));
    }
  };
  const pair = async () => {
    const register = registers.find((r) => r.id === registerId);
    if (!token || !register) return;
    try {
      props.onPaired(await pairRegister(token, storeId, register));
    } catch (e) {
      setError(problemMessage(e));
    }
  };

  return (
    <Shell>
      <h1>{t('pair.title')}</h1>
      <p>{t('pair.intro')}</p>
      {!token ? (
        <form onSubmit={(e) => (e.preventDefault(), void signIn())}>
          <label>{t('pair.username')}</label>
          <input autoFocus value={username} onChange={(e) => setUsername(e.target.value)} data-testid="pair-username" />
          <label>{t('pair.password')}</label>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="pair-password" />
          <div className="actions">
            <span />
            <button className="btn primary big" type="submit" data-testid="pair-signin">{t('pair.signIn')}</button>
          </div>
        </form>
      ) : (
        <>
          <label>{t('pair.store')}</label>
          <select value={storeId} onChange={(e) => setStoreId(e.target.value)} data-testid="pair-store">
            {stores.map((s) => (
              <option key={s.id} value={s.id}>{`${s.code} ${s.name}`}</option>
            ))}
          </select>
          <label>{t('pair.register')}</label>
          <select value={registerId} onChange={(e) => setRegisterId(e.target.value)} data-testid="pair-register">
            {registers.map((r) => (
              <option key={r.id} value={r.id}>{`${r.code} ${r.name}`}</option>
            ))}
          </select>
          <div className="actions">
            <span />
            <button className="btn primary big" onClick={() => void pair()} data-testid="pair-submit">{t('pair.pair')}</button>
          </div>
        </>
      )}
      {error && <div className="err">{error}</div>}
    </Shell>
  );
}

export function LoginScreen(props: { pairing: Pairing; onLogin: (s: CashierSession) => void; onUnpair: () => void }) {
  const t = useTillT();
  const [username, setUsername] = useState(localStorage.getItem('cangshou.till.lastUser') ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const pinInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (username) pinInput.current?.focus();
  }, []);
  const submit = async () => {
    setError('');
    try {
      const session = await pinLogin(props.pairing, username, pin);
      localStorage.setItem('cangshou.till.lastUser', username);
      props.onLogin(session);
    } catch (e) {
      setPin('');
      setError(e instanceof ApiError && e.status === 0 ? t('login.offlineNote') : problemMessage(e));
    }
  };
  return (
    <Shell>
      <h1>{t('login.title')}</h1>
      <div className="where">
        {props.pairing.storeCode} {props.pairing.storeName} · {props.pairing.registerCode} {props.pairing.registerName}
      </div>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label>{t('login.username')}</label>
        <input autoFocus={!username} value={username} onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
        <label>{t('login.pin')}</label>
        <input ref={pinInput} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="login-pin" />
        <div className="actions">
          <button type="button" className="btn" onClick={props.onUnpair}>{t('login.unpair')}</button>
          <button className="btn primary big" type="submit" data-testid="login-submit">{t('login.submit')}</button>
        </div>
      </form>
      {error && <div className="err" data-testid="login-error">{error}</div>}
    </Shell>
  );
}

export function ShiftScreen(props: { pairing: Pairing; onOpened: (s: OpenShift) => void; onLogout: () => void }) {
  const t = useTillT();
  const [float, setFloat] = useState('500');
  const [error, setError] = useState('');
  const open = async () => {
    const fen = parseYuan(float);
    if (fen === null) return setError(t('dialog.badNumber'));
    try {
      const s = await api.post<OpenShift>('/shifts', { id: uuidv7(), registerId: props.pairing.registerId, openingFloat: fen }, { headers: authHeaders(), allowUnauthorized: true });
      props.onOpened(s);
    } catch (e) {
      setError(problemMessage(e));
    }
  };
  return (
    <Shell>
      <h1>{t('shift.title')}</h1>
      <p>{t('shift.intro')}</p>
      <form onSubmit={(e) => (e.preventDefault(), void open())}>
        <label>{t('shift.float')}</label>
        <input autoFocus value={float} onChange={(e) => setFloat(e.target.value)} data-testid="shift-float" />
        <div className="actions">
          <button type="button" className="btn" onClick={props.onLogout}>{t('top.logout')}</button>
          <button className="btn primary big" type="submit" data-testid="shift-open">{t('shift.open')}</button>
        </div>
      </form>
      {error && <div className="err">{error}</div>}
    </Shell>
  );
}
