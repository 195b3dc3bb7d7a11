// 盘点单 list and start (POST /stocktakes): full, by category or by location; blind by default.
import { MobileOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Modal, Radio, Select, Switch, Table, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { STOCKTAKE_SCOPES, STOCKTAKE_STATUSES, type STOCKTAKE_SORTS } from '../../../../contracts/stocktakes';
import { api } from '../../../shared/api';
import { formatDateTime } from '../../../shared/format';
import type { Location, StocktakeHeader } from '../../../shared/inventory-types';
import type { Page } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, useReportError } from '../../components/feedback';
import { usePaging } from '../../components/usePaging';
import { withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag, useStoreId } from '../../components/stockUi';
import { useCategoryTree } from '../../components/useCategories';
import { useRemote } from '../../components/useRemote';
import { useSession } from '../../session/session';

interface StartForm {
  scope: (typeof STOCKTAKE_SCOPES)[number];
  categoryId?: string;
  locationId?: string;
  blind: boolean;
}

export function useLocations(storeId: string | undefined) {
  return useRemote(
    (signal) => (storeId ? api.get<Page<Location>>('/locations', { signal, query: { storeId, pageSize: 500 } }) : Promise.resolve({ items: [], total: 0 })),
    [storeId],
  );
}

function StartModal({ open, onClose, onStarted }: { open: boolean; onClose(): void; onStarted(stocktake: StocktakeHeader): void }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [form] = Form.useForm<StartForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const scope = Form.useWatch('scope', form);
  const categories = useCategoryTree();
  const locations = useLocations(storeId);

  const submit = (values: StartForm) =>
    withSaving(
      setSaving,
      async () =>
        onStarted(
          await api.post<StocktakeHeader>('/stocktakes', {
            storeId,
            scope: values.scope,
            blind: values.blind,
            ...(values.scope === 'category' ? { categoryId: values.categoryId } : {}),
            ...(values.scope === 'location' ? { locationId: values.locationId } : {}),
          }),
        ),
      (error) => reportError(error, form),
    );

  return (
    <Modal
      title={t('stocktakes.startTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stocktakes.start')}
      okButtonProps={{ 'data-testid': 'stocktake-start-submit' } as never}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<StartForm> form={form} name="startStocktake" layout="vertical" onFinish={submit} initialValues={{ scope: 'full', blind: true }} style={{ marginTop: 16 }}>
        <Form.Item name="scope" label={t('stocktakes.scope')}>
          <Radio.Group optionType="button" options={STOCKTAKE_SCOPES.map((value) => ({ value, label: t(`stocktakes.scopes.${value}`) }))} />
        </Form.Item>
        {scope === 'category' ? (
          <Form.Item name="categoryId" label={t('products.category')} rules={[{ required: true, message: t('common.selectRequired', { field: t('products.category') }) }]}>
            <TreeSelect treeData={categories.treeData} treeDefaultExpandAll />
          </Form.Item>
        ) : null}
        {scope === 'location' ? (
          <Form.Item name="locationId" label={t('stock.location')} rules={[{ required: true, message: t('common.selectRequired', { field: t('stock.location') }) }]}>
            <Select options={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="blind" label={t('stocktakes.blind')} valuePropName="checked" extra={t('stocktakes.blindHelp')}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function StocktakesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const storeId = useStoreId();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [status, setStatus] = useState('');
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof STOCKTAKE_SORTS)[number]>(20, '-startedAt');
  const [starting, setStarting] = useState(false);
  const categories = useCategoryTree();
  const query = { storeId, status, sort, page: paging.page, pageSize: paging.pageSize };
  const list = useRemote((signal) => api.get<Page<StocktakeHeader>>('/stocktakes', { signal, query }), [storeId, status, sort, paging.page, paging.pageSize]);

  const columns: TableColumnsType<StocktakeHeader> = [
    { title: t('stocktakes.startedAt'), dataIndex: 'startedAt', width: 180, ...sortable('startedAt'), render: formatDateTime },
    {
      title: t('stocktakes.scope'),
      dataIndex: 'scope',
      render: (scope: StartForm['scope'], st) => (
        <span>
          {t(`stocktakes.scopes.${scope}`)}
          {st.categoryId ? <Typography.Text type="secondary"> · {categories.nameOf(st.categoryId)}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('stocktakes.blind'), dataIndex: 'blind', width: 100, render: (blind: boolean) => (blind ? t('common.yes') : t('common.no')) },
    { title: t('common.status'), dataIndex: 'status', width: 110, ...sortable('status'), render: (s: string) => <StatusTag status={s} t={t} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, st) => (
        <Flex gap={4}>
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => navigate(`/stocktakes/${st.id}`)}>
            {st.status === 'counting' && can('stocktake.approve') ? t('stocktakes.review') : t('common.view')}
          </Button>
          {st.status === 'counting' ? (
            <Button
              type="link"
              size="small"
              icon={<MobileOutlined />}
              onClick={(e) => {
                e.stopPropagation();
                navigate(`/m/stocktake/${st.id}`);
              }}
            >
              {t('stocktakes.scan')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('stocktakes.title')}
        subtitle={t('stocktakes.subtitle')}
        extra={
          <>
            <ExportButton path="/stocktakes" query={query} testId="stocktakes-export" />
            {can('stocktake.count') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)} data-testid="new-stocktake">
                {t('stocktakes.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          <Select
            value={status}
            style={{ width: 160 }}
            onChange={(value) => {
              setStatus(value);
              first();
            }}
            options={[{ value: '', label: t('common.allStatuses') }, ...STOCKTAKE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <Typography.Text type="secondary">{t('stocktakes.hint')}</Typography.Text>
        </Flex>
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        <Table<StocktakeHeader>
          rowKey="id"
          size="middle"
          data-testid="stocktakes-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          onRow={(st) => ({ onClick: () => navigate(`/stocktakes/${st.id}`), style: { cursor: 'pointer' } })}
          pagination={pagination(list.data?.total)}
          onChange={onChange}
        />
      </Card>
      <StartModal
        open={starting}
        onClose={() => setStarting(false)}
        onStarted={(st) => {
          setStarting(false);
          void message.success(t('stocktakes.started'));
          navigate(`/stocktakes/${st.id}`);
        }}
      />
    </>
  );
}
