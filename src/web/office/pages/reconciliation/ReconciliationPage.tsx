// 支付对账: upload a WeChat Pay / Alipay settlement file, see it against our wallet payments
// (matched, amount differs, only theirs, only ours) and book its fees once. The matching is the
// server's (/reconciliation/settlements); this page only shows it.
import { InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Select, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../../shared/api';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, useReportError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { useReconciliationT } from '../../i18n/reconciliation';
import { useMe, useSession } from '../../session/session';

interface SettlementHeader {
  id: string;
  provider: 'wechat' | 'alipay';
  fileName: string;
  storeId: string | null;
  from: string;
  to: string;
  rowCount: number;
  amount: number;
  fee: number;
  importedAt: string;
}
interface TheirRow {
  rowNo: number;
  kind: 'payment' | 'refund';
  occurredAt: string;
  providerRef: string;
  merchantOrderNo: string;
  refundRef: string;
  amount: number;
  fee: number;
}
interface Pair extends TheirRow {
  theirAmount: number;
  ourAmount: number;
  difference: number;
  documentId: string;
  number: string;
  ourBusinessDate: string;
}
interface OurPayment {
  documentId: string;
  number: string;
  businessDate: string;
  paymentNo: number;
  amount: number;
  providerRef: string | null;
  reference: string | null;
}
interface SettlementView extends SettlementHeader {
  summary: { matched: number; mismatched: number; theirsOnly: number; oursOnly: number; theirAmount: number; ourAmount: number; fee: number; matchedAmount: number };
  matched: Pair[];
  mismatched: Pair[];
  theirsOnly: TheirRow[];
  oursOnly: OurPayment[];
  feeDocument: { id: string; number: string; businessDate: string; total: number } | null;
}

const ALL = '';
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen, { symbol: false })}</span>;

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function ReconciliationPage() {
  const t = useReconciliationT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const me = useMe();
  const canPost = useSession().can('journal.post');
  const [storeId, setStoreId] = useState(ALL);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRemote((signal) => api.get<{ items: SettlementHeader[] }>('/reconciliation/settlements', { signal, query: { pageSize: 100 } }), []);
  const view = useRemote((signal) => (selected ? api.get<SettlementView>(`/reconciliation/settlements/${selected}`, { signal }) : Promise.resolve(null)), [selected]);
  const storeName = (id: string | null) => (id ? (me.stores.find((s) => s.id === id)?.name ?? id) : t('reconciliation.allStores'));

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const v = await api.post<SettlementView>('/reconciliation/settlements', { fileName: file.name, contentBase64: await readBase64(file), ...(storeId ? { storeId } : {}) });
      const known = list.data?.items.some((i) => i.id === v.id);
      void message.success(known ? t('reconciliation.alreadyImported') : t('reconciliation.imported', { name: file.name }));
      list.reload();
      setSelected(v.id);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
    return false;
  };

  const postFees = async (v: SettlementView) => {
    setBusy(true);
    try {
      // A company-wide file books to the store picked above, else to the user's first store.
      const books = v.storeId ?? (storeId || me.stores[0]?.id);
      const doc = await api.post<{ number: string }>(`/reconciliation/settlements/${v.id}/post-fees`, { storeId: books });
      void message.success(t('reconciliation.feesPosted', { number: doc.number }));
      view.reload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const providerTag = (p: 'wechat' | 'alipay') => <Tag color={p === 'wechat' ? 'green' : 'blue'}>{t(`reconciliation.${p}`)}</Tag>;
  const listColumns: TableColumnsType<SettlementHeader> = [
    { title: t('reconciliation.provider'), dataIndex: 'provider', render: providerTag, width: 100 },
    { title: t('reconciliation.file'), dataIndex: 'fileName', ellipsis: true },
    { title: t('reconciliation.period'), key: 'period', render: (_, r) => (r.from === r.to ? r.from : `${r.from} — ${r.to}`) },
    { title: t('reconciliation.fee'), dataIndex: 'fee', align: 'right', render: money, width: 90 },
  ];
  const theirColumns: TableColumnsType<TheirRow> = [
    { title: t('reconciliation.time'), dataIndex: 'occurredAt', render: formatDateTime, width: 170 },
    { title: t('reconciliation.kind'), dataIndex: 'kind', render: (k: TheirRow['kind']) => t(`reconciliation.${k}`), width: 80 },
    { title: t('reconciliation.providerRef'), dataIndex: 'providerRef', ellipsis: true },
    { title: t('reconciliation.merchantOrderNo'), dataIndex: 'merchantOrderNo', ellipsis: true },
    { title: t('reconciliation.amount'), dataIndex: 'amount', align: 'right', render: money },
    { title: t('reconciliation.fee'), dataIndex: 'fee', align: 'right', render: money },
  ];
  const pairColumns: TableColumnsType<Pair> = [
    { title: t('reconciliation.time'), dataIndex: 'occurredAt', render: formatDateTime, width: 170 },
    { title: t('reconciliation.providerRef'), dataIndex: 'providerRef', ellipsis: true },
    { title: t('reconciliation.document'), dataIndex: 'number' },
    { title: t('reconciliation.theirAmount'), dataIndex: 'theirAmount', align: 'right', render: money },
    { title: t('reconciliation.ourAmount'), dataIndex: 'ourAmount', align: 'right', render: money },
    { title: t('reconciliation.difference'), dataIndex: 'difference', align: 'right', render: (d: number) => (d ? <Typography.Text type="danger">{money(d)}</Typography.Text> : money(d)) },
    { title: t('reconciliation.fee'), dataIndex: 'fee', align: 'right', render: money },
  ];
  const ourColumns: TableColumnsType<OurPayment> = [
    { title: t('reconciliation.businessDate'), dataIndex: 'businessDate', width: 120 },
    { title: t('reconciliation.document'), dataIndex: 'number' },
    { title: t('reconciliation.providerRef'), key: 'ref', render: (_, r) => r.providerRef ?? r.reference ?? '—' },
    { title: t('reconciliation.amount'), dataIndex: 'amount', align: 'right', render: money },
  ];

  const v = view.data;
  const detail = v ? (
    <Card
      data-testid="reconciliation-result"
      title={
        <Flex gap={8} align="center">
          {providerTag(v.provider)}
          <span>{v.fileName}</span>
          <Typography.Text type="secondary">
            {storeName(v.storeId)} · {v.from} — {v.to}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <ExportButton path={`/reconciliation/settlements/${v.id}`} query={{}} testId="reconciliation-export" />
          {v.feeDocument ? (
            <Tag color="green" data-testid="fees-posted">{t('reconciliation.feesPosted', { number: v.feeDocument.number })}</Tag>
          ) : canPost && v.fee !== 0 ? (
            <Popconfirm title={t('reconciliation.postFeesConfirm')} onConfirm={() => void postFees(v)}>
              <Button type="primary" loading={busy} data-testid="post-fees">
                {t('reconciliation.postFees')} {money(v.fee)}
              </Button>
            </Popconfirm>
          ) : (
            <Tag>{t('reconciliation.feeNotPosted')}</Tag>
          )}
        </Flex>
      }
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={4}><Statistic title={t('reconciliation.matched')} value={v.summary.matched} /></Col>
        <Col span={4}><Statistic title={t('reconciliation.mismatched')} value={v.summary.mismatched} valueStyle={v.summary.mismatched ? { color: '#cf1322' } : undefined} /></Col>
        <Col span={4}><Statistic title={t('reconciliation.theirsOnly')} value={v.summary.theirsOnly} valueStyle={v.summary.theirsOnly ? { color: '#cf1322' } : undefined} /></Col>
        <Col span={4}><Statistic title={t('reconciliation.oursOnly')} value={v.summary.oursOnly} valueStyle={v.summary.oursOnly ? { color: '#cf1322' } : undefined} /></Col>
        <Col span={4}><Statistic title={t('reconciliation.theirAmount')} value={formatMoney(v.summary.theirAmount, { symbol: false })} /></Col>
        <Col span={4}><Statistic title={t('reconciliation.fee')} value={formatMoney(v.summary.fee, { symbol: false })} /></Col>
      </Row>
      <Tabs
        items={[
          { key: 'mismatched', label: `${t('reconciliation.mismatched')} (${v.mismatched.length})`, children: <Table rowKey="rowNo" size="small" columns={pairColumns} dataSource={v.mismatched} pagination={{ pageSize: 50 }} /> },
          { key: 'theirsOnly', label: `${t('reconciliation.theirsOnly')} (${v.theirsOnly.length})`, children: <Table rowKey="rowNo" size="small" columns={theirColumns} dataSource={v.theirsOnly} pagination={{ pageSize: 50 }} /> },
          { key: 'oursOnly', label: `${t('reconciliation.oursOnly')} (${v.oursOnly.length})`, children: <Table rowKey={(r) => `${r.documentId}/${r.paymentNo}`} size="small" columns={ourColumns} dataSource={v.oursOnly} pagination={{ pageSize: 50 }} /> },
          { key: 'matched', label: `${t('reconciliation.matched')} (${v.matched.length})`, children: <Table rowKey="rowNo" size="small" columns={pairColumns} dataSource={v.matched} pagination={{ pageSize: 50 }} /> },
        ]}
      />
    </Card>
  ) : (
    <Card>
      <Typography.Text type="secondary">{t('reconciliation.pick')}</Typography.Text>
    </Card>
  );

  return (
    <>
      <PageHeader title={t('reconciliation.title')} subtitle={t('reconciliation.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Flex vertical gap={12}>
            <Select
              value={storeId}
              onChange={setStoreId}
              options={[{ value: ALL, label: t('reconciliation.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
              aria-label={t('reconciliation.store')}
            />
            <Upload.Dragger accept=".csv,.txt" multiple={false} showUploadList={false} beforeUpload={(f) => void upload(f)} disabled={busy || !canPost} data-testid="settlement-upload">
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('reconciliation.upload')}</p>
              <p className="ant-upload-hint">{t('reconciliation.uploadHint')}</p>
            </Upload.Dragger>
            <Card size="small" title={t('reconciliation.imports')}>
              {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
              <Table
                rowKey="id"
                size="small"
                loading={list.loading}
                columns={listColumns}
                dataSource={list.data?.items ?? []}
                pagination={false}
                onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === selected ? '#e6f4ff' : undefined } })}
                locale={{ emptyText: '—' }}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={16}>
          {view.error ? <LoadError error={view.error} onRetry={view.reload} /> : null}
          {detail}
        </Col>
      </Row>
    </>
  );
}
