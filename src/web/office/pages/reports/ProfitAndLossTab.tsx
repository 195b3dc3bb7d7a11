// 利润表: revenue − cost of sales = gross profit, − expenses = net profit, by account, with the five
// totals as bars and the month-by-month trend of the period (GET /reports/profit-and-loss/trend).
import { Card, Col, Flex, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { api } from '../../../shared/api';
import { LoadError } from '../../components/feedback';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useReportsT } from '../../i18n/reports';
import { LazyChart } from './LazyChart';
import { profitAndLossOption, profitTrendOption } from './reportCharts';
import { money, useAccountName } from './reportFormat';
import type { ProfitAndLoss, ProfitAndLossTrend, ReportLine, ReportScope } from './reportTypes';

export function ProfitAndLossTab({ scope }: { scope: ReportScope }) {
  const t = useReportsT();
  const accountName = useAccountName();
  const deps = [scope.from, scope.to, scope.storeId];
  const pl = useRemote((signal) => api.get<ProfitAndLoss>('/reports/profit-and-loss', { signal, query: { ...scope } }), deps);
  const trend = useRemote((signal) => api.get<ProfitAndLossTrend>('/reports/profit-and-loss/trend', { signal, query: { ...scope } }), deps);
  const barOption = useMemo(() => (pl.data ? profitAndLossOption(pl.data, t) : null), [pl.data, t]);
  const trendOption = useMemo(() => (trend.data ? profitTrendOption(trend.data.months, t) : null), [trend.data, t]);

  const columns: TableColumnsType<ReportLine> = [
    { title: t('reportsPage.code'), dataIndex: 'code', width: 90 },
    { title: t('reportsPage.account'), key: 'name', render: (_, r) => accountName(r) },
    { title: t('reportsPage.amount'), dataIndex: 'amount', align: 'right', render: money },
  ];
  const section = (key: string, title: string, lines: ReportLine[], totalFen: number) => (
    <Card size="small" title={title} extra={<span data-testid={`pl-${key}`}>{money(totalFen)}</span>} key={key}>
      {lines.length ? <Table rowKey="code" size="small" pagination={false} columns={columns} dataSource={lines} showHeader={false} /> : <Typography.Text type="secondary">{t('reportsPage.none')}</Typography.Text>}
    </Card>
  );
  const totalLine = (key: string, title: string, fen: number) => (
    <Flex justify="space-between" style={{ padding: '0 12px' }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text strong data-testid={`pl-${key}`}>{money(fen)}</Typography.Text>
    </Flex>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <ReportFileMenu testId="export-profitAndLoss" size="small" path="/reports/profit-and-loss" query={{ ...scope }} />
      </Flex>
      {pl.error ? <LoadError error={pl.error} onRetry={pl.reload} /> : null}
      {trend.error ? <LoadError error={trend.error} onRetry={trend.reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          {pl.data ? (
            <Flex vertical gap={12} data-testid="profit-and-loss">
              {section('revenue', t('reportsPage.revenue'), pl.data.revenue, pl.data.totals.revenue)}
              {section('costOfSales', t('reportsPage.costOfSales'), pl.data.costOfSales, pl.data.totals.costOfSales)}
              {totalLine('grossProfit', t('reportsPage.grossProfit'), pl.data.totals.grossProfit)}
              {section('expenses', t('reportsPage.expenses'), pl.data.expenses, pl.data.totals.expenses)}
              {totalLine('netProfit', t('reportsPage.netProfit'), pl.data.totals.netProfit)}
            </Flex>
          ) : null}
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('charts.profitAndLoss')}>
              {barOption ? <LazyChart option={barOption} height={240} testId="pl-chart" /> : null}
            </Card>
            <Card size="small" title={t('charts.monthlyTrend')}>
              {trendOption ? <LazyChart option={trendOption} height={260} testId="pl-trend-chart" /> : null}
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
