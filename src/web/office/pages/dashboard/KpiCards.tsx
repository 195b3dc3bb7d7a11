// The four headline figures of the period, each with its change against the previous period of
// the same length (环比) and, when the period is longer than today, today's figure beneath.
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DashboardKpis } from '../../../../contracts/dashboard';
import { formatMoney } from '../../../shared/format';
import type { DashboardT } from '../../i18n/dashboard';
import { formatBp, pointsChange, relativeChange, type Change } from './period';

const UP = '#16a34a';
const DOWN = '#dc2626';

type KpiKey = 'netSales' | 'grossProfit' | 'tickets' | 'avgTicket';
const KPIS: { key: KpiKey; money: boolean; accent: string }[] = [
  { key: 'netSales', money: true, accent: '#0f766e' },
  { key: 'grossProfit', money: true, accent: '#2563eb' },
  { key: 'tickets', money: false, accent: '#d97706' },
  { key: 'avgTicket', money: true, accent: '#7c3aed' },
];

function ChangeText({ change, t }: { change: Change; t: DashboardT }) {
  if (change.kind === 'none') return <Typography.Text type="secondary">{t('dashboard.noPrevious')}</Typography.Text>;
  const color = change.kind === 'up' ? UP : change.kind === 'down' ? DOWN : undefined;
  const icon = change.kind === 'up' ? <ArrowUpOutlined /> : change.kind === 'down' ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <span data-change={change.kind} style={{ color, fontWeight: 500, whiteSpace: 'nowrap' }}>
      {icon} {change.kind === 'flat' ? '0.0%' : change.label}
    </span>
  );
}

function KpiCard({
  title,
  value,
  extra,
  change,
  today,
  accent,
  testId,
  t,
}: {
  title: string;
  value: string;
  extra?: ReactNode;
  change: Change;
  today: string | null;
  accent: string;
  testId: string;
  t: DashboardT;
}) {
  return (
    <Card data-testid={testId} style={{ height: '100%', borderTop: `3px solid ${accent}` }} styles={{ body: { padding: '16px 20px' } }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div data-testid={`${testId}-value`} style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3, margin: '6px 0 4px', fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </div>
      <Flex gap={12} wrap style={{ fontSize: 13, minHeight: 22 }}>
        <span>
          {change.kind === 'none' ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('dashboard.vsPrevious')}{' '}
            </Typography.Text>
          )}
          <ChangeText change={change} t={t} />
        </span>
        {extra}
      </Flex>
      {today !== null ? (
        <Flex justify="space-between" style={{ marginTop: 12, paddingTop: 10, borderTop: '1px solid #f0f0f0', fontSize: 13 }}>
          <Typography.Text type="secondary">{t('dashboard.today')}</Typography.Text>
          <Typography.Text strong data-testid={`${testId}-today`} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {today}
          </Typography.Text>
        </Flex>
      ) : null}
    </Card>
  );
}

export function KpiCards({
  period,
  previous,
  today,
  showToday,
  t,
}: {
  period: DashboardKpis | undefined;
  previous: DashboardKpis | undefined;
  today: DashboardKpis | undefined;
  /** False when the period is today itself: the footer would repeat the headline. */
  showToday: boolean;
  t: DashboardT;
}) {
  const show = (key: KpiKey, kpis: DashboardKpis, money: boolean) => (money ? formatMoney(kpis[key]) : String(kpis[key]));
  return (
    <Row gutter={[16, 16]}>
      {KPIS.map(({ key, money, accent }) => (
        <Col key={key} xs={24} sm={12} xl={6}>
          {period && previous && today ? (
            <KpiCard
              testId={`kpi-${key}`}
              title={t(`dashboard.kpis.${key}`)}
              value={show(key, period, money)}
              change={relativeChange(period[key], previous[key])}
              accent={accent}
              today={showToday ? show(key, today, money) : null}
              t={t}
              extra={
                key === 'grossProfit' ? (
                  <span data-testid="kpi-margin">
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('dashboard.margin', { rate: formatBp(period.grossMarginBp) })}{' '}
                    </Typography.Text>
                    {/* Without previous revenue there is no previous margin to compare with. */}
                    {previous.revenue === 0 ? null : <ChangeText change={pointsChange(period.grossMarginBp, previous.grossMarginBp)} t={t} />}
                  </span>
                ) : undefined
              }
            />
          ) : (
            <Card style={{ height: '100%' }}>
              <Skeleton active title={false} paragraph={{ rows: 3 }} />
            </Card>
          )}
        </Col>
      ))}
    </Row>
  );
}
