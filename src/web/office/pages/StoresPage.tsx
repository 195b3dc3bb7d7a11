import { DisconnectOutlined, EditOutlined, LinkOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Badge, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { STORE_SORTS } from '../../../contracts/stores';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { Page, Register, Store } from '../../shared/types';
import { ExportButton } from '../components/ExportButton';
import { LoadError, useReportError } from '../components/feedback';
import { FormDrawer } from '../components/FormDrawer';
import { PageHeader } from '../components/PageHeader';
import { useRemote } from '../components/useRemote';
import { usePaging } from '../components/usePaging';
import { useSession } from '../session/session';
import { useRegistersT } from '../i18n/registers';
import { asSalesT } from '../i18n/sales';
import { useNavigate } from 'react-router-dom';

interface StoreForm {
  code?: string;
  name: string;
  timezone: string;
  currency: string;
  receiptHeader: string;
}

const TIMEZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'UTC'];
const CURRENCIES = ['CNY', 'HKD', 'MOP', 'TWD', 'SGD', 'USD'];

/** Create (store === 'new') or edit a store. */
function StoreDrawer({ store, onClose, onSaved }: { store: Store | 'new' | null; onClose(): void; onSaved(store: Store): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StoreForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const creating = store === 'new';

  const submit = async (values: StoreForm) => {
    if (!store) return;
    setSaving(true);
    try {
      const body = {
        name: values.name.trim(),
        timezone: values.timezone.trim(),
        currency: values.currency.trim().toUpperCase(),
        receiptHeader: values.receiptHeader ?? '',
      };
      const saved =
        store === 'new'
          ? await api.post<Store>('/stores', { code: values.code?.trim(), ...body })
          : await api.patch<Store>(`/stores/${store.id}`, body);
      onSaved(saved);
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <FormDrawer
      title={store === 'new' ? t('stores.createTitle') : store ? t('stores.editTitle', { name: store.name }) : ''}
      open={store !== null}
      onClose={onClose}
      form={form}
      saving={saving}
      submitText={creating ? t('common.create') : t('common.save')}
    >
      {store ? (
        <Form<StoreForm>
          form={form}
          name="store"
          layout="vertical"
          onFinish={submit}
          initialValues={
            store === 'new'
              ? { timezone: 'Asia/Shanghai', currency: 'CNY', receiptHeader: '' }
              : { name: store.name, timezone: store.timezone, currency: store.currency, receiptHeader: store.receiptHeader }
          }
        >
          {creating ? (
            <Form.Item name="code" label={t('stores.code')} rules={required(t('stores.code'))}>
              <Input autoComplete="off" style={{ maxWidth: 200 }} />
            </Form.Item>
          ) : (
            <Form.Item label={t('stores.code')}>
              <Input value={(store as Store).code} disabled style={{ maxWidth: 200 }} />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('stores.name')} rules={required(t('stores.name'))}>
            <Input autoComplete="off" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="timezone" label={t('stores.timezone')} rules={required(t('stores.timezone'))} style={{ flex: 2 }}>
              <AutoComplete options={TIMEZONES.map((value) => ({ value }))} />
            </Form.Item>
            <Form.Item name="currency" label={t('stores.currency')} rules={required(t('stores.currency'))} style={{ flex: 1 }}>
              <AutoComplete options={CURRENCIES.map((value) => ({ value }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="receiptHeader" label={t('stores.receiptHeader')}>
            <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Form>
      ) : null}
    </FormDrawer>
  );
}

function AddRegisterModal({ store, onClose, onAdded }: { store: Store | null; onClose(): void; onAdded(register: Register): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();

  const submit = async (values: { code: string; name: string }) => {
    if (!store) return;
    setSaving(true);
    try {
      onAdded(await api.post<Register>('/registers', { storeId: store.id, code: values.code.trim(), name: values.name.trim() }));
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={store ? t('stores.addRegisterTitle', { store: store.name }) : ''}
      open={store !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} name="register" layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        <Form.Item
          name="code"
          label={t('stores.registerCode')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('stores.registerCode') }) }]}
        >
          <Input autoComplete="off" style={{ maxWidth: 200 }} autoFocus />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('stores.registerName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('stores.registerName') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegistersCard({ store, canManage }: { store: Store; canManage: boolean }) {
  const { t } = useTranslation();
  const rt = useRegistersT();
  const { can, setCurrentStoreId } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [adding, setAdding] = useState(false);
  const [token, setToken] = useState<{ register: Register; deviceToken: string } | null>(null);
  const registers = useRemote(
    // Registers of one store are few; the endpoint returns them all (it takes no paging).
    (signal) => api.get<Page<Register>>('/registers', { signal, query: { storeId: store.id } }),
    [store.id],
  );

  const pair = async (register: Register) => {
    try {
      const result = await api.post<{ deviceToken: string }>(`/registers/${register.id}/pair`);
      setToken({ register, deviceToken: result.deviceToken });
      registers.reload();
    } catch (error) {
      reportError(error);
    }
  };

  const unpair = async (register: Register) => {
    try {
      await api.post(`/registers/${register.id}/unpair`);
      void message.success(rt('registers.unpaired', { name: register.name }));
      registers.reload();
    } catch (error) {
      reportError(error);
    }
  };

  const columns: TableColumnsType<Register> = [
    {
      title: t('stores.registerCode'),
      dataIndex: 'code',
      width: 160,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('stores.registerName'), dataIndex: 'name' },
    {
      title: t('common.status'),
      dataIndex: 'paired',
      width: 140,
      render: (paired: boolean) =>
        paired ? <Badge status="success" text={t('stores.paired')} /> : <Badge status="default" text={t('stores.unpaired')} />,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, register) => (
        <Flex gap={12}>
          <Popconfirm
            title={register.paired ? t('stores.repair') : t('stores.pair')}
            description={<div style={{ maxWidth: 280 }}>{t('stores.pairConfirm')}</div>}
            okText={t('stores.pair')}
            cancelText={t('common.cancel')}
            onConfirm={() => pair(register)}
          >
            <Button type="link" size="small" icon={<LinkOutlined />} style={{ paddingInline: 0 }} data-testid={`pair-${register.code}`}>
              {register.paired ? t('stores.repair') : t('stores.pair')}
            </Button>
          </Popconfirm>
          {register.paired ? (
            <Popconfirm
              title={rt('registers.unpair')}
              description={<div style={{ maxWidth: 280 }}>{rt('registers.unpairConfirm')}</div>}
              okText={rt('registers.unpair')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => unpair(register)}
            >
              <Button type="link" size="small" danger icon={<DisconnectOutlined />} style={{ paddingInline: 0 }} data-testid={`unpair-${register.code}`}>
                {rt('registers.unpair')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    });
  }

  return (
    <Card
      title={t('stores.registersOf', { name: store.name })}
      data-testid="registers-card"
      extra={
        <Flex gap={8}>
          {can('stores.read') ? (
            // The checkout settings screen edits the header's current store: make it this one.
            <Button
              icon={<SettingOutlined />}
              data-testid="store-settings-link"
              onClick={() => {
                setCurrentStoreId(store.id);
                navigate('/settings');
              }}
            >
              {asSalesT(t)('salesNav.settings')}
            </Button>
          ) : null}
          {canManage ? (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('stores.addRegister')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {registers.error ? <LoadError error={registers.error} onRetry={registers.reload} /> : null}
      <Table<Register>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={registers.data?.items ?? []}
        loading={registers.loading}
        pagination={false}
      />
      <AddRegisterModal
        store={adding ? store : null}
        onClose={() => setAdding(false)}
        onAdded={(register) => {
          setAdding(false);
          void message.success(t('stores.registerAdded', { name: register.name }));
          registers.reload();
        }}
      />
      <Modal
        title={token ? t('stores.tokenTitle', { name: token.register.name }) : ''}
        open={token !== null}
        onCancel={() => setToken(null)}
        footer={
          <Button type="primary" onClick={() => setToken(null)}>
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('stores.tokenOnce')} style={{ margin: '12px 0 16px' }} />
        <Typography.Paragraph copyable={{ text: token?.deviceToken }} data-testid="device-token">
          <code style={{ wordBreak: 'break-all', fontSize: 14 }}>{token?.deviceToken}</code>
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

export default function StoresPage() {
  const { t } = useTranslation();
  const { can, currentStore, reload: reloadSession } = useSession();
  const { message } = App.useApp();
  const canManage = can('stores.manage');
  const { paging, pagination, onChange, sort, sortable } = usePaging<(typeof STORE_SORTS)[number]>(20, 'code');
  const [editing, setEditing] = useState<Store | 'new' | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(currentStore?.id ?? null);

  const query = { sort, page: paging.page, pageSize: paging.pageSize };
  const stores = useRemote((signal) => api.get<Page<Store>>('/stores', { signal, query }), [sort, paging.page, paging.pageSize]);
  const items = stores.data?.items ?? [];
  const selected = items.find((store) => store.id === selectedId) ?? items[0] ?? null;

  const columns: TableColumnsType<Store> = [
    {
      title: t('stores.code'),
      dataIndex: 'code',
      width: 120,
      ...sortable('code'),
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('stores.name'), dataIndex: 'name', ...sortable('name'), render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('stores.timezone'), dataIndex: 'timezone', width: 160 },
    { title: t('stores.currency'), dataIndex: 'currency', width: 100, render: (currency: string) => <Tag>{currency}</Tag> },
    {
      title: t('stores.receiptHeader'),
      dataIndex: 'receiptHeader',
      ellipsis: true,
      render: (header: string) =>
        header ? <Typography.Text type="secondary">{header.split('\n')[0]}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('stores.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      ...sortable('createdAt'),
      render: (value: string) => <Typography.Text type="secondary">{formatDateTime(value)}</Typography.Text>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, store) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          style={{ paddingInline: 0 }}
          onClick={(event) => {
            event.stopPropagation();
            setEditing(store);
          }}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('stores.title')}
        subtitle={t('stores.subtitle')}
        extra={
          <>
            <ExportButton path="/stores" query={query} testId="stores-export" />
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('stores.new')}
              </Button>
            ) : (
              <Tag>{t('stores.readOnly')}</Tag>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card styles={{ body: { paddingTop: 8 } }}>
          {stores.error ? <LoadError error={stores.error} onRetry={stores.reload} /> : null}
          <Table<Store>
            rowKey="id"
            size="middle"
            data-testid="stores-table"
            columns={columns}
            dataSource={items}
            loading={stores.loading}
            rowSelection={{
              type: 'radio',
              selectedRowKeys: selected ? [selected.id] : [],
              onChange: (keys) => setSelectedId(String(keys[0])),
              columnWidth: 40,
            }}
            onRow={(store) => ({ onClick: () => setSelectedId(store.id), style: { cursor: 'pointer' } })}
            pagination={{ ...pagination(stores.data?.total), hideOnSinglePage: true }}
            onChange={onChange}
          />
        </Card>
        {selected ? (
          <RegistersCard key={selected.id} store={selected} canManage={can('registers.manage')} />
        ) : stores.loading ? null : (
          <Card>
            <Empty description={t('stores.selectStore')} />
          </Card>
        )}
      </Flex>
      <StoreDrawer
        store={editing}
        onClose={() => setEditing(null)}
        onSaved={(store) => {
          void message.success(editing === 'new' ? t('stores.created', { name: store.name }) : t('common.saved'));
          setEditing(null);
          setSelectedId(store.id);
          stores.reload();
          // The header, role pickers and store names come from /me: let them see the change.
          void reloadSession();
        }}
      />
    </>
  );
}
