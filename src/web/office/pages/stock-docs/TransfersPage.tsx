// 调拨单: ship to another store, receive in parts, close what never arrives (docs/transfers-stocktakes.md).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSFER_STATUSES, type TRANSFER_SORTS } from '../../../../contracts/transfers';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { api } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/format';
import type { TransferDetail, TransferLine, TransferSummary } from '../../../shared/inventory-types';
import type { Page, Store } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, useReportError } from '../../components/feedback';
import { usePaging } from '../../components/usePaging';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { LinesEditor, productColumn, qtyColumn } from '../../components/LinesEditor';
import { moneyCell, qtyCell, StatusTag, useStoreId } from '../../components/stockUi';
import { thousandthsOf, unitsOf } from '../../components/units';
import { useRemote } from '../../components/useRemote';
import { useSession } from '../../session/session';

interface CloseForm {
  reason: string;
  /** A destination manager's login, when the user may not decide alone. */
  approverUsername?: string;
  approverPassword?: string;
}

interface ShipForm {
  toStoreId: string;
  memo?: string;
  lines: { productId?: string; qty?: number }[];
}

function ShipDrawer({ open, onClose, onShipped }: { open: boolean; onClose(): void; onShipped(): void }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [form] = Form.useForm<ShipForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const stores = useRemote((signal) => api.get<Page<Store>>('/stores', { signal, query: { pageSize: 500 } }), []);

  const submit = (values: ShipForm) =>
    withSaving(
      setSaving,
      async () => {
        await api.post('/transfers', {
          id: uuidv7(),
          fromStoreId: storeId,
          toStoreId: values.toStoreId,
          memo: values.memo?.trim() || undefined,
          lines: values.lines.map((line) => ({ productId: line.productId, qty: thousandthsOf(line.qty) })),
        });
        onShipped();
      },
      (error) => reportError(error, form),
    );

  return (
    <FormDrawer open={open} title={t('transfers.createTitle')} form={form} saving={saving} onClose={onClose} size={720} submitText={t('transfers.ship')} submitTestId="ship-submit">
      <Form<ShipForm> form={form} name="ship" layout="vertical" onFinish={submit} initialValues={{ lines: [{}] }}>
        <Flex gap={16}>
          <Form.Item name="toStoreId" label={t('transfers.to')} rules={[{ required: true, message: t('common.selectRequired', { field: t('transfers.to') }) }]} style={{ width: 260 }}>
            <Select
              loading={stores.loading}
              options={(stores.data?.items ?? []).filter((s) => s.id !== storeId).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
            />
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

function TransferDrawer({ transferId, onClose, onChanged }: { transferId: string | null; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const { storeName, can } = useSession();
  const storeId = useStoreId();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [receiveForm] = Form.useForm<{ qty: Record<string, number | null> }>();
  const [closing, setClosing] = useState(false);
  const [closeForm] = Form.useForm<CloseForm>();
  const [saving, setSaving] = useState(false);
  const detail = useRemote(
    (signal) => (transferId ? api.get<TransferDetail>(`/transfers/${transferId}`, { signal }) : Promise.resolve(undefined)),
    [transferId],
  );
  const transfer = detail.data;
  const open = transfer && (transfer.status === 'shipped' || transfer.status === 'partially_received');
  const canReceive = open && transfer.toStoreId === storeId && can('stock.transfer');

  const receive = async () => {
    if (!transfer) return;
    const values = receiveForm.getFieldsValue();
    const lines = transfer.lines
      .map((line) => ({ lineNo: line.lineNo, qty: thousandthsOf(values.qty?.[line.lineNo] ?? 0) }))
      .filter((line) => line.qty > 0);
    if (!lines.length) return void message.warning(t('transfers.nothingToReceive'));
    await withSaving(
      setSaving,
      async () => {
        await api.post(`/transfers/${transfer.id}/receipts`, { id: uuidv7(), lines });
        void message.success(t('transfers.received'));
        detail.reload();
        onChanged();
      },
      (error) => reportError(error),
    );
  };

  // Giving up on goods is a manager's decision: anyone else brings a destination manager's approval.
  const needsApproval = !can('approvals.grant');
  const close = (values: CloseForm) =>
    withSaving(
      setSaving,
      async () => {
        if (!transfer) return;
        const approvalToken = needsApproval
          ? (
              await api.post<{ approvalToken: string }>('/approvals', {
                action: 'transfer.close',
                storeId: transfer.toStoreId,
                username: values.approverUsername?.trim(),
                password: values.approverPassword,
              })
            ).approvalToken
          : undefined;
        await api.post(`/transfers/${transfer.id}/close`, { id: uuidv7(), reason: values.reason.trim(), approvalToken });
        setClosing(false);
        void message.success(t('transfers.closed'));
        detail.reload();
        onChanged();
      },
      (error) => reportError(error, closeForm),
    );

  const columns: TableColumnsType<TransferLine> = [
    { title: '#', dataIndex: 'lineNo', width: 44 },
    { title: t('common.product'), key: 'product', render: (_, l) => `${l.name} · ${l.sku}` },
    { title: t('stock.lot'), dataIndex: 'lot', width: 110, render: (lot: string | null) => lot ?? '—' },
    { title: t('transfers.qtyShipped'), dataIndex: 'qtyShipped', align: 'right', width: 100, render: (q: number, l) => qtyCell(q, l.unit) },
    { title: t('transfers.qtyReceived'), dataIndex: 'qtyReceived', align: 'right', width: 100, render: (q: number) => qtyCell(q) },
    { title: t('transfers.costValue'), dataIndex: 'costValue', align: 'right', width: 110, render: moneyCell },
  ];
  if (canReceive) {
    columns.push({
      title: t('transfers.receiveNow'),
      key: 'receive',
      width: 130,
      render: (_, l) => (
        <Form.Item name={['qty', l.lineNo]} style={{ margin: 0 }}>
          <InputNumber min={0} max={unitsOf(l.qtyShipped - l.qtyReceived)} precision={3} style={{ width: '100%' }} disabled={l.qtyShipped === l.qtyReceived} />
        </Form.Item>
      ),
    });
  }

  return (
    <Drawer title={t('transfers.detailTitle')} open={transferId !== null} onClose={onClose} size={960} destroyOnHidden>
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
      {!transfer ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('transfers.from')}>{storeName(transfer.fromStoreId) ?? transfer.fromStoreCode}</Descriptions.Item>
            <Descriptions.Item label={t('transfers.to')}>{storeName(transfer.toStoreId) ?? transfer.toStoreCode}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <StatusTag status={transfer.status} t={t} />
            </Descriptions.Item>
            <Descriptions.Item label={t('transfers.shippedAt')}>{formatDateTime(transfer.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('transfers.inTransitValue')}>{moneyCell(transfer.totals.inTransitValue)}</Descriptions.Item>
            <Descriptions.Item label={t('transfers.notReceivedValue')}>{moneyCell(transfer.totals.notReceivedValue)}</Descriptions.Item>
            {transfer.memo ? (
              <Descriptions.Item label={t('documents.memo')} span={2}>
                {transfer.memo}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Form form={receiveForm} component={false}>
            <Table<TransferLine> rowKey="lineNo" size="small" pagination={false} columns={columns} dataSource={transfer.lines} />
          </Form>
          {canReceive ? (
            <Flex gap={8} justify="flex-end">
              <Button danger onClick={() => setClosing(true)}>
                {t('transfers.close')}
              </Button>
              <Button
                onClick={() =>
                  receiveForm.setFieldsValue({ qty: Object.fromEntries(transfer.lines.map((l) => [l.lineNo, unitsOf(l.qtyShipped - l.qtyReceived) ?? 0])) })
                }
              >
                {t('transfers.fillRemaining')}
              </Button>
              <Button type="primary" loading={saving} onClick={receive} data-testid="transfer-receive">
                {t('transfers.receive')}
              </Button>
            </Flex>
          ) : null}
          <Card size="small" title={t('transfers.documents')}>
            {transfer.documents.map((d) => (
              <div key={d.id}>
                <Typography.Text strong>{d.number}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(d.postedAt)}</Typography.Text>
              </div>
            ))}
          </Card>
        </Flex>
      )}
      <Modal
        title={t('transfers.closeTitle')}
        open={closing}
        onCancel={() => setClosing(false)}
        onOk={() => closeForm.submit()}
        confirmLoading={saving}
        okButtonProps={{ danger: true }}
        okText={t('transfers.close')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('transfers.closeHelp')}</Typography.Paragraph>
        <Form form={closeForm} layout="vertical" onFinish={close}>
          <Form.Item name="reason" label={t('transfers.closeReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('transfers.closeReason') }) }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {needsApproval ? (
            <Flex gap={12}>
              <Form.Item name="approverUsername" label={t('transfers.approver')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('transfers.approver') }) }]} style={{ flex: 1 }}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="approverPassword" label={t('transfers.approverPassword')} rules={[{ required: true, message: t('common.required', { field: t('transfers.approverPassword') }) }]} style={{ flex: 1 }}>
                <Input.Password autoComplete="off" />
              </Form.Item>
            </Flex>
          ) : null}
        </Form>
      </Modal>
    </Drawer>
  );
}

