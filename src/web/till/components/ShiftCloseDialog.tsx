// Shift close (交接班): the X report's expected takings, the cash counted by denomination, and
// the over/short the server posts (docs on shifts). After closing, the next cashier opens a shift.
import { useEffect, useState } from 'react';
import { uuidv7 } from '../../../core/id/uuidv7';
import { api } from '../../shared/api';
import { useTillT } from '../i18n';
import { authHeaders } from '../lib/device';
import { problemMessage } from '../lib/problem-message';
import { money } from '../lib/input';
import { Dialog } from './Dialog';

const NOTES = ['100', '50', '20', '10', '5', '1', '0.5', '0.1'] as const;
const FEN: Record<(typeof NOTES)[number], number> = { '100': 10_000, '50': 5000, '20': 2000, '10': 1000, '5': 500, '1': 100, '0.5': 50, '0.1': 10 };

interface CloseResult {
  overShort: number;
  cashCount: { total: number };
  report: { cash: { expected: number } };
}

export function ShiftCloseDialog(props: { shiftId: string; waiting: number; onClose: () => void; onClosed: () => void }) {
  const t = useTillT();
  const [expected, setExpected] = useState<number | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [result, setResult] = useState<CloseResult | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .get<{ cash: { expected: number } }>(`/shifts/${props.shiftId}/x-report`, { headers: authHeaders(), allowUnauthorized: true })
      .then((r) => setExpected(r.cash.expected))
      .catch((e) => setError(problemMessage(e)));
  }, [props.shiftId]);

  const cash = Object.fromEntries(NOTES.map((n) => [n, Number(counts[n] || 0)]).filter(([, c]) => Number(c) > 0));
  const counted = NOTES.reduce((s, n) => s + FEN[n] * Number(counts[n] || 0), 0);

  const close = async () => {
    setError('');
    try {
      setResult(await api.post<CloseResult>(`/shifts/${props.shiftId}/close`, { id: uuidv7(), cash }, { headers: authHeaders(), allowUnauthorized: true }));
    } catch (e) {
      setError(problemMessage(e));
    }
  };

  return (
    <Dialog
      title={t('close.title')}
      onClose={result ? props.onClosed : props.onClose}
      testId="shift-close"
      footer={
        result ? (
          <button className="btn primary" onClick={props.onClosed} data-testid="shift-close-done">{t('dialog.ok')}</button>
        ) : (
          <>
            <button className="btn" onClick={props.onClose}>{t('dialog.cancel')}</button>
            <button className="btn primary" disabled={props.waiting > 0} onClick={() => void close()} data-testid="shift-close-submit">{t('close.submit')}</button>
          </>
        )
      }
    >
      {result ? (
        <div style={{ fontSize: 20 }} data-testid="shift-close-result">
          <p>{t('close.expected')}: <b className="num">{money(result.report.cash.expected)}</b></p>
          <p>{t('close.counted')}: <b className="num">{money(result.cashCount.total)}</b></p>
          <p>
            {t('close.overShort')}: <b className="num" style={{ color: result.overShort < 0 ? 'var(--bad)' : 'var(--ok)' }} data-testid="over-short">{money(result.overShort)}</b>
          </p>
        </div>
      ) : (
        <>
          <div className="hint">{t('close.expected')}: <b className="num">{expected === null ? '…' : money(expected)}</b></div>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: '0 12px' }}>
            {NOTES.map((n) => (
              <div key={n}>
                <label>¥{n}</label>
                <input inputMode="numeric" value={counts[n] ?? ''} onChange={(e) => setCounts({ ...counts, [n]: e.target.value.replace(/\D/g, '') })} data-testid={`count-${n}`} />
              </div>
            ))}
          </div>
          <p style={{ fontSize: 18 }}>
            {t('close.counted')}: <b className="num">{money(counted)}</b>
            {expected !== null && <span className="num"> · {t('close.overShort')} {money(counted - expected)}</span>}
          </p>
        </>
      )}
      {props.waiting > 0 && !result && <div className="err">{t('close.waiting', { count: props.waiting })}</div>}
      {error && <div className="err">{error}</div>}
    </Dialog>
  );
}
