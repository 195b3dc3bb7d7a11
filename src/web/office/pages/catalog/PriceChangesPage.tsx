// 调价单: draft a price change for all or some stores, effective now or later; another manager
// approves it (four eyes); the list is the history of every change with its documents.
import { CheckOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { PRICE_CHANGE_SORTS } from '../../../../contracts/catalog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { formatDateTime } from '../../../shared/format';
import type { PriceChange, ProductSummary } from '../../../shared/inventory-types';
import type { Page } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, useReportError } from '../../components/feedback';
import { usePaging } from '../../components/usePaging';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { LinesEditor, productColumn } from '../../components/LinesEditor';
import { moneyCell, StatusTag } from '../../components/stockUi';
import { fenOf } from '../../components/units';
import { useRemote } from '../../components/useRemote';
import { useMe, useSession } from '../../session/session';

const STATUSES = ['draft', 'scheduled', 'applying', 'applied', 'cancelled'] as const;

interface ChangeForm {
  target: 'all' | 'some';
  storeIds?: string[];
  effectiveAt?: Dayjs | null;
  reason: string;
  lines: { productId?: string; price?: number; memberPrice?: number | null; current?: ProductSummary }[];
}

function PriceChangeDrawer({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ChangeForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const [current, setCurrent] = useState<Record<number, ProductSummary | undefined>>({});
  const target = Form.useWatch('target', form);
  // "All stores" needs the permission company-wide; a store manager starts from their own stores.
  const companyWide = me.roles.some((r) => r.storeId === null);
  const initialValues: Partial<ChangeForm> = companyWide ? { target: 'all', lines: [{}] } : { target: 'some', storeIds: me.stores.map((s) => s.id), lines: [{}] };

  const submit = (v: ChangeForm) =>
    withSaving(
      setSaving,
      async () => {
        await api.post('/price-changes', {
          storeIds: v.target === 'all' ? 'all' : v.storeIds,
          effectiveAt: v.effectiveAt ? v.effectiveAt.toISOString() : undefined,
          reason: v.reason.trim(),
          lines: v.lines.map((l) => ({
            productId: l.productId,
            price: fenOf(l.price),
            ...(l.memberPrice == null ? {} : { memberPrice: fenOf(l.memberPrice) }),
          })),
        });
        onCreated();
      },
      (error) => reportError(error, form),
    );

  return (
    <FormDrawer open={open} title={t('prices.createTitle')} form={form} saving={saving} onClose={onClose} size={820} submitText={t('prices.saveDraft')} submitTestId="price-change-submit">
      <Form<ChangeForm> form={form} name="priceChange" layout="vertical" onFinish={submit} initialValues={initialValues}>
        <Flex gap={16} wrap>
          <Form.Item name="target" label={t('prices.stores')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'all', label: t('prices.allStores') },
                { value: 'some', label: t('prices.someStores') },
              ]}
            />
          </Form.Item>
          {target === 'some' ? (
            <Form.Item name="storeIds" label=" " rules={[{ required: true, message: t('common.selectRequired', { field: t('prices.stores') }) }]} style={{ flex: 1, minWidth: 240 }}>
              <Select mode="multiple" options={me.stores.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="effectiveAt" label={t('prices.effectiveAt')} extra={t('prices.effectiveHelp')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Flex>
        <Form.Item name="reason" label={t('prices.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('prices.reason') }) }]}>
          <Input placeholder={t('prices.reasonPlaceholder')} />
        </Form.Item>
        <LinesEditor
          columns={[
            productColumn(t, { width: 280, onPick: (field, p) => setCurrent((c) => ({ ...c, [field.key]: p })) }),
            { title: t('prices.currentPrice'), key: 'current', width: 100, align: 'right', render: (_, field) => moneyCell(current[field.key]?.price) },
            {
              title: t('prices.newPrice'),
              key: 'price',
              width: 130,
              render: (_, field) => (
                <Form.Item name={[field.name, 'price']} rules={[{ required: true, message: t('common.required', { field: t('prices.newPrice') }) }]} style={{ margin: 0 }}>
                  <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
                </Form.Item>
              ),
            },
            {
              title: t('products.memberPrice'),
              key: 'memberPrice',
              width: 130,
              render: (_, field) => (
                <Form.Item name={[field.name, 'memberPrice']} style={{ margin: 0 }}>
                  <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} placeholder={t('prices.keep')} />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
    </FormDrawer>
  );
}

export default function PriceChangesPage() {
  const { t } = useTranslation();
  const { can, storeName } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [status, setStatus] = useState('');
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof PRICE_CHANGE_SORTS)[number]>(20, '-createdAt');
  const [creating, setCreating] = useState(false);
  const query = { status, sort, page: paging.page, pageSize: paging.pageSize };
  const list = useRemote((signal) => api.get<Page<PriceChange>>('/price-changes', { signal, query }), [status, sort, paging.page, paging.pageSize]);

  const act = async (change: PriceChange, action: 'approve' | 'cancel') => {
    try {
      await api.post(`/price-changes/${change.id}/${action}`);
      void message.success(action === 'approve' ? t('prices.approved') : t('prices.cancelled'));
      list.reload();
    } catch (error) {
      reportError(error);
    }
  };

  const columns: TableColumnsType<PriceChange> = [
    { title: t('prices.createdAt'), dataIndex: 'createdAt', width: 170, ...sortable('createdAt'), render: formatDateTime },
    { title: t('prices.reason'), dataIndex: 'reason', ellipsis: true },
    {
      title: t('prices.stores'),
      dataIndex: 'storeIds',
      width: 180,
      render: (ids: PriceChange['storeIds']) => (ids === 'all' ? <Tag color="purple">{t('prices.allStores')}</Tag> : ids.map((id) => <Tag key={id}>{storeName(id) ?? id.slice(-6)}</Tag>)),
    },
    { title: t('prices.lines'), key: 'lines', width: 80, align: 'right', render: (_, c) => c.lines.length },
    { title: t('prices.effectiveAt'), dataIndex: 'effectiveAt', width: 170, ...sortable('effectiveAt'), render: (v: string | null) => (v ? formatDateTime(v) : t('prices.onApproval')) },
    { title: t('common.status'), dataIndex: 'status', width: 100, ...sortable('status'), render: (s: string) => <StatusTag status={s} t={t} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, c) => (
        <Flex gap={8}>
          {c.status === 'draft' && can('prices.approve') ? (
            <Popconfirm title={t('prices.approveConfirm')} onConfirm={() => act(c, 'approve')} okText={t('prices.approve')} cancelText={t('common.cancel')}>
              <Typography.Link>
                <CheckOutlined /> {t('prices.approve')}
              </Typography.Link>
            </Popconfirm>
          ) : null}
          {c.status === 'draft' || c.status === 'scheduled' ? (
            <Popconfirm title={t('prices.cancelConfirm')} onConfirm={() => act(c, 'cancel')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Typography.Link type="danger">
                <StopOutlined /> {t('prices.cancel')}
              </Typography.Link>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('prices.title')}
        subtitle={t('prices.subtitle')}
        extra={
          <>
            <ExportButton path="/price-changes" query={query} testId="price-changes-export" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('prices.new')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Select
          value={status}
          style={{ width: 160, marginBottom: 16 }}
          onChange={(v) => {
            setStatus(v);
            first();
          }}
          options={[{ value: '', label: t('common.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        <Table<PriceChange>
          rowKey="id"
          size="middle"
          data-testid="price-changes-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          expandable={{
            expandedRowRender: (c) => (
              <Flex vertical gap={8}>
                <Table
                  size="small"
                  rowKey="productId"
                  pagination={false}
                  dataSource={c.lines}
                  columns={[
                    { title: t('products.sku'), dataIndex: 'sku', width: 160 },
                    { title: t('products.name'), dataIndex: 'name' },
                    { title: t('prices.newPrice'), dataIndex: 'price', align: 'right', width: 120, render: moneyCell },
                    { title: t('products.memberPrice'), dataIndex: 'memberPrice', align: 'right', width: 120, render: (v?: number | null) => (v === undefined ? t('prices.keep') : moneyCell(v)) },
                  ]}
                />
                {c.documents.length ? (
                  <Typography.Text type="secondary">
                    {t('prices.documents')}: {c.documents.map((d) => d.number).join('、')}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          }}
          pagination={pagination(list.data?.total)}
          onChange={onChange}
        />
      </Card>
      <PriceChangeDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void message.success(t('prices.created'));
          list.reload();
        }}
      />
    </>
  );
}
