// 增值税销项汇总: output VAT by rate from the till documents' lines, next to the 2221 output VAT the
// journal booked in the period; the two agree unless something posted VAT outside the till.
import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { api } from '../../../shared/api';
import { LoadError } from '../../components/feedback';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useReportsT } from '../../i18n/reports';
import { LazyChart } from './LazyChart';
import { vatOption } from './reportCharts';
import { formatRate, money } from './reportFormat';
import type { ReportScope, VatRate, VatSummary } from './reportTypes';

const FIGURES = ['gross', 'taxable', 'tax'] as const;

export function VatSummaryTab({ scope }: { scope: ReportScope }) {
  const t = useReportsT();
  const vat = useRemote((signal) => api.get<VatSummary>('/reports/vat-summary', { signal, query: { ...scope } }), [scope.from, scope.to, scope.storeId]);
  const option = useMemo(() => (vat.data ? vatOption(vat.data.rates, t) : null), [vat.data, t]);
  const columns: TableColumnsType<VatRate> = [
    { title: t('vatSummary.rate'), dataIndex: 'rate', render: formatRate },
    ...FIGURES.map((k) => ({ title: t(`vatSummary.${k}`), dataIndex: k, align: 'right' as const, render: money })),
  ];
  const data = vat.data;
  const sum = (k: (typeof FIGURES)[number]) => (data ? data.rates.reduce((s, r) => s + r[k], 0) : 0);
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <ReportFileMenu testId="export-vatSummary" size="small" path="/reports/vat-summary" query={{ ...scope }} />
      </Flex>
      {vat.error ? <LoadError error={vat.error} onRetry={vat.reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Table
            data-testid="vat-summary"
            rowKey="rate"
            size="small"
            loading={vat.loading}
            pagination={false}
            columns={columns}
            dataSource={data?.rates ?? []}
            summary={() =>
              data ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('reportsPage.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  {FIGURES.map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      <span data-testid={`vat-total-${k}`}>{money(sum(k))}</span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
          {data ? (
            <Flex gap={8} align="center" style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">{t('vatSummary.ledger')}</Typography.Text>
              <Typography.Text data-testid="vat-ledger">{money(data.ledgerOutputTax)}</Typography.Text>
              {data.ledgerOutputTax === data.totalTax ? <Tag color="green">{t('vatSummary.agrees')}</Tag> : <Tag color="orange">{t('vatSummary.differs')}</Tag>}
            </Flex>
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('vatSummary.chart')}>
            {option ? <LazyChart option={option} height={240} testId="vat-chart" /> : null}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
