// 入库单: goods receipts with batches and expiry (POST /inventory/receipts), listed from the
// posted documents of the store.
import { DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
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
import { LinesEditor, productColumn, qtyColumn } from '../../components/LinesEditor';
import { useStoreId } from '../../components/stockUi';
import { fenOf, thousandthsOf } from '../../components/units';
import { useRemote } from '../../components/useRemote';
import { DocumentListPage } from './DocumentListPage';

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
        <LinesEditor
          tableTestId="receipt-lines"
          addTestId="receipt-add-line"
          removeLabel={t('common.delete')}
          columns={[
            productColumn(t, { width: 260, id: (field) => `receipt_lines_${field.name}_productId` }),
            qtyColumn(t, 110),
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
          ]}
        />
      </Form>
    </FormDrawer>
  );
}

export default function ReceiptsPage() {
  return <DocumentListPage i18nPrefix="receipts" type="receipt" permission="stock.receive" tableTestId="receipts-table" newTestId="new-receipt" CreateDrawer={ReceiptDrawer} />;
}