export default function TransfersPage() {
  const { t } = useTranslation();
  const { can, storeName } = useSession();
  const storeId = useStoreId();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('');
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof TRANSFER_SORTS)[number]>(20, '-createdAt');
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const query = { storeId, status, sort, page: paging.page, pageSize: paging.pageSize };
  const transfers = useRemote((signal) => api.get<Page<TransferSummary>>('/transfers', { signal, query }), [storeId, status, sort, paging.page, paging.pageSize]);

  const columns: TableColumnsType<TransferSummary> = [
    { title: t('transfers.shippedAt'), dataIndex: 'createdAt', width: 130, ...sortable('createdAt'), render: formatDate },
    { title: t('transfers.direction'), key: 'dir', render: (_, tr) => (tr.fromStoreId === storeId ? t('transfers.outgoing') : t('transfers.incoming')) },
    { title: t('transfers.from'), dataIndex: 'fromStoreId', render: (id: string, tr) => storeName(id) ?? tr.fromStoreCode },
    { title: t('transfers.to'), dataIndex: 'toStoreId', render: (id: string, tr) => storeName(id) ?? tr.toStoreCode },
    { title: t('transfers.lines'), dataIndex: 'lineCount', align: 'right', width: 80 },
    { title: t('transfers.costValue'), key: 'value', align: 'right', width: 120, render: (_, tr) => moneyCell(tr.totals.costValue) },
    { title: t('transfers.inTransitValue'), key: 'transit', align: 'right', width: 120, render: (_, tr) => moneyCell(tr.totals.inTransitValue) },
    { title: t('common.status'), dataIndex: 'status', width: 110, ...sortable('status'), render: (s: string) => <StatusTag status={s} t={t} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('transfers.title')}
        subtitle={t('transfers.subtitle')}
        extra={
          <>
            <ExportButton path="/transfers" query={query} testId="transfers-export" />
            {can('stock.transfer') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-transfer">
                {t('transfers.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={12} style={{ marginBottom: 16 }}>
          <Select
            value={status}
            style={{ width: 160 }}
            onChange={(value) => {
              setStatus(value);
              first();
            }}
            options={[{ value: '', label: t('common.allStatuses') }, ...TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
        </Flex>
        {transfers.error ? <LoadError error={transfers.error} onRetry={transfers.reload} /> : null}
        <Table<TransferSummary>
          rowKey="id"
          size="middle"
          data-testid="transfers-table"
          columns={columns}
          dataSource={transfers.data?.items ?? []}
          loading={transfers.loading}
          onRow={(tr) => ({ onClick: () => setViewing(tr.id), style: { cursor: 'pointer' } })}
          pagination={pagination(transfers.data?.total)}
          onChange={onChange}
        />
      </Card>
      <ShipDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onShipped={() => {
          setCreating(false);
          void message.success(t('transfers.shipped'));
          transfers.reload();
        }}
      />
      <TransferDrawer transferId={viewing} onClose={() => setViewing(null)} onChanged={transfers.reload} />
    </>
  );
}
