// Small pieces the catalog and stock screens share: formatted cells, status tags and the store
// the screen works on.
import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { formatMoney, formatQuantity } from '../../shared/format';
import i18n from '../i18n';
import { useSession } from '../session/session';

export const moneyCell = (fen: number | null | undefined) =>
  typeof fen === 'number' ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen)}</span> : <Typography.Text type="secondary">—</Typography.Text>;

export const qtyCell = (thousandths: number | null | undefined, unit?: string) =>
  typeof thousandths === 'number' ? (
    <span style={{ fontVariantNumeric: 'tabular-nums', color: thousandths < 0 ? '#dc2626' : undefined }}>
      {formatQuantity(thousandths)}
      {unit ? <Typography.Text type="secondary"> {unit}</Typography.Text> : null}
    </span>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

/** Signed quantity with colour: +12 green, -3 red. */
export const deltaCell = (thousandths: number) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', color: thousandths < 0 ? '#dc2626' : thousandths > 0 ? '#16a34a' : undefined }}>
    {thousandths > 0 ? '+' : ''}
    {formatQuantity(thousandths)}
  </span>
);

export const deltaMoneyCell = (fen: number) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', color: fen < 0 ? '#dc2626' : fen > 0 ? '#16a34a' : undefined }}>
    {fen > 0 ? '+' : ''}
    {formatMoney(fen)}
  </span>
);

const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  archived: 'default',
  inactive: 'default',
  draft: 'default',
  scheduled: 'blue',
  applying: 'processing',
  applied: 'green',
  cancelled: 'default',
  shipped: 'blue',
  partially_received: 'orange',
  received: 'green',
  closed: 'volcano',
  counting: 'processing',
  approved: 'green',
  critical: 'red',
  warning: 'orange',
  info: 'blue',
};

/** A translated status tag; codes this build does not know show as they are. */
export function StatusTag({ status, t }: { status: string; t: TFunction }) {
  const key = `status.${status}`;
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{i18n.exists(key) ? t(key as 'status.active') : status}</Tag>;
}

/** The store the stock screens show: the one picked in the header. */
export function useStoreId(): string | undefined {
  return useSession().currentStore?.id;
}
