// 试算平衡表: opening, period debit and credit, closing per account; every column sums to zero.
import { Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../../shared/api';
import { LoadError } from '../../components/feedback';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useReportsT } from '../../i18n/reports';
import { money, useAccountName } from './reportFormat';
import type { ReportScope, TrialBalance, TrialBalanceRow } from './reportTypes';

const COLUMNS = ['opening', 'debit', 'credit', 'closing'] as const;

export function TrialBalanceTab({ scope }: { scope: ReportScope }) {
  const t = useReportsT();
  const accountName = useAccountName();
  const tb = useRemote((signal) => api.get<TrialBalance>('/reports/trial-balance', { signal, query: { ...scope } }), [scope.from, scope.to, scope.storeId]);
  const columns: TableColumnsType<TrialBalanceRow> = [
    { title: t('reportsPage.code'), dataIndex: 'code', width: 110 },
    { title: t('reportsPage.account'), key: 'name', render: (_, r) => accountName(r) },
    ...COLUMNS.map((k) => ({ title: t(`reportsPage.${k}`), dataIndex: k, align: 'right' as const, render: money })),
  ];
  const totals = tb.data?.totals;
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('reportsPage.balanceHint')}</Typography.Text>
        <ReportFileMenu testId="export-trialBalance" size="small" path="/reports/trial-balance" query={{ ...scope }} />
      </Flex>
      {tb.error ? <LoadError error={tb.error} onRetry={tb.reload} /> : null}
      <Table
        data-testid="trial-balance"
        rowKey="code"
        size="small"
        loading={tb.loading}
        pagination={false}
        columns={columns}
        dataSource={tb.data?.items ?? []}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Flex gap={8} align="center">
                  <Typography.Text strong>{t('reportsPage.total')}</Typography.Text>
                  {totals.debit === totals.credit && totals.closing === 0 ? <Tag color="green">{t('reportsPage.balanced')}</Tag> : <Tag color="red">{t('reportsPage.unbalanced')}</Tag>}
                </Flex>
              </Table.Summary.Cell>
              {COLUMNS.map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2} align="right">
                  {money(totals[k])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Flex>
  );
}
