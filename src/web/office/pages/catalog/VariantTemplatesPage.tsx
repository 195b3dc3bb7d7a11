// 规格模板: attributes with values (尺码 S/M/L × 颜色 红/蓝); create and edit templates, and
// generate one product per combination (TSHIRT-S-红), all or nothing, from a template.
import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { LoadError, useReportError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { bpOf, fenOf } from '../../components/units';
import { useCategoryTree } from '../../components/useCategories';
import { useRemote } from '../../components/useRemote';
import { useTaxRates } from '../../components/useTaxRates';
import { useVariantsT, type VariantsT } from '../../i18n/variants';
import { useSession } from '../../session/session';

type Attributes = Record<string, string[]>;

interface VariantTemplate {
  id: string;
  name: string;
  attributes: Attributes;
  combinations: number;
  createdAt: string;
}

interface GeneratedProduct {
  id: string;
  sku: string;
  name: string;
  price: number;
}

interface TemplateForm {
  name: string;
  attributes: { name?: string; values?: string[] }[];
}

interface GenerateForm {
  baseSku: string;
  baseName: string;
  unit: string;
  price?: number;
  memberPrice?: number | null;
  taxRate: number;
  categoryId?: string;
  brand?: string;
  spec?: string;
}

const MAX_ATTRIBUTES = 5;

/** Combinations the attributes give: the product of their value counts. */
function countCombinations(attributes: TemplateForm['attributes'] | undefined): number {
  const rows = (attributes ?? []).filter((a) => a?.name?.trim());
  return rows.length === 0 ? 0 : rows.reduce((n, a) => n * (a.values?.length ?? 0), 1);
}

function AttributesTags({ attributes }: { attributes: Attributes }) {
  return (
    <Flex vertical gap={4}>
      {Object.entries(attributes).map(([name, values]) => (
        <Flex key={name} gap={4} wrap align="center">
          <Typography.Text type="secondary" style={{ minWidth: 48 }}>
            {name}
          </Typography.Text>
          {values.map((v) => (
            <Tag key={v} style={{ marginInlineEnd: 0 }}>
              {v}
            </Tag>
          ))}
        </Flex>
      ))}
    </Flex>
  );
}

function TemplateDrawer({ template, onClose, onSaved }: { template: VariantTemplate | 'new' | null; onClose(): void; onSaved(saved: VariantTemplate): void }) {
  const t = useVariantsT();
  const [form] = Form.useForm<TemplateForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const editing = template && template !== 'new' ? template : null;
  const common = useTranslation().t;
  const attributes = Form.useWatch('attributes', form);
  const count = countCombinations(attributes);

  const submit = (v: TemplateForm) =>
    withSaving(
      setSaving,
      async () => {
        const body = {
          name: v.name.trim(),
          attributes: Object.fromEntries(v.attributes.map((a) => [a.name!.trim(), (a.values ?? []).map((x) => x.trim()).filter(Boolean)])),
        };
        const saved = editing ? await api.put<VariantTemplate>(`/variant-templates/${editing.id}`, body) : await api.post<VariantTemplate>('/variant-templates', body);
        onSaved(saved);
      },
      (error) => reportError(error, form),
    );

  const initialValues: TemplateForm = editing
    ? { name: editing.name, attributes: Object.entries(editing.attributes).map(([name, values]) => ({ name, values })) }
    : { name: '', attributes: [{ name: '', values: [] }] };

  return (
    <FormDrawer
      open={template !== null}
      title={editing ? t('variants.editTitle', { name: editing.name }) : t('variants.createTitle')}
      form={form}
      saving={saving}
      onClose={onClose}
      size={560}
      testId="template-drawer"
      submitTestId="template-submit"
      extraFooter={<Typography.Text type="secondary" data-testid="template-count">{t('variants.combinationsCount', { count })}</Typography.Text>}
    >
      <Form<TemplateForm> form={form} name="variantTemplate" layout="vertical" onFinish={submit} initialValues={initialValues}>
        <Form.Item name="name" label={t('variants.name')} rules={[{ required: true, whitespace: true, message: common('common.required', { field: t('variants.name') }) }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Typography.Text strong>{t('variants.attributes')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }}>
          {t('variants.attributesHelp')}
        </Typography.Paragraph>
        <Form.List name="attributes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'name']}
                    style={{ width: 130, marginBottom: 12 }}
                    rules={[
                      { required: true, whitespace: true, message: t('variants.attributeRequired') },
                      {
                        validator: async (_, value: string | undefined) => {
                          const names = (form.getFieldValue('attributes') as TemplateForm['attributes']).map((a) => a?.name?.trim());
                          if (value?.trim() && names.filter((n) => n === value.trim()).length > 1) throw new Error(t('variants.attributeDuplicate'));
                        },
                      },
                    ]}
                  >
                    <Input placeholder={t('variants.attributePlaceholder')} maxLength={32} aria-label={`${t('variants.attribute')} ${index + 1}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'values']} style={{ flex: 1, marginBottom: 12 }} rules={[{ required: true, type: 'array', min: 1, message: t('variants.valuesRequired') }]}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ', '、']} placeholder={t('variants.valuesPlaceholder')} aria-label={`${t('variants.values')} ${index + 1}`} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label="remove" />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= MAX_ATTRIBUTES} onClick={() => add({ name: '', values: [] })} block>
                {t('variants.addAttribute')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

function GenerateDrawer({ template, onClose, onGenerated }: { template: VariantTemplate | null; onClose(): void; onGenerated(products: GeneratedProduct[]): void }) {
  const t = useVariantsT();
  const [form] = Form.useForm<GenerateForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const categories = useCategoryTree();
  const taxRates = useTaxRates();
  const submit = (v: GenerateForm) =>
    withSaving(
      setSaving,
      async () => {
        const result = await api.post<{ items: GeneratedProduct[] }>(`/variant-templates/${template!.id}/generate`, {
          baseSku: v.baseSku.trim(),
          baseName: v.baseName.trim(),
          unit: v.unit.trim(),
          price: fenOf(v.price),
          ...(v.memberPrice != null ? { memberPrice: fenOf(v.memberPrice) } : {}),
          taxRate: bpOf(v.taxRate),
          ...(v.categoryId ? { categoryId: v.categoryId } : {}),
          ...(v.brand?.trim() ? { brand: v.brand.trim() } : {}),
          ...(v.spec?.trim() ? { spec: v.spec.trim() } : {}),
        });
        onGenerated(result.items);
      },
      (error) => reportError(error, form),
    );
  const common = useTranslation().t;
  const required = (field: string) => [{ required: true, whitespace: true, message: common('common.required', { field }) }];
  return (
    <FormDrawer
      open={template !== null}
      title={template ? t('variants.generateTitle', { name: template.name }) : ''}
      form={form}
      saving={saving}
      onClose={onClose}
      size={520}
      testId="generate-drawer"
      submitTestId="generate-submit"
      submitText={t('variants.generate')}
    >
      {template && !(taxRates.loading && !taxRates.data) ? (
        <Form<GenerateForm> form={form} name="generateVariants" layout="vertical" onFinish={submit} initialValues={{ unit: '件', taxRate: taxRates.defaultPercent, baseName: template.name }}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('variants.generateHelp', { count: template.combinations })} />
          <Flex gap={12}>
            <Form.Item name="baseSku" label={t('variants.baseSku')} rules={required(t('variants.baseSku'))} style={{ flex: 1 }}>
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
            <Form.Item name="unit" label={t('variants.unit')} rules={required(t('variants.unit'))} style={{ width: 110 }}>
              <Input maxLength={16} />
            </Form.Item>
          </Flex>
          <Form.Item name="baseName" label={t('variants.baseName')} rules={required(t('variants.baseName'))}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="price" label={t('variants.price')} rules={[{ required: true, message: common('common.required', { field: t('variants.price') }) }]} style={{ flex: 1 }}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="memberPrice" label={t('variants.memberPrice')} style={{ flex: 1 }}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="taxRate" label={t('variants.taxRate')} style={{ width: 110 }}>
              <Select popupMatchSelectWidth={false} options={taxRates.options()} />
            </Form.Item>
          </Flex>
          <Form.Item name="categoryId" label={t('variants.category')}>
            <TreeSelect allowClear treeData={categories.treeData} treeDefaultExpandAll />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="brand" label={t('variants.brand')} style={{ flex: 1 }}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="spec" label={t('variants.spec')} style={{ flex: 1 }}>
              <Input maxLength={100} />
            </Form.Item>
          </Flex>
        </Form>
      ) : null}
    </FormDrawer>
  );
}

function GeneratedModal({ products, onClose, t }: { products: GeneratedProduct[] | null; onClose(): void; t: VariantsT }) {
  return (
    <Modal open={products !== null} title={t('variants.generated', { count: products?.length ?? 0 })} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} width={640}>
      <Table<GeneratedProduct>
        data-testid="generated-products"
        rowKey="id"
        size="small"
        pagination={products && products.length > 10 ? { pageSize: 10 } : false}
        dataSource={products ?? []}
        columns={[
          { title: t('variants.sku'), dataIndex: 'sku', render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
          { title: t('variants.productName'), dataIndex: 'name' },
          { title: t('variants.price'), dataIndex: 'price', align: 'right', render: (fen: number) => formatMoney(fen) },
        ]}
      />
    </Modal>
  );
}

export default function VariantTemplatesPage() {
  const t = useVariantsT();
  const common = useTranslation().t;
  const { can } = useSession();
  const { message } = App.useApp();
  const manage = can('catalog.manage');
  const templates = useRemote((signal) => api.get<{ items: VariantTemplate[] }>('/variant-templates', { signal }), []);
  const [editing, setEditing] = useState<VariantTemplate | 'new' | null>(null);
  const [generating, setGenerating] = useState<VariantTemplate | null>(null);
  const [generated, setGenerated] = useState<GeneratedProduct[] | null>(null);

  const columns: TableColumnsType<VariantTemplate> = [
    { title: t('variants.name'), dataIndex: 'name', width: 200, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('variants.attributes'), dataIndex: 'attributes', render: (a: Attributes) => <AttributesTags attributes={a} /> },
    { title: t('variants.combinations'), dataIndex: 'combinations', align: 'right', width: 100 },
    { title: t('variants.createdAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => <Typography.Text type="secondary">{formatDateTime(v)}</Typography.Text> },
    ...(manage
      ? [
          {
            title: '',
            key: 'actions',
            width: 220,
            render: (_: unknown, row: VariantTemplate) => (
              <Flex gap={4}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(row)}>
                  {common('common.edit')}
                </Button>
                <Button size="small" type="link" icon={<ThunderboltOutlined />} onClick={() => setGenerating(row)} data-testid={`generate-${row.name}`}>
                  {t('variants.generate')}
                </Button>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('variants.title')}
        subtitle={t('variants.subtitle')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-template">
              {t('variants.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        {templates.error ? <LoadError error={templates.error} onRetry={templates.reload} /> : null}
        <Table<VariantTemplate>
          data-testid="templates-table"
          rowKey="id"
          loading={templates.loading}
          columns={columns}
          dataSource={templates.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('variants.empty')} /> }}
        />
      </Card>
      <TemplateDrawer
        template={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          void message.success(editing === 'new' ? t('variants.created', { name: saved.name }) : t('variants.saved'));
          setEditing(null);
          templates.reload();
        }}
      />
      <GenerateDrawer
        template={generating}
        onClose={() => setGenerating(null)}
        onGenerated={(products) => {
          setGenerating(null);
          setGenerated(products);
        }}
      />
      <GeneratedModal products={generated} onClose={() => setGenerated(null)} t={t} />
    </>
  );
}
