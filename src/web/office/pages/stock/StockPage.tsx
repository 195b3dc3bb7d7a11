// 库存: on hand by location and batch, batches and expiry, alerts — all for the store picked in
// the header, paged on the server.
import { SearchOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Form, Input, InputNumber, Select, Statistic, Table, Tabs, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ALERT_KINDS, type ALERT_SORTS, type BATCH_SORTS, type ON_HAND_SORTS } from '../../../../contracts/inventory';
import { api } from '../../../shared/api';
import { formatDate, formatMoney, formatQuantity } from '../../../shared/format';
import type { BatchRow, OnHandRow, StockAlert } from '../../../shared/inventory-types';
import type { Page } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/feedback';
import { FilterButtons } from '../../components/FilterButtons';
import { usePaging } from '../../components/usePaging';
import { PageHeader } from '../../components/PageHeader';
import { moneyCell, qtyCell, StatusTag, useStoreId } from '../../components/stockUi';
import { useCategoryTree } from '../../components/useCategories';
import { useRemote } from '../../components/useRemote';
import { useLocations } from '../stock-docs/StocktakesPage';

/** The product's name linking to its stock card; with the SKU where the table has no SKU column. */
const productCell = (row: { productId: string; name: string; sku: string }, withSku = true) => (
  <Link to={`/stock/card/${row.productId}`}>
    {row.name}
    {withSku ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> {row.sku}</Typography.Text> : null}
  </Link>
);

function OnHandTab() {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [form] = Form.useForm<{ q?: string; categoryId?: string; locationId?: string }>();
  const [filters, setFilters] = useState<{ q?: string; categoryId?: string; locationId?: string }>({});
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof ON_HAND_SORTS)[number]>(20, 'sku');
  const categories = useCategoryTree();
  const locations = useLocations(storeId);
  const query = { storeId, q: filters.q?.trim(), categoryId: filters.categoryId, locationId: filters.locationId, sort, page: paging.page, pageSize: paging.pageSize };
  const rows = useRemote(
    (signal) => api.get<Page<OnHandRow> & { totalValue: number }>('/inventory/on-hand', { signal, query }),
    [storeId, filters, sort, paging.page, paging.pageSize],
  );
  const columns: TableColumnsType<OnHandRow> = [
    { title: t('products.sku'), dataIndex: 'sku', width: 160, ...sortable('sku'), render: (sku: string) => <Typography.Text code>{sku}</Typography.Text> },
    { title: t('products.name'), ...sortable('name'), render: (_, r) => productCell(r, false) },
    { title: t('stock.location'), dataIndex: 'locationCode', width: 100, ...sortable('location') },
    { title: t('stock.lot'), dataIndex: 'lot', width: 120, render: (lot: string | null) => lot ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('stock.expiryDate'), dataIndex: 'expiryDate', width: 120, ...sortable('expiryDate'), render: (d: string | null) => (d ? formatDate(d) : '—') },
    { title: t('stock.qty'), dataIndex: 'qty', align: 'right', width: 120, ...sortable('qty'), render: (q: number, r) => qtyCell(q, r.unit) },
    { title: t('stock.value'), dataIndex: 'value', align: 'right', width: 130, ...sortable('value'), render: moneyCell },
  ];
  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          name="onHandFilters"
          style={{ rowGap: 12 }}
          onFinish={(values) => {
            setFilters(values);
            first();
          }}
        >
          <Form.Item name="q">
            <Input allowClear prefix={<SearchOutlined />} placeholder={t('stock.searchPlaceholder')} style={{ width: 240 }} data-testid="on-hand-search" />
          </Form.Item>
          <Form.Item name="categoryId">
            <TreeSelect allowClear treeData={categories.treeData} placeholder={t('products.category')} style={{ width: 180 }} treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="locationId">
            <Select allowClear placeholder={t('stock.location')} style={{ width: 150 }} options={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              setFilters({});
              first();
            }}
          />
        </Form>
        <Flex gap={16} align="center">
          <ExportButton path="/inventory/on-hand" query={query} testId="on-hand-export" />
          <Statistic title={t('stock.totalValue')} value={formatMoney(rows.data?.totalValue ?? 0)} valueStyle={{ fontSize: 20 }} />
        </Flex>
      </Flex>
      {rows.error ? <LoadError error={rows.error} onRetry={rows.reload} /> : null}
      <Table<OnHandRow>
        rowKey={(r) => `${r.productId}:${r.locationId}:${r.batchId ?? ''}`}
        size="middle"
        data-testid="on-hand-table"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.loading}
        pagination={pagination(rows.data?.total)}
        onChange={onChange}
      />
    </>
  );
}

