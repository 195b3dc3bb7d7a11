// Small display helpers shared by the report tabs: money in tabular figures, the account name in
// the office's language, a VAT rate from basis points.
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format';
import type { AccountFigures } from './reportTypes';

export const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen, { symbol: false })}</span>;

/** Picks name or nameEn by the office language. */
export function useAccountName(): (a: AccountFigures) => string {
  const english = useTranslation().i18n.language === 'en';
  return (a) => (english ? a.nameEn : a.name) || a.code;
}

/** 1300 → "13%", 650 → "6.5%" (rates are basis points). */
export const formatRate = (bp: number) => `${bp / 100}%`;
