// Create or edit a product: identity, units and pack conversions, barcodes, tax, category, batch
// tracking, this store's min/max. Prices are set on create only; later they change through 调价单.
// Units, barcodes and stock limits are sub-resources on edit: the drawer sends only what changed.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Divider, Flex, Form, Input, InputNumber, Select, Skeleton, Switch, Table, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { formatDateTime } from '../../../shared/format';
import type { PriceHistoryRow, Product } from '../../../shared/inventory-types';
import type { Page } from '../../../shared/types';
import { useReportError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { moneyCell, useStoreId } from '../../components/stockUi';
import { bpOf, fenOf, thousandthsOf, unitsOf, yuanOf } from '../../components/units';
import { useCategoryTree } from '../../components/useCategories';
import { useRemote } from '../../components/useRemote';
import { useTaxRates } from '../../components/useTaxRates';


interface ProductForm {
  sku: string;
  name: string;
  spec?: string;
  brand?: string;
  origin?: string;
  categoryId?: string | null;
  unit: string;
  units: { unit?: string; factor?: number }[];
  barcodes: { code?: string; unit?: string }[];
  price?: number;
  memberPrice?: number | null;
  taxRate: number;
  costMethod: 'moving_average' | 'fifo';
  weighable: boolean;
  plu?: string | null;
  trackBatches: boolean;
  shelfLifeDays?: number | null;
  minQty?: number | null;
  maxQty?: number | null;
}

function initialValues(product: Product | null, storeId: string | undefined, defaultTaxRate: number | undefined): Partial<ProductForm> {
  if (!product) return { unit: '件', units: [], barcodes: [{}], taxRate: defaultTaxRate, costMethod: 'moving_average', weighable: false, trackBatches: false };
  const limit = product.stockLimits.find((l) => l.storeId === storeId);
  return {
    sku: product.sku,
    name: product.name,
    spec: product.spec,
    brand: product.brand,
    origin: product.origin,
    categoryId: product.categoryId,
    unit: product.unit,
    units: product.units.map((u) => ({ unit: u.unit, factor: unitsOf(u.factor) })),
    barcodes: product.barcodes.map((b) => ({ code: b.code, unit: b.unit })),
    price: yuanOf(product.price),
    memberPrice: yuanOf(product.memberPrice ?? undefined) ?? null,
    taxRate: product.taxRate / 100,
    costMethod: product.costMethod as ProductForm['costMethod'],
    weighable: product.weighable,
    plu: product.plu,
    trackBatches: product.trackBatches,
    shelfLifeDays: product.shelfLifeDays,
    minQty: unitsOf(limit?.minQty),
    maxQty: unitsOf(limit?.maxQty),
  };
}

const details = (v: ProductForm) => ({
  name: v.name.trim(),
  spec: v.spec?.trim() ?? '',
  brand: v.brand?.trim() ?? '',
  origin: v.origin?.trim() ?? '',
  categoryId: v.categoryId ?? null,
  taxRate: bpOf(v.taxRate),
  costMethod: v.costMethod,
  weighable: v.weighable,
  plu: v.weighable && v.plu ? v.plu : null,
  trackBatches: v.trackBatches,
  shelfLifeDays: v.trackBatches && v.shelfLifeDays ? v.shelfLifeDays : null,
});

const cleanUnits = (v: ProductForm) => v.units.filter((u) => u.unit?.trim() && u.factor).map((u) => ({ unit: u.unit!.trim(), factor: thousandthsOf(u.factor) }));
const cleanBarcodes = (v: ProductForm) =>
  v.barcodes.filter((b) => b.code?.trim()).map((b) => ({ code: b.code!.trim(), ...(b.unit && b.unit !== v.unit ? { unit: b.unit } : {}) }));

/** Sends the edit: the product's fields, then units, barcodes and this store's limits that changed. */
async function saveEdit(product: Product, v: ProductForm, storeId: string | undefined): Promise<void> {
  const base = `/products/${product.id}`;
  // The store's limits first: the likeliest refusal (min above max) then leaves nothing half-saved.
  if (storeId && (v.minQty != null || v.maxQty != null)) {
    await api.put(`${base}/stock-limits/${storeId}`, { minQty: thousandthsOf(v.minQty), maxQty: thousandthsOf(v.maxQty) });
  }
  await api.patch(base, { sku: v.sku.trim(), ...details(v) });
  const units = cleanUnits(v);
  for (const u of units) {
    const before = product.units.find((x) => x.unit === u.unit);
    if (!before || before.factor !== u.factor) await api.put(`${base}/units/${encodeURIComponent(u.unit)}`, { factor: u.factor });
  }
  const barcodes = cleanBarcodes(v);
  for (const b of product.barcodes) if (!barcodes.some((x) => x.code === b.code)) await api.delete(`${base}/barcodes/${encodeURIComponent(b.code)}`);
  for (const u of product.units) if (!units.some((x) => x.unit === u.unit)) await api.delete(`${base}/units/${encodeURIComponent(u.unit)}`);
  for (const b of barcodes) if (!product.barcodes.some((x) => x.code === b.code)) await api.post(`${base}/barcodes`, b);
}

function PriceHistory({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const history = useRemote((signal) => api.get<Page<PriceHistoryRow>>(`/products/${productId}/prices`, { signal, query: { storeId, pageSize: 10 } }), [productId, storeId]);
  return (
    <Table<PriceHistoryRow>
      size="small"
      rowKey={(r, i) => `${r.effectiveAt}:${i}`}
      loading={history.loading}
      dataSource={history.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('prices.effectiveAt'), dataIndex: 'effectiveAt', render: formatDateTime },
        { title: t('products.price'), dataIndex: 'price', align: 'right', render: moneyCell },
        { title: t('products.memberPrice'), dataIndex: 'memberPrice', align: 'right', render: moneyCell },
        { title: t('prices.scope'), dataIndex: 'storeId', render: (id: string | null) => (id ? t('prices.thisStore') : t('prices.allStores')) },
        { title: t('documents.number'), dataIndex: 'documentNumber', render: (n: string | null) => n ?? t('prices.initial') },
      ]}
    />
  );
}

