// 供应商: list with search and status, create / edit, deactivate (suppliers are never deleted).
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SUPPLIER_SORTS } from '../../../../contracts/catalog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import type { Supplier } from '../../../shared/inventory-types';
import type { Page } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, useReportError } from '../../components/feedback';
import { usePaging } from '../../components/usePaging';
import { FilterButtons } from '../../components/FilterButtons';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { useSession } from '../../session/session';

interface SupplierForm {
  code: string;
  name: string;
  contact?: string;
  phone?: string;
  taxId?: string;
  paymentTermsDays?: number;
  status?: 'active' | 'inactive';
}

function SupplierDrawer({ supplier, onClose, onSaved }: { supplier: Supplier | 'new' | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SupplierForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const editing = supplier && supplier !== 'new' ? supplier : null;
  const submit = (v: SupplierForm) =>
    withSaving(
      setSaving,
      async () => {
        const body = {
          name: v.name.trim(),
          contact: v.contact?.trim() ?? '',
          phone: v.phone?.trim() ?? '',
          taxId: v.taxId?.trim() ?? '',
          paymentTermsDays: v.paymentTermsDays ?? 0,
        };
        if (editing) await api.patch(`/suppliers/${editing.id}`, { ...body, status: v.status });
        else await api.post('/suppliers', { code: v.code.trim(), ...body });
        onSaved();
      },
      (error) => reportError(error, form),
    );
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <FormDrawer
      open={supplier !== null}
      title={editing ? t('suppliers.editTitle', { name: editing.name }) : t('suppliers.createTitle')}
      form={form}
      saving={saving}
      onClose={onClose}
      submitText={editing ? t('common.save') : t('common.create')}
    >
      <Form<SupplierForm> form={form} name="supplier" layout="vertical" onFinish={submit} initialValues={editing ?? { paymentTermsDays: 30 }}>
        <Form.Item name="code" label={t('suppliers.code')} rules={required(t('suppliers.code'))}>
          <Input style={{ maxWidth: 200 }} disabled={!!editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('suppliers.name')} rules={required(t('suppliers.name'))}>
          <Input autoComplete="off" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="contact" label={t('suppliers.contact')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('suppliers.phone')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Form.Item name="taxId" label={t('suppliers.taxId')}>
          <Input />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="paymentTermsDays" label={t('suppliers.paymentTerms')} style={{ flex: 1 }}>
            <InputNumber min={0} max={365} suffix={t('stock.dayUnit')} style={{ width: '100%' }} />
          </Form.Item>
          {editing ? (
            <Form.Item name="status" label={t('common.status')} style={{ flex: 1 }}>
              <Select
                options={[
                  { value: 'active', label: t('suppliers.active') },
                  { value: 'inactive', label: t('suppliers.inactive') },
                ]}
              />
            </Form.Item>
          ) : null}
        </Flex>
      </Form>
    </FormDrawer>
  );
}

export default function SuppliersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const canManage = can('suppliers.manage');
  const [form] = Form.useForm<{ q?: string; status: string }>();
  const [filters, setFilters] = useState<{ q?: string; status: string }>({ status: 'active' });
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof SUPPLIER_SORTS)[number]>(20, 'code');
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const query = { q: filters.q?.trim(), status: filters.status, sort, page: paging.page, pageSize: paging.pageSize };
  const list = useRemote((signal) => api.get<Page<Supplier>>('/suppliers', { signal, query }), [filters, sort, paging.page, paging.pageSize]);
  const columns: TableColumnsType<Supplier> = [
    { title: t('suppliers.code'), dataIndex: 'code', width: 140, ...sortable('code'), render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('suppliers.name'), dataIndex: 'name', ...sortable('name'), render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('suppliers.contact'), dataIndex: 'contact', width: 120 },
    { title: t('suppliers.phone'), dataIndex: 'phone', width: 150 },
    { title: t('suppliers.paymentTerms'), dataIndex: 'paymentTermsDays', width: 110, align: 'right', ...sortable('paymentTermsDays'), render: (d: number) => t('stock.days', { days: d }) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{s === 'active' ? t('suppliers.active') : t('suppliers.inactive')}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, s) => (
        <Button type="link" size="small" icon={<EditOutlined />} style={{ paddingInline: 0 }} onClick={() => setEditing(s)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }
  const apply = (values: { q?: string; status: string }) => {
    setFilters(values);
    first();
  };
  return (
    <>
      <PageHeader
        title={t('suppliers.title')}
        subtitle={t('suppliers.subtitle')}
        extra={
          <>
            <ExportButton path="/suppliers" query={query} testId="suppliers-export" />
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('suppliers.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Form form={form} layout="inline" name="supplierFilters" onFinish={apply} initialValues={{ status: 'active' }} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="q">
            <Input allowClear prefix={<SearchOutlined />} placeholder={t('suppliers.searchPlaceholder')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="status">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'active', label: t('suppliers.active') },
                { value: 'inactive', label: t('suppliers.inactive') },
                { value: 'all', label: t('common.all') },
              ]}
            />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              apply({ status: 'active' });
            }}
          />
        </Form>
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        <Table<Supplier>
          rowKey="id"
          size="middle"
          data-testid="suppliers-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={pagination(list.data?.total)}
          onChange={onChange}
        />
      </Card>
      <SupplierDrawer
        key={editing === null ? 'none' : editing === 'new' ? 'new' : editing.id}
        supplier={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(t('common.saved'));
          setEditing(null);
          list.reload();
        }}
      />
    </>
  );
}
