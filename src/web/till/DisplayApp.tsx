// The customer display (/till/display): the second screen facing the customer, fed by the till
// over a BroadcastChannel — items, the total and, after payment, the change.
import { useEffect, useState } from 'react';
import { useTillT } from './i18n';
import { displayChannel, type DisplayState } from './lib/display-channel';
import { money } from './lib/input';

export function DisplayApp() {
  const t = useTillT();
  const [state, setState] = useState<DisplayState | null>(null);
  useEffect(() => {
    const channel = displayChannel();
    if (!channel) return;
    channel.onmessage = (e: MessageEvent<DisplayState>) => setState(e.data);
    return () => channel.close();
  }, []);
  if (!state || state.phase === 'idle') {
    return (
      <div className="cd" data-testid="display">
        <div className="items">
          <h1>{state?.storeName ?? '仓收'}</h1>
          <div style={{ fontSize: 48, marginTop: 80 }}>{t('display.welcome')}</div>
        </div>
        <div className="sum" />
      </div>
    );
  }
  return (
    <div className="cd" data-testid="display">
      <div className="items">
        <h1>{state.storeName}</h1>
        {state.lines.slice(-10).map((l, i) => (
          <div className="it" key={i}>
            <span>
              {l.name} × {l.qty}
            </span>
            <span className="num">{money(l.amount)}</span>
          </div>
        ))}
        {state.phase === 'paid' && <div style={{ fontSize: 40, marginTop: 40, color: '#5eead4' }}>{t('display.thanks')}</div>}
      </div>
      <div className="sum">
        <div className="lbl">{t('display.total')}</div>
        <div className="big num" data-testid="display-total">{money(state.total)}</div>
        {state.discount > 0 && <div className="lbl">{t('display.saved')} {money(state.discount)}</div>}
        {state.phase === 'paid' && (
          <>
            <div className="lbl">{t('display.paid')} {money(state.paid)}</div>
            <div className="lbl">{t('display.change')}</div>
            <div className="chg num" data-testid="display-change">{money(state.change)}</div>
          </>
        )}
      </div>
    </div>
  );
}
