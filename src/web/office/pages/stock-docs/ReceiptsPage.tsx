// 入库单: goods receipts with batches and expiry (POST /inventory/receipts), listed from the
// posted documents of the store.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { api } from '../../../shared/api';
import { formatMoney } from '../../../shared/format';
import type { Supplier } from '../../../shared/inventory-types';
import type { DocumentSummary, Page } from '../../../shared/types';
import { useReportError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { ProductSelect } from '../../components/ProductSelect';
import { useStoreId } from '../../components/stockUi';
import { fenOf, thousandthsOf } from '../../components/units';
import { useRemote } from '../../components/useRemote';
import { useSession } from '../../session/session';
import { DocumentList } from './DocumentList';

interface LineForm {
  productId?: string;
  qty?: number;
  unitCost?: number;
  batch?: { lot?: string; productionDate?: Dayjs | null; expiryDate?: Dayjs | null };
}

interface ReceiptForm {
  supplierId?: string;
  reference?: string;
  lines: LineForm[];
}

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);

export function toReceiptLine(line: LineForm) {
  const lot = line.batch?.lot?.trim();
  return {
    productId: line.productId,
    qty: thousandthsOf(line.qty),
    unitCost: fenOf(line.unitCost),
    ...(lot ? { batch: { lot, productionDate: day(line.batch?.productionDate), expiryDate: day(line.batch?.expiryDate) } } : {}),
  };
}

function ReceiptDrawer({ open, onClose, onPosted }: { open: boolean; onClose(): void; onPosted(doc: DocumentSummary): void }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [form] = Form.useForm<ReceiptForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const suppliers = useRemote((signal) => api.get<Page<Supplier>>('/suppliers', { signal, query: { pageSize: 200 } }), []);
  const lines = Form.useWatch('lines', form) ?? [];
  const total = lines.reduce((sum, line) => sum + Math.round((thousandthsOf(line?.qty) * fenOf(line?.unitCost)) / 1000), 0);

  const submit = (values: ReceiptForm) =>
    withSaving(
      setSaving,
      async () => {
        const doc = await api.post<DocumentSummary>('/inventory/receipts', {
          id: uuidv7(),
          storeId,
          supplierId: values.supplierId,
          reference: values.reference?.trim() || undefined,
          lines: values.lines.map(toReceiptLine),
        });
        onPosted(doc);
      },
      (error) => reportError(error, form),
    );

  return (
    <FormDrawer
      open={open}
      title={t('receipts.createTitle')}
      form={form}
      saving={saving}
      onClose={onClose}
      size={1040}
      submitText={t('receipts.post')}
      submitTestId="receipt-submit"
      extraFooter={
        <Typography.Text>
          {t('receipts.total')}：<Typography.Text strong data-testid="receipt-total">{formatMoney(total)}</Typography.Text>
        </Typography.Text>
      }
    >
      <Form<ReceiptForm> form={form} name="receipt" layout="vertical" onFinish={submit} initialValues={{ lines: [{}] }}>
        <Flex gap={16}>
          <Form.Item name="supplierId" label={t('receipts.supplier')} style={{ flex: 1 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={suppliers.loading}
              options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
            />
          </Form.Item>
          <Form.Item name="reference" label={t('receipts.reference')} style={{ flex: 1 }}>
            <Input placeholder={t('receipts.referencePlaceholder')} />
          </Form.Item>
        </Flex>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                data-testid="receipt-lines"
                columns={[
                  {
                    title: t('common.product'),
                    key: 'product',
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'productId']} rules={[{ required: true, message: t('common.selectRequired', { field: t('common.product') }) }]} style={{ margin: 0 }}>
                        <ProductSelect style={{ width: 260 }} id={`receipt_lines_${field.name}_productId`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('receipts.qty'),
                    key: 'qty',
                    width: 110,
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'qty']} rules={[{ required: true, message: t('common.required', { field: t('receipts.qty') }) }]} style={{ margin: 0 }}>
                        <InputNumber min={0.001} precision={3} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('receipts.unitCost'),
                    key: 'unitCost',
                    width: 120,
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'unitCost']} rules={[{ required: true, message: t('common.required', { field: t('receipts.unitCost') }) }]} style={{ margin: 0 }}>
                        <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('receipts.lot'),
                    key: 'lot',
                    width: 130,
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'batch', 'lot']} style={{ margin: 0 }}>
                        <Input placeholder={t('receipts.lotPlaceholder')} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('receipts.productionDate'),
                    key: 'productionDate',
                    width: 140,
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'batch', 'productionDate']} style={{ margin: 0 }}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('receipts.expiryDate'),
                    key: 'expiryDate',
                    width: 140,
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'batch', 'expiryDate']} style={{ margin: 0 }}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'remove',
                    width: 40,
                    render: (_, field) => (
                      <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                    ),
                  },
                ]}
              />
              <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({})} style={{ marginTop: 12 }} data-testid="receipt-add-line">
                {t('receipts.addLine')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

export default function ReceiptsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <PageHeader
        title={t('receipts.title')}
        subtitle={t('receipts.subtitle')}
        extra={
          can('stock.receive') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-receipt">
              {t('receipts.new')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <DocumentList key={generation} type="receipt" testId="receipts-table" />
      </Card>
      <ReceiptDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onPosted={(doc) => {
          setCreating(false);
          void message.success(t('receipts.posted', { number: doc.number }));
          setGeneration((g) => g + 1);
        }}
      />
    </>
  );
}