export function ProductDrawer({ product, onClose, onSaved }: { product: Product | 'new' | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [form] = Form.useForm<ProductForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const categories = useCategoryTree();
  const taxRates = useTaxRates();
  const creating = product === 'new';
  const editing = product && product !== 'new' ? product : null;
  const weighable = Form.useWatch('weighable', form);
  const trackBatches = Form.useWatch('trackBatches', form);
  const baseUnit = Form.useWatch('unit', form);
  const packUnits = (Form.useWatch('units', form) ?? []).map((u) => u?.unit).filter(Boolean) as string[];

  const submit = (v: ProductForm) =>
    withSaving(
      setSaving,
      async () => {
        if (editing) await saveEdit(editing, v, storeId);
        else {
          await api.post('/products', {
            sku: v.sku.trim(),
            ...details(v),
            unit: v.unit.trim(),
            units: cleanUnits(v),
            barcodes: cleanBarcodes(v),
            price: fenOf(v.price),
            memberPrice: v.memberPrice == null ? null : fenOf(v.memberPrice),
            stockLimits: storeId && (v.minQty != null || v.maxQty != null) ? [{ storeId, minQty: thousandthsOf(v.minQty), maxQty: thousandthsOf(v.maxQty) }] : [],
          });
        }
        onSaved();
      },
      (error) => reportError(error, form),
    );

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <FormDrawer
      open={product !== null}
      title={creating ? t('products.createTitle') : editing ? t('products.editTitle', { name: editing.name }) : ''}
      form={form}
      saving={saving}
      onClose={onClose}
      size={720}
      submitText={creating ? t('common.create') : t('common.save')}
      submitTestId="product-submit"
    >
      {product === null ? null : (!categories.data && categories.loading) || (!taxRates.data && taxRates.loading) ? (
        <Skeleton active />
      ) : (
        <Form<ProductForm> form={form} name="product" layout="vertical" onFinish={submit} initialValues={initialValues(editing, storeId, taxRates.defaultPercent)}>
          <Flex gap={12}>
            <Form.Item name="sku" label={t('products.sku')} rules={required(t('products.sku'))} style={{ width: 220 }}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="name" label={t('products.name')} rules={required(t('products.name'))} style={{ flex: 1 }}>
              <Input autoComplete="off" />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="spec" label={t('products.spec')} style={{ flex: 1 }}>
              <Input placeholder="330ml" />
            </Form.Item>
            <Form.Item name="brand" label={t('products.brand')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="origin" label={t('products.origin')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="categoryId" label={t('products.category')} style={{ flex: 1 }}>
              <TreeSelect allowClear treeData={categories.treeData} treeDefaultExpandAll />
            </Form.Item>
            <Form.Item name="taxRate" label={t('products.taxRate')} style={{ width: 180 }}>
              <Select data-testid="product-tax-rate" popupMatchSelectWidth={false} options={taxRates.options(editing ? editing.taxRate / 100 : undefined)} />
            </Form.Item>
            <Form.Item name="costMethod" label={t('products.costMethod')} style={{ width: 160 }}>
              <Select
                options={[
                  { value: 'moving_average', label: t('products.costMethods.moving_average') },
                  { value: 'fifo', label: t('products.costMethods.fifo') },
                ]}
              />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="price" label={t('products.price')} rules={creating ? [{ required: true, message: t('common.required', { field: t('products.price') }) }] : []} style={{ flex: 1 }} extra={creating ? undefined : t('products.priceHelp')}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} disabled={!creating} />
            </Form.Item>
            <Form.Item name="memberPrice" label={t('products.memberPrice')} style={{ flex: 1 }}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} disabled={!creating} />
            </Form.Item>
          </Flex>

          <Divider titlePlacement="start" plain>
            {t('products.unitsSection')}
          </Divider>
          <Flex gap={12} align="flex-start">
            <Form.Item name="unit" label={t('products.unit')} rules={required(t('products.unit'))} style={{ width: 120 }} extra={editing ? t('products.unitFixed') : undefined}>
              <Input disabled={!!editing} />
            </Form.Item>
            <Form.List name="units">
              {(fields, { add, remove }) => (
                <div style={{ flex: 1 }}>
                  <Typography.Text style={{ display: 'block' }}>{t('products.packUnits')}</Typography.Text>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} align="center" style={{ marginTop: 8 }}>
                      <Typography.Text type="secondary">1</Typography.Text>
                      <Form.Item name={[field.name, 'unit']} style={{ margin: 0, width: 90 }}>
                        <Input placeholder="箱" />
                      </Form.Item>
                      <Typography.Text type="secondary">=</Typography.Text>
                      <Form.Item name={[field.name, 'factor']} style={{ margin: 0, width: 110 }}>
                        <InputNumber min={0.001} precision={3} style={{ width: '100%' }} />
                      </Form.Item>
                      <Typography.Text type="secondary">{baseUnit}</Typography.Text>
                      <DeleteOutlined onClick={() => remove(field.name)} style={{ color: '#dc2626' }} />
                    </Flex>
                  ))}
                  <Typography.Link onClick={() => add({})} style={{ display: 'inline-block', marginTop: 8 }}>
                    <PlusOutlined /> {t('products.addUnit')}
                  </Typography.Link>
                </div>
              )}
            </Form.List>
          </Flex>

          <Divider titlePlacement="start" plain>
            {t('products.barcodes')}
          </Divider>
          <Form.List name="barcodes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <Form.Item name={[field.name, 'code']} style={{ flex: 1, marginBottom: 8 }}>
                      <Input placeholder="6901234567892" autoComplete="off" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} style={{ width: 110, marginBottom: 8 }}>
                      <Select placeholder={baseUnit} allowClear options={[baseUnit, ...packUnits].filter(Boolean).map((u) => ({ value: u, label: u }))} />
                    </Form.Item>
                    <DeleteOutlined onClick={() => remove(field.name)} style={{ color: '#dc2626', marginTop: 9 }} />
                  </Flex>
                ))}
                <Typography.Link onClick={() => add({})}>
                  <PlusOutlined /> {t('products.addBarcode')}
                </Typography.Link>
              </>
            )}
          </Form.List>

          <Divider titlePlacement="start" plain>
            {t('products.stockSection')}
          </Divider>
          <Flex gap={24} wrap>
            <Form.Item name="weighable" label={t('products.weighable')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {weighable ? (
              <Form.Item name="plu" label="PLU" style={{ width: 120 }}>
                <Input maxLength={5} placeholder="00001" />
              </Form.Item>
            ) : null}
            <Form.Item name="trackBatches" label={t('products.trackBatches')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {trackBatches ? (
              <Form.Item name="shelfLifeDays" label={t('products.shelfLifeDays')} style={{ width: 140 }}>
                <InputNumber min={1} max={36500} suffix={t('stock.dayUnit')} style={{ width: '100%' }} />
              </Form.Item>
            ) : null}
          </Flex>
          <Flex gap={12}>
            <Form.Item name="minQty" label={t('products.minQty')} style={{ flex: 1 }}>
              <InputNumber min={0} precision={3} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="maxQty" label={t('products.maxQty')} style={{ flex: 1 }}>
              <InputNumber min={0} precision={3} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          {editing ? (
            <>
              <Divider titlePlacement="start" plain>
                {t('prices.history')}
              </Divider>
              <PriceHistory productId={editing.id} />
            </>
          ) : null}
        </Form>
      )}
    </FormDrawer>
  );
}
