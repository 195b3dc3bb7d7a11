// 资产负债表: assets = liabilities + equity as of a day (default: the page period's last), the profit
// not yet closed into 3103/3104 shown as its own equity line, and the two sides as columns.
import { Card, Col, DatePicker, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../../shared/api';
import { LoadError } from '../../components/feedback';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useReportsT } from '../../i18n/reports';
import { LazyChart } from './LazyChart';
import { balanceSheetOption } from './reportCharts';
import { money, useAccountName } from './reportFormat';
import type { BalanceSheet, ReportLine, ReportScope } from './reportTypes';

export function BalanceSheetTab({ scope }: { scope: ReportScope }) {
  const t = useReportsT();
  const accountName = useAccountName();
  // The picked day follows the page's period until the user picks another.
  const [picked, setPicked] = useState<{ forTo: string; asOf: string } | null>(null);
  const asOf = picked && picked.forTo === scope.to ? picked.asOf : scope.to;
  const query = { asOf, storeId: scope.storeId };
  const bs = useRemote((signal) => api.get<BalanceSheet>('/reports/balance-sheet', { signal, query }), [asOf, scope.storeId]);
  const option = useMemo(() => (bs.data ? balanceSheetOption(bs.data, t) : null), [bs.data, t]);

  const columns: TableColumnsType<ReportLine> = [
    { title: t('reportsPage.code'), dataIndex: 'code', width: 90 },
    { title: t('reportsPage.account'), key: 'name', render: (_, r) => accountName(r) },
    { title: t('reportsPage.amount'), dataIndex: 'amount', align: 'right', render: money },
  ];
  const side = (key: string, title: string, lines: ReportLine[], totalFen: number) => (
    <Card size="small" title={title} extra={<span data-testid={`bs-${key}`}>{money(totalFen)}</span>}>
      {lines.length ? <Table rowKey="code" size="small" pagination={false} columns={columns} dataSource={lines} showHeader={false} /> : <Typography.Text type="secondary">{t('reportsPage.none')}</Typography.Text>}
    </Card>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('balanceSheet.asOf')}</Typography.Text>
          <DatePicker data-testid="bs-as-of" value={dayjs(asOf)} allowClear={false} onChange={(d) => d && setPicked({ forTo: scope.to, asOf: d.format('YYYY-MM-DD') })} />
          {bs.data ? bs.data.balanced ? <Tag color="green">{t('balanceSheet.balanced')}</Tag> : <Tag color="red">{t('balanceSheet.unbalanced')}</Tag> : null}
        </Flex>
        <ReportFileMenu testId="export-balanceSheet" size="small" path="/reports/balance-sheet" query={query} />
      </Flex>
      {bs.error ? <LoadError error={bs.error} onRetry={bs.reload} /> : null}
      {bs.data ? (
        <Row gutter={[16, 16]} data-testid="balance-sheet">
          <Col xs={24} lg={8}>
            <Card size="small" title={t('balanceSheet.chart')}>
              {option ? <LazyChart option={option} height={300} testId="bs-chart" /> : null}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            {side('assets', t('balanceSheet.assets'), bs.data.assets, bs.data.totals.assets)}
          </Col>
          <Col xs={24} lg={8}>
            <Flex vertical gap={12}>
              {side('liabilities', t('balanceSheet.liabilities'), bs.data.liabilities, bs.data.totals.liabilities)}
              <Card size="small" title={t('balanceSheet.equity')} extra={<span data-testid="bs-equity">{money(bs.data.totals.equity)}</span>}>
                <Table
                  rowKey="code"
                  size="small"
                  pagination={false}
                  columns={columns}
                  showHeader={false}
                  dataSource={[...bs.data.equity, { code: '', name: t('balanceSheet.currentProfit'), nameEn: t('balanceSheet.currentProfit'), type: 'equity', amount: bs.data.currentProfit }]}
                />
              </Card>
              <Flex justify="space-between" style={{ padding: '0 12px' }}>
                <Typography.Text strong>{t('balanceSheet.liabilitiesAndEquity')}</Typography.Text>
                <Typography.Text strong data-testid="bs-liabilitiesAndEquity">{money(bs.data.totals.liabilities + bs.data.totals.equity)}</Typography.Text>
              </Flex>
            </Flex>
          </Col>
        </Row>
      ) : null}
    </Flex>
  );
}
