// 总账 / 明细账: one account's journal lines in the period, in posting order, with the balance after
// each line (debit positive) from the opening balance before the period, and that balance as a line.
// The API answers every line of the period at once; the table pages them on the client.
import { Card, Col, Empty, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { LoadError } from '../../components/feedback';
import { documentTypeLabel } from '../../components/labels';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useReportsT } from '../../i18n/reports';
import { LazyChart } from './LazyChart';
import { ledgerBalanceOption } from './reportCharts';
import { money, useAccountName } from './reportFormat';
import type { Account, GeneralLedger, LedgerLine, ReportScope } from './reportTypes';

/** 库存现金: the account a finance user checks first. */
const DEFAULT_ACCOUNT = '1001';

export function GeneralLedgerTab({ scope }: { scope: ReportScope }) {
  const t = useReportsT();
  const { t: officeT } = useTranslation();
  const accountName = useAccountName();
  const accounts = useRemote((signal) => api.get<{ items: Account[] }>('/accounts', { signal }), []);
  const [account, setAccount] = useState(DEFAULT_ACCOUNT);
  const query = { ...scope, account };
  const gl = useRemote((signal) => api.get<GeneralLedger>('/reports/general-ledger', { signal, query }), [scope.from, scope.to, scope.storeId, account]);
  // Lines carry no id of their own; their place in posting order is stable for one answer.
  const rows = useMemo(() => (gl.data?.lines ?? []).map((l, i) => ({ ...l, row: i })), [gl.data]);
  const option = useMemo(() => (gl.data && gl.data.lines.length ? ledgerBalanceOption(gl.data.opening, gl.data.lines, t) : null), [gl.data, t]);

  const columns: TableColumnsType<LedgerLine & { row: number }> = [
    { title: t('generalLedger.date'), dataIndex: 'businessDate', width: 110 },
    { title: t('generalLedger.number'), dataIndex: 'number', width: 190, render: (n: string) => <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{n}</Typography.Text> },
    { title: t('generalLedger.documentType'), dataIndex: 'documentType', width: 120, render: (type: string) => documentTypeLabel(officeT, type) },
    { title: t('generalLedger.memo'), key: 'memo', ellipsis: true, render: (_, l) => l.memo || l.entryMemo },
    { title: t('reportsPage.debit'), dataIndex: 'debit', align: 'right', width: 120, render: (v: number) => (v ? money(v) : '') },
    { title: t('reportsPage.credit'), dataIndex: 'credit', align: 'right', width: 120, render: (v: number) => (v ? money(v) : '') },
    { title: t('generalLedger.balance'), dataIndex: 'balance', align: 'right', width: 130, render: money },
  ];
  const figure = (key: 'opening' | 'debit' | 'credit' | 'closing', title: string) => (
    <Col xs={12} md={6} key={key}>
      <Card size="small">
        <Statistic title={title} valueRender={() => <span data-testid={`gl-${key}`}>{money(gl.data?.[key] ?? 0)}</span>} />
      </Card>
    </Col>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('generalLedger.account')}</Typography.Text>
          <Select
            data-testid="gl-account"
            style={{ minWidth: 280 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={account}
            onChange={setAccount}
            loading={accounts.loading}
            options={(accounts.data?.items ?? []).map((a) => ({ value: a.code, label: `${a.code} ${accountName(a)}` }))}
          />
        </Flex>
        <ReportFileMenu testId="export-generalLedger" size="small" path="/reports/general-ledger" query={query} />
      </Flex>
      {accounts.error ? <LoadError error={accounts.error} onRetry={accounts.reload} /> : null}
      {gl.error ? <LoadError error={gl.error} onRetry={gl.reload} /> : null}
      <Row gutter={[12, 12]}>
        {figure('opening', t('reportsPage.opening'))}
        {figure('debit', t('reportsPage.debit'))}
        {figure('credit', t('reportsPage.credit'))}
        {figure('closing', t('reportsPage.closing'))}
      </Row>
      <Card size="small" title={t('generalLedger.chart')}>
        {option ? <LazyChart option={option} height={220} testId="gl-chart" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('generalLedger.noLines')} />}
      </Card>
      <Table
        data-testid="general-ledger"
        rowKey="row"
        size="small"
        loading={gl.loading}
        columns={columns}
        dataSource={rows}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
      />
    </Flex>
  );
}
