// 财务报表: the trial balance and the profit and loss of a period, for one store or all the
// caller's stores, with the journal export (hledger / CSV). Figures come from /reports/* as fen.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportsT } from '../../i18n/reports';
import { api, apiUrl } from '../../../shared/api';
import { formatMoney } from '../../../shared/format';
import { LoadError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { useMe } from '../../session/session';
import { ReportExportMenu } from './ReportExportMenu';

interface AccountFigures {
  code: string;
  name: string;
  nameEn: string;
  type: string;
}
interface TrialBalanceRow extends AccountFigures {
  opening: number;
  debit: number;
  credit: number;
  closing: number;
}
interface TrialBalance {
  items: TrialBalanceRow[];
  totals: { opening: number; debit: number; credit: number; closing: number };
}
interface ReportLine extends AccountFigures {
  amount: number;
}
interface ProfitAndLoss {
  revenue: ReportLine[];
  costOfSales: ReportLine[];
  expenses: ReportLine[];
  totals: { revenue: number; costOfSales: number; grossProfit: number; expenses: number; netProfit: number };
}

const ALL = '';
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen, { symbol: false })}</span>;

export default function ReportsPage() {
  const t = useReportsT();
  const english = useTranslation().i18n.language === 'en';
  const me = useMe();
  const [storeId, setStoreId] = useState(ALL);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(storeId ? { storeId } : {}) };
  const key = [query.from, query.to, storeId];
  const tb = useRemote((signal) => api.get<TrialBalance>('/reports/trial-balance', { signal, query }), key);
  const pl = useRemote((signal) => api.get<ProfitAndLoss>('/reports/profit-and-loss', { signal, query }), key);
  const accountName = (a: AccountFigures) => (english ? a.nameEn : a.name);

  const tbColumns: TableColumnsType<TrialBalanceRow> = [
    { title: t('reportsPage.code'), dataIndex: 'code', width: 110 },
    { title: t('reportsPage.account'), key: 'name', render: (_, r) => accountName(r) },
    ...(['opening', 'debit', 'credit', 'closing'] as const).map((k) => ({ title: t(`reportsPage.${k}`), dataIndex: k, align: 'right' as const, render: money })),
  ];
  const lineColumns: TableColumnsType<ReportLine> = [
    { title: t('reportsPage.code'), dataIndex: 'code', width: 110 },
    { title: t('reportsPage.account'), key: 'name', render: (_, r) => accountName(r) },
    { title: t('reportsPage.amount'), dataIndex: 'amount', align: 'right', render: money },
  ];
  const section = (title: string, lines: ReportLine[], totalFen: number) => (
    <Card size="small" title={title} extra={money(totalFen)} key={title}>
      {lines.length ? <Table rowKey="code" size="small" pagination={false} columns={lineColumns} dataSource={lines} showHeader={false} /> : null}
    </Card>
  );

  const trialBalance = (
    <>
      {tb.error ? <LoadError error={tb.error} onRetry={tb.reload} /> : null}
      <Table
        data-testid="trial-balance"
        rowKey="code"
        size="small"
        loading={tb.loading}
        pagination={false}
        columns={tbColumns}
        dataSource={tb.data?.items ?? []}
        summary={() =>
          tb.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Flex gap={8} align="center">
                  <Typography.Text strong>{t('reportsPage.total')}</Typography.Text>
                  {tb.data.totals.debit === tb.data.totals.credit && tb.data.totals.closing === 0 ? <Tag color="green">{t('reportsPage.balanced')}</Tag> : <Tag color="red">{t('reportsPage.unbalanced')}</Tag>}
                </Flex>
              </Table.Summary.Cell>
              {(['opening', 'debit', 'credit', 'closing'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2} align="right">
                  {money(tb.data!.totals[k])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Text type="secondary">{t('reportsPage.balanceHint')}</Typography.Text>
    </>
  );

  const profitAndLoss = (
    <>
      {pl.error ? <LoadError error={pl.error} onRetry={pl.reload} /> : null}
      {pl.data ? (
        <Flex vertical gap={12} data-testid="profit-and-loss">
          {section(t('reportsPage.revenue'), pl.data.revenue, pl.data.totals.revenue)}
          {section(t('reportsPage.costOfSales'), pl.data.costOfSales, pl.data.totals.costOfSales)}
          <Flex justify="space-between" style={{ padding: '0 12px' }}><Typography.Text strong>{t('reportsPage.grossProfit')}</Typography.Text>{money(pl.data.totals.grossProfit)}</Flex>
          {section(t('reportsPage.expenses'), pl.data.expenses, pl.data.totals.expenses)}
          <Flex justify="space-between" style={{ padding: '0 12px' }}><Typography.Title level={5} style={{ margin: 0 }}>{t('reportsPage.netProfit')}</Typography.Title>{money(pl.data.totals.netProfit)}</Flex>
        </Flex>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('reportsPage.title')}
        subtitle={t('reportsPage.subtitle')}
        extra={
          <Flex gap={8}>
            <ReportExportMenu storeId={storeId || undefined} from={query.from} to={query.to} />
            <Button icon={<DownloadOutlined />} href={apiUrl('/reports/journal.ledger', query)}>{t('reportsPage.exportLedger')}</Button>
            <Button icon={<DownloadOutlined />} href={apiUrl('/reports/journal.csv', query)}>{t('reportsPage.exportCsv')}</Button>
          </Flex>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 180 }}
          value={storeId}
          onChange={setStoreId}
          options={[{ value: ALL, label: t('reportsPage.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Flex>
      <Tabs
        items={[
          { key: 'tb', label: t('reportsPage.trialBalance'), children: trialBalance },
          { key: 'pl', label: t('reportsPage.profitAndLoss'), children: profitAndLoss },
        ]}
      />
    </>
  );
}
