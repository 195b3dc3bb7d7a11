// 报损 / 出库: write-offs with a reason (POST /inventory/write-offs); batches are picked FEFO.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WRITE_OFF_REASONS } from '../../../../contracts/inventory';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { api } from '../../../shared/api';
import type { DocumentSummary } from '../../../shared/types';
import { useReportError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { ProductSelect } from '../../components/ProductSelect';
import { useStoreId } from '../../components/stockUi';
import { thousandthsOf } from '../../components/units';
import { useSession } from '../../session/session';
import { DocumentList } from './DocumentList';

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
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                columns={[
                  {
                    title: t('common.product'),
                    key: 'product',
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'productId']} rules={[{ required: true, message: t('common.selectRequired', { field: t('common.product') }) }]} style={{ margin: 0 }}>
                        <ProductSelect style={{ width: 320 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('receipts.qty'),
                    key: 'qty',
                    width: 140,
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'qty']} rules={[{ required: true, message: t('common.required', { field: t('receipts.qty') }) }]} style={{ margin: 0 }}>
                        <InputNumber min={0.001} precision={3} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'remove',
                    width: 40,
                    render: (_, field) => <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} />,
                  },
                ]}
              />
              <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({})} style={{ marginTop: 12 }}>
                {t('receipts.addLine')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

export default function WriteOffsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <PageHeader
        title={t('writeOffs.title')}
        subtitle={t('writeOffs.subtitle')}
        extra={
          can('stock.writeoff') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('writeOffs.new')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <DocumentList key={generation} type="write_off" testId="write-offs-table" />
      </Card>
      <WriteOffDrawer
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
