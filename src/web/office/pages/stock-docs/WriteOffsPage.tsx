// 报损 / 出库: write-offs with a reason (POST /inventory/write-offs); batches are picked FEFO.
import { Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WRITE_OFF_REASONS } from '../../../../contracts/inventory';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { api } from '../../../shared/api';
import type { DocumentSummary } from '../../../shared/types';
import { useReportError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { LinesEditor, productColumn, qtyColumn } from '../../components/LinesEditor';
import { useStoreId } from '../../components/stockUi';
import { thousandthsOf } from '../../components/units';
import { DocumentListPage } from './DocumentListPage';

interface WriteOffForm {
  reason: (typeof WRITE_OFF_REASONS)[number];
  memo?: string;
  lines: { productId?: string; qty?: number }[];
}

function WriteOffDrawer({ open, onClose, onPosted }: { open: boolean; onClose(): void; onPosted(doc: DocumentSummary): void }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [form] = Form.useForm<WriteOffForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();

  const submit = (values: WriteOffForm) =>
    withSaving(
      setSaving,
      async () =>
        onPosted(
          await api.post<DocumentSummary>('/inventory/write-offs', {
            id: uuidv7(),
            storeId,
            reason: values.reason,
            memo: values.memo?.trim() || undefined,
            lines: values.lines.map((line) => ({ productId: line.productId, qty: thousandthsOf(line.qty) })),
          }),
        ),
      (error) => reportError(error, form),
    );

  return (
    <FormDrawer open={open} title={t('writeOffs.createTitle')} form={form} saving={saving} onClose={onClose} size={720} submitText={t('writeOffs.post')}>
      <Form<WriteOffForm> form={form} name="writeOff" layout="vertical" onFinish={submit} initialValues={{ reason: 'damaged', lines: [{}] }}>
        <Flex gap={16}>
          <Form.Item name="reason" label={t('writeOffs.reason')} style={{ width: 200 }}>
            <Select options={WRITE_OFF_REASONS.map((value) => ({ value, label: t(`writeOffs.reasons.${value}`) }))} />
          </Form.Item>
          <Form.Item name="memo" label={t('documents.memo')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <LinesEditor columns={[productColumn(t, { width: 320 }), qtyColumn(t, 140)]} />
      </Form>
    </FormDrawer>
  );
}

export default function WriteOffsPage() {
  return <DocumentListPage i18nPrefix="writeOffs" type="write_off" permission="stock.writeoff" tableTestId="write-offs-table" CreateDrawer={WriteOffDrawer} />;
}