function BatchesTab() {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [withinDays, setWithinDays] = useState<number | null>(null);
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof BATCH_SORTS)[number]>(20, 'expiryDate');
  const query = { storeId, withinDays, sort, page: paging.page, pageSize: paging.pageSize };
  const rows = useRemote((signal) => api.get<Page<BatchRow>>('/inventory/batches', { signal, query }), [storeId, withinDays, sort, paging.page, paging.pageSize]);
  const columns: TableColumnsType<BatchRow> = [
    { title: t('products.name'), ...sortable('name'), render: (_, r) => productCell(r) },
    { title: t('stock.lot'), dataIndex: 'lot', width: 130, ...sortable('lot') },
    { title: t('stock.productionDate'), dataIndex: 'productionDate', width: 120, render: (d: string | null) => (d ? formatDate(d) : '—') },
    { title: t('stock.expiryDate'), dataIndex: 'expiryDate', width: 120, ...sortable('expiryDate'), render: (d: string | null) => (d ? formatDate(d) : '—') },
    {
      title: t('stock.daysToExpiry'),
      dataIndex: 'daysToExpiry',
      width: 120,
      align: 'right',
      render: (days: number | null) =>
        days === null ? (
          '—'
        ) : days < 0 ? (
          <Badge status="error" text={t('stock.expiredDays', { days: -days })} />
        ) : (
          <Badge status={days <= 7 ? 'error' : days <= 30 ? 'warning' : 'success'} text={t('stock.days', { days })} />
        ),
    },
    { title: t('stock.qty'), dataIndex: 'qty', align: 'right', width: 110, ...sortable('qty'), render: (q: number, r) => qtyCell(q, r.unit) },
    { title: t('stock.value'), dataIndex: 'value', align: 'right', width: 120, ...sortable('value'), render: moneyCell },
  ];
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <ExportButton path="/inventory/batches" query={query} testId="batches-export" />
        <Typography.Text>{t('stock.expiringWithin')}</Typography.Text>
        <InputNumber
          min={0}
          max={3650}
          value={withinDays}
          placeholder={t('common.all')}
          onChange={(v) => {
            setWithinDays(v);
            first();
          }}
          suffix={t('stock.dayUnit')}
          style={{ width: 120 }}
        />
      </Flex>
      {rows.error ? <LoadError error={rows.error} onRetry={rows.reload} /> : null}
      <Table<BatchRow>
        rowKey="batchId"
        size="middle"
        data-testid="batches-table"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.loading}
        pagination={pagination(rows.data?.total)}
        onChange={onChange}
      />
    </>
  );
}

function alertDetail(t: ReturnType<typeof useTranslation>['t'], alert: StockAlert): string {
  const d = alert.detail as Record<string, number | string | undefined>;
  switch (alert.kind) {
    case 'below_min':
      return t('alerts.detail.below_min', { min: formatQty(d.minQty), short: formatQty(d.shortBy) });
    case 'over_max':
      return t('alerts.detail.over_max', { max: formatQty(d.maxQty), over: formatQty(d.overBy) });
    case 'near_expiry':
    case 'expired':
      return t('alerts.detail.expiry', { lot: d.lot ?? '', date: d.expiryDate ?? '', days: d.daysToExpiry ?? '' });
    case 'slow_mover':
      return t('alerts.detail.slow_mover', { days: d.daysWithoutSale ?? '' });
    default:
      return '';
  }
}

function formatQty(value: unknown): string {
  return typeof value === 'number' ? formatQuantity(value) : '';
}

function AlertsTab() {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [kind, setKind] = useState('');
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof ALERT_SORTS)[number]>(20, 'severity');
  const query = { storeId, kind, sort, page: paging.page, pageSize: paging.pageSize };
  const rows = useRemote((signal) => api.get<Page<StockAlert>>('/alerts', { signal, query }), [storeId, kind, sort, paging.page, paging.pageSize]);
  const columns: TableColumnsType<StockAlert> = [
    { title: t('alerts.severity'), dataIndex: 'severity', width: 100, ...sortable('severity'), render: (s: string) => <StatusTag status={s} t={t} /> },
    { title: t('alerts.kind'), dataIndex: 'kind', width: 150, ...sortable('kind'), render: (k: StockAlert['kind']) => t(`alerts.kinds.${k}`) },
    { title: t('products.name'), ...sortable('name'), render: (_, r) => productCell(r) },
    { title: t('stock.qty'), dataIndex: 'qty', align: 'right', width: 110, ...sortable('qty'), render: (q: number) => qtyCell(q) },
    { title: t('alerts.detailTitle'), key: 'detail', render: (_, r) => alertDetail(t, r) },
  ];
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <ExportButton path="/alerts" query={query} testId="alerts-export" />
        <Select
          value={kind}
          style={{ width: 180 }}
          onChange={(v) => {
            setKind(v);
            first();
          }}
          options={[{ value: '', label: t('alerts.allKinds') }, ...ALERT_KINDS.map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) }))]}
        />
      </Flex>
      {rows.error ? <LoadError error={rows.error} onRetry={rows.reload} /> : null}
      <Table<StockAlert>
        rowKey={(r, i) => `${r.kind}:${r.productId}:${r.batchId ?? ''}:${r.locationId ?? ''}:${i}`}
        size="middle"
        data-testid="alerts-table"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.loading}
        pagination={pagination(rows.data?.total)}
        onChange={onChange}
      />
    </>
  );
}

export default function StockPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'on-hand';
  return (
    <>
      <PageHeader title={t('stock.title')} subtitle={t('stock.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'on-hand', label: t('stock.onHand'), children: <OnHandTab /> },
            { key: 'batches', label: t('stock.batches'), children: <BatchesTab /> },
            { key: 'alerts', label: t('stock.alerts'), children: <AlertsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
