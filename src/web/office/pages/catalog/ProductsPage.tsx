// 商品资料: search (barcode, SKU, name, pinyin initials — the tiered search), filter by category
// and status, create / edit / archive, print shelf labels for the selected products, export.
import { EditOutlined, ImportOutlined, PlusOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Form, Input, Popconfirm, Select, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { PRODUCT_SORTS } from '../../../../contracts/catalog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LABEL_LAYOUTS } from '../../../../contracts/import';
import { api, apiUrl } from '../../../shared/api';
import type { Product, ProductSummary } from '../../../shared/inventory-types';
import type { Page } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, useReportError } from '../../components/feedback';
import { usePaging } from '../../components/usePaging';
import { FilterButtons } from '../../components/FilterButtons';
import { PageHeader } from '../../components/PageHeader';
import { moneyCell, StatusTag, useStoreId } from '../../components/stockUi';
import { useCategoryTree } from '../../components/useCategories';
import { useRemote } from '../../components/useRemote';
import { useSession } from '../../session/session';
import { ProductDrawer } from './ProductDrawer';

interface Filters {
  q?: string;
  categoryId?: string;
  status: 'active' | 'archived' | 'all';
}

export default function ProductsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const storeId = useStoreId();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const canManage = can('catalog.manage');
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ status: 'active' });
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof PRODUCT_SORTS)[number]>(20, 'sku');
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const categories = useCategoryTree();
  const query = { q: filters.q?.trim(), categoryId: filters.categoryId, status: filters.status, sort, page: paging.page, pageSize: paging.pageSize };
  const products = useRemote((signal) => api.get<Page<ProductSummary>>('/products', { signal, query }), [filters, sort, paging.page, paging.pageSize]);
  // A search answers in rank order (exact code, prefix, pinyin, name), so columns sort only when browsing.
  const browseSort = (field: (typeof PRODUCT_SORTS)[number]) => (query.q ? {} : sortable(field));

  const edit = async (id: string) => {
    try {
      setEditing(await api.get<Product>(`/products/${id}`));
    } catch (error) {
      reportError(error);
    }
  };

  const setArchived = async (product: ProductSummary, archived: boolean) => {
    try {
      await api.post(`/products/${product.id}/${archived ? 'archive' : 'restore'}`);
      void message.success(archived ? t('products.archived', { name: product.name }) : t('products.restored', { name: product.name }));
      products.reload();
    } catch (error) {
      reportError(error);
    }
  };

  const printLabels = (layout: string) => {
    if (!storeId || !selected.length) return;
    window.open(apiUrl('/labels', { storeId, layout, productIds: selected.join(',') }), '_blank', 'noopener');
  };

  const columns: TableColumnsType<ProductSummary> = [
    { title: t('products.sku'), dataIndex: 'sku', width: 160, ...browseSort('sku'), render: (sku: string) => <Typography.Text code>{sku}</Typography.Text> },
    {
      title: t('products.name'),
      dataIndex: 'name',
      width: 260,
      ...browseSort('name'),
      render: (name: string, p) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[p.spec, p.brand].filter(Boolean).join(' · ') || '\u00a0'}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('products.barcode'),
      dataIndex: 'barcodes',
      width: 170,
      render: (codes: ProductSummary['barcodes']) =>
        codes.length ? (
          <span style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {codes[0].code}
            {codes.length > 1 ? <Tag style={{ marginInlineStart: 4 }}>+{codes.length - 1}</Tag> : null}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('products.category'), dataIndex: 'categoryId', width: 120, render: (id: string | null) => categories.nameOf(id) ?? '—' },
    { title: t('products.unitShort'), dataIndex: 'unit', width: 70, render: (unit: string, p) => (p.weighable ? <Tag color="cyan">{unit}</Tag> : unit) },
    { title: t('products.price'), dataIndex: 'price', align: 'right', width: 110, ...browseSort('price'), render: moneyCell },
    { title: t('products.memberPrice'), dataIndex: 'memberPrice', align: 'right', width: 110, render: moneyCell },
    { title: t('products.taxRate'), dataIndex: 'taxRate', align: 'right', width: 80, render: (bp: number) => `${bp / 100}%` },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} t={t} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, p) => (
        <Flex gap={8}>
          {canManage ? (
            <Typography.Link onClick={() => edit(p.id)} data-testid={`edit-${p.sku}`}>
              <EditOutlined /> {t('common.edit')}
            </Typography.Link>
          ) : null}
          {can('stock.read') ? <Link to={`/stock/card/${p.id}`}>{t('products.stockCard')}</Link> : null}
          {canManage ? (
            <Popconfirm
              title={p.status === 'archived' ? t('products.restoreConfirm') : t('products.archiveConfirm')}
              onConfirm={() => setArchived(p, p.status !== 'archived')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
            >
              <Typography.Link type={p.status === 'archived' ? undefined : 'danger'}>{p.status === 'archived' ? t('products.restore') : t('products.archive')}</Typography.Link>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  const apply = (values: Filters) => {
    setFilters({ ...values, status: values.status ?? 'active' });
    first();
  };

  return (
    <>
      <PageHeader
        title={t('products.title')}
        subtitle={t('products.subtitle')}
        extra={
          <>
            <ExportButton path="/products" query={query} testId="products-export" />
            {can('import.run') ? (
              <Button icon={<ImportOutlined />} onClick={() => navigate('/import')}>
                {t('nav.import')}
              </Button>
            ) : null}
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-product">
                {t('products.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
          <Form<Filters> form={form} layout="inline" name="productFilters" onFinish={apply} initialValues={{ status: 'active' }} style={{ rowGap: 12 }}>
            <Form.Item name="q">
              <Input allowClear prefix={<SearchOutlined />} placeholder={t('products.searchPlaceholder')} style={{ width: 280 }} data-testid="product-search" />
            </Form.Item>
            <Form.Item name="categoryId">
              <TreeSelect allowClear treeData={categories.treeData} placeholder={t('products.category')} style={{ width: 180 }} treeDefaultExpandAll />
            </Form.Item>
            <Form.Item name="status">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'active', label: t('status.active') },
                  { value: 'archived', label: t('status.archived') },
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
          <Dropdown
            disabled={!selected.length}
            menu={{ items: LABEL_LAYOUTS.map((layout) => ({ key: layout, label: t(`labels.layouts.${layout}`) })), onClick: ({ key }) => printLabels(key) }}
          >
            <Button icon={<PrinterOutlined />} data-testid="print-labels">
              {t('labels.print')}
              {selected.length ? ` (${selected.length})` : ''}
            </Button>
          </Dropdown>
        </Flex>
        {products.error ? <LoadError error={products.error} onRetry={products.reload} /> : null}
        <Table<ProductSummary>
          rowKey="id"
          size="middle"
          data-testid="products-table"
          scroll={{ x: 1320 }}
          columns={columns}
          dataSource={products.data?.items ?? []}
          loading={products.loading}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true }}
          pagination={pagination(products.data?.total)}
          onChange={onChange}
        />
      </Card>
      <ProductDrawer
        product={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(editing === 'new' ? t('products.created') : t('common.saved'));
          setEditing(null);
          products.reload();
        }}
      />
    </>
  );
}
