// 销售流水: the till's documents (sales, returns, exchanges, voids) with server-side paging and
// filters, the printed receipt in a drawer, and the sales flagged for review with its review step.
import { CheckOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, DatePicker, Drawer, Flex, Form, Input, Modal, Segmented, Select, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SALE_FLAG_STATUSES, SALE_KINDS, type SaleFlagStatus, type SaleKind, type SalesJournalItem } from '../../../../contracts/sales-journal';
import type { SALES_SORTS } from '../../../../contracts/sales';
import { useSalesT } from '../../i18n/sales';
import { api, apiUrl } from '../../../shared/api';
import { formatDate, formatDateTime, formatMoney, shortId } from '../../../shared/format';
import type { Page, Register, User } from '../../../shared/types';
import { LoadError, useReportError } from '../../components/feedback';
import { withSaving } from '../../components/FormDrawer';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../components/usePaging';
import { useRemote } from '../../components/useRemote';
import { useMe, useSession } from '../../session/session';
import { DocumentDrawer } from '../DocumentsPage';
import { useSearchParams } from 'react-router-dom';

const ALL = '';
const KIND_COLORS: Record<SaleKind, string> = { sale: 'green', return: 'orange', exchange: 'blue', void: 'red' };


interface ReviewItem {
  documentId: string;
  flagNo: number;
  number: string;
  registerId: string;
  businessDate: string;
  postedAt: string;
  offline: boolean;
  lineNo: number;
  kind: string;
  detail: Record<string, unknown>;
  review: { reviewedAt: string; reviewer: string | null; note: string } | null;
}

const flagKey = (row: Pick<ReviewItem, 'documentId' | 'flagNo'>) => `${row.documentId}:${row.flagNo}`;

export function KindTag({ kind }: { kind: string }) {
  const t = useSalesT();
  const known = (SALE_KINDS as readonly string[]).includes(kind);
  return <Tag color={known ? KIND_COLORS[kind as SaleKind] : 'default'}>{known ? t(`salesJournal.kinds.${kind as SaleKind}`) : kind}</Tag>;
}

/** The receipt as the server prints it (HTML for 80 mm paper), framed so it looks like paper. */
export function ReceiptDrawer({ sale, onClose, onOpenDocument }: { sale: { documentId: string; number: string } | null; onClose(): void; onOpenDocument?(id: string): void }) {
  const t = useSalesT();
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Drawer
      title={sale ? t('salesJournal.receiptTitle', { number: sale.number }) : ''}
      open={sale !== null}
      onClose={onClose}
      size={460}
      destroyOnHidden
      data-testid="receipt-drawer"
      extra={
        <Flex gap={8}>
          {sale && onOpenDocument ? <Button onClick={() => onOpenDocument(sale.documentId)}>{t('salesJournal.openDocument')}</Button> : null}
          <Button icon={<PrinterOutlined />} onClick={() => frame.current?.contentWindow?.print()}>
            {t('salesJournal.print')}
          </Button>
        </Flex>
      }
      styles={{ body: { background: '#eef1f4', display: 'flex', justifyContent: 'center', padding: 24 } }}
    >
      {sale ? (
        <iframe
          ref={frame}
          title={sale.number}
          data-testid="receipt-frame"
          src={apiUrl(`/sales/${sale.documentId}/receipt.html`, { width: 80 })}
          style={{ width: 340, height: '100%', minHeight: 640, border: 0, background: '#fff', boxShadow: '0 4px 18px rgba(15,23,42,0.15)', borderRadius: 4 }}
        />
      ) : null}
    </Drawer>
  );
}

function ReviewTable({ storeId, canResolve, onOpen, onReviewed }: { storeId: string; canResolve: boolean; onOpen(item: { documentId: string; number: string }): void; onReviewed(): void }) {
  const t = useSalesT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [status, setStatus] = useState<SaleFlagStatus>('open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<ReviewItem[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const review = useRemote(
    (signal) => (storeId ? api.get<Page<ReviewItem>>('/sales/review', { signal, query: { storeId, status, ...paging } }) : Promise.resolve({ items: [], total: 0 })),
    [storeId, status, paging.page, paging.pageSize],
  );
  useEffect(() => setSelected([]), [storeId, status, review.data]);

  const markReviewed = (values: { note?: string }) =>
    withSaving(
      setSaving,
      async () => {
        const flags = selected.map((row) => ({ documentId: row.documentId, flagNo: row.flagNo }));
        await api.post('/sales/review', { storeId, flags, note: values.note?.trim() ?? '' });
        setConfirming(false);
        form.resetFields();
        void message.success(t('salesJournal.reviewDone', { count: flags.length }));
        review.reload();
        onReviewed();
      },
      (error) => reportError(error, form),
    );

  const columns: TableColumnsType<ReviewItem> = [
    { title: t('salesJournal.number'), dataIndex: 'number', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
    { title: t('salesJournal.businessDate'), dataIndex: 'businessDate', width: 120, render: formatDate },
    {
      title: t('salesJournal.reviewKind'),
      dataIndex: 'kind',
      render: (kind: string, row) => (
        <Flex gap={6}>
          <Tag color="warning" icon={<WarningOutlined />}>
            {t(`salesJournal.reviewKinds.${kind as 'price_differs'}`, { defaultValue: kind })}
          </Tag>
          {row.offline ? <Tag>{t('salesJournal.offline')}</Tag> : null}
        </Flex>
      ),
    },
    { title: '#', dataIndex: 'lineNo', width: 56, render: (n: number) => (n ? n : '—') },
    {
      title: t('salesJournal.reviewDetail'),
      dataIndex: 'detail',
      render: (detail: Record<string, unknown>) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {Object.entries(detail)
            .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
            .join(' · ')}
        </Typography.Text>
      ),
    },
    { title: t('salesJournal.postedAt'), dataIndex: 'postedAt', width: 170, render: formatDateTime },
    ...(status === 'open'
      ? []
      : ([
          {
            title: t('salesJournal.reviewed'),
            dataIndex: 'review',
            render: (r: ReviewItem['review']) =>
              r ? (
                <Flex vertical>
                  <Typography.Text>
                    <CheckOutlined style={{ color: '#16a34a' }} /> {r.reviewer ?? '—'} · {formatDateTime(r.reviewedAt)}
                  </Typography.Text>
                  {r.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text> : null}
                </Flex>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ] as TableColumnsType<ReviewItem>)),
  ];
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Segmented<SaleFlagStatus>
          data-testid="review-status"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={SALE_FLAG_STATUSES.map((value) => ({ value, label: t(`salesJournal.reviewStatus.${value}`) }))}
        />
        {canResolve && status !== 'reviewed' ? (
          <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} onClick={() => setConfirming(true)} data-testid="mark-reviewed">
            {t('salesJournal.markReviewed', { count: selected.length })}
          </Button>
        ) : null}
      </Flex>
      {review.error ? <LoadError error={review.error} onRetry={review.reload} /> : null}
      <Table<ReviewItem>
        rowKey={flagKey}
        size="middle"
        data-testid="review-table"
        columns={columns}
        dataSource={review.data?.items ?? []}
        loading={review.loading}
        rowSelection={
          canResolve && status !== 'reviewed'
            ? {
                selectedRowKeys: selected.map(flagKey),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (row) => ({ disabled: row.review !== null }),
              }
            : undefined
        }
        // A click on a row opens its receipt, except on the checkbox that selects it.
        onRow={(row) => ({ onClick: (event) => !(event.target as HTMLElement).closest('.ant-table-selection-column') && onOpen(row), style: { cursor: 'pointer' } })}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: review.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? paging.pageSize })}
      />
      <Modal
        title={t('salesJournal.markReviewedTitle', { count: selected.length })}
        open={confirming}
        onCancel={() => setConfirming(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okText={t('salesJournal.markReviewedOk')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={markReviewed}>
          <Form.Item name="note" label={t('salesJournal.reviewNote')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('salesJournal.reviewNotePlaceholder')} data-testid="review-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function SalesPage() {
  const [params] = useSearchParams();
  const t = useSalesT();
  const me = useMe();
  const { storeName, currentStore, can } = useSession();
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof SALES_SORTS)[number]>(20, '-businessDate');
  const [storeId, setStoreId] = useState<string>(currentStore?.id ?? ALL);
  useEffect(() => {
    if (currentStore) {
      setStoreId(currentStore.id);
      first();
    }
  }, [currentStore?.id]);
  const [registerId, setRegisterId] = useState(ALL);
  const [kind, setKind] = useState(ALL);
  const [cashierId, setCashierId] = useState(ALL);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [number, setNumber] = useState('');
  const [receipt, setReceipt] = useState<{ documentId: string; number: string } | null>(null);
  const [documentId, setDocumentId] = useState<string | null>(null);
  const resetPage = first;

  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const query = { storeId, registerId, kind, cashierId, from, to, number: number.trim(), sort, page: paging.page, pageSize: paging.pageSize };
  const journal = useRemote(
    (signal) => api.get<Page<SalesJournalItem>>('/sales', { signal, query }),
    [storeId, registerId, kind, cashierId, from, to, number, sort, paging.page, paging.pageSize],
  );
  const registers = useRemote(
    (signal) => (storeId ? api.get<Page<Register>>('/registers', { signal, query: { storeId, pageSize: 200 } }) : Promise.resolve({ items: [], total: 0 })),
    [storeId],
  );
  const users = useRemote(
    (signal) => (can('users.manage') ? api.get<Page<User>>('/users', { signal, query: { pageSize: 500 } }) : Promise.resolve({ items: [], total: 0 })),
    [],
  );
  const reviewCount = useRemote(
    (signal) =>
      storeId && can('sales.review') ? api.get<Page<ReviewItem>>('/sales/review', { signal, query: { storeId, pageSize: 1 } }) : Promise.resolve({ items: [], total: 0 }),
    [storeId],
  );
  // Without users.manage the cashier filter offers who appears in the journal so far.
  const cashierOptions = useMemo(() => {
    const byId = new Map<string, string>();
    for (const user of users.data?.items ?? []) byId.set(user.id, user.displayName);
    for (const row of journal.data?.items ?? []) if (!byId.has(row.cashierId)) byId.set(row.cashierId, row.cashierName ?? shortId(row.cashierId));
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [users.data, journal.data]);

  const columns: TableColumnsType<SalesJournalItem> = [
    {
      title: t('salesJournal.number'),
      dataIndex: 'number',
      ...sortable('number'),
      render: (value: string, row) => (
        <Flex gap={6} align="center">
          <Typography.Link style={{ whiteSpace: 'nowrap' }}>{value}</Typography.Link>
          {row.offline ? <Tag bordered={false}>{t('salesJournal.offline')}</Tag> : null}
          {row.flags > 0 ? (
            <Tooltip title={t('salesJournal.flags')}>
              <Badge count={row.flags} color="orange" size="small" />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    { title: t('salesJournal.kind'), dataIndex: 'kind', width: 90, render: (value: string) => <KindTag kind={value} /> },
    { title: t('salesJournal.store'), dataIndex: 'storeId', render: (id: string) => storeName(id) ?? shortId(id) },
    { title: t('salesJournal.register'), dataIndex: 'registerCode', width: 100, render: (code: string | null, row) => code ?? shortId(row.registerId) },
    { title: t('salesJournal.cashier'), dataIndex: 'cashierName', render: (name: string | null) => name ?? '—' },
    { title: t('salesJournal.businessDate'), dataIndex: 'businessDate', width: 120, ...sortable('businessDate'), render: formatDate },
    {
      title: t('salesJournal.postedAt'),
      dataIndex: 'postedAt',
      width: 170,
      ...sortable('postedAt'),
      render: (value: string) => <Typography.Text type="secondary">{formatDateTime(value)}</Typography.Text>,
    },
    {
      title: t('salesJournal.original'),
      dataIndex: 'originalNumber',
      render: (value: string | null, row) =>
        value && row.originalDocumentId ? (
          <Typography.Link
            style={{ whiteSpace: 'nowrap' }}
            onClick={(event) => {
              event.stopPropagation();
              setReceipt({ documentId: row.originalDocumentId as string, number: value });
            }}
          >
            {value}
          </Typography.Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('salesJournal.due'),
      dataIndex: 'due',
      align: 'right',
      width: 120,
      ...sortable('due'),
      render: (fen: number) => (
        <Typography.Text strong type={fen < 0 ? 'danger' : undefined}>
          {formatMoney(fen)}
        </Typography.Text>
      ),
    },
  ];

  const filters = (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Select
        aria-label={t('salesJournal.store')}
        value={storeId}
        style={{ width: 180 }}
        onChange={(value) => {
          setStoreId(value);
          setRegisterId(ALL);
          resetPage();
        }}
        options={[{ value: ALL, label: t('salesJournal.allStores') }, ...me.stores.map((store) => ({ value: store.id, label: store.name }))]}
      />
      <Select
        aria-label={t('salesJournal.register')}
        value={registerId}
        disabled={!storeId}
        style={{ width: 150 }}
        onChange={(value) => {
          setRegisterId(value);
          resetPage();
        }}
        options={[
          { value: ALL, label: t('salesJournal.allRegisters') },
          ...(registers.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.code} · ${r.name}` })),
        ]}
      />
      <Select
        aria-label={t('salesJournal.kind')}
        data-testid="sales-kind"
        value={kind}
        style={{ width: 130 }}
        onChange={(value) => {
          setKind(value);
          resetPage();
        }}
        options={[{ value: ALL, label: t('salesJournal.allKinds') }, ...SALE_KINDS.map((value) => ({ value, label: t(`salesJournal.kinds.${value}`) }))]}
      />
      <Select
        aria-label={t('salesJournal.cashier')}
        value={cashierId}
        style={{ width: 150 }}
        onChange={(value) => {
          setCashierId(value);
          resetPage();
        }}
        options={[{ value: ALL, label: t('salesJournal.allCashiers') }, ...cashierOptions]}
      />
      <DatePicker.RangePicker
        value={range}
        allowEmpty={[true, true]}
        onChange={(value) => {
          setRange(value);
          resetPage();
        }}
      />
      <Input.Search
        allowClear
        placeholder={t('salesJournal.numberPlaceholder')}
        style={{ width: 220 }}
        data-testid="sales-number"
        onSearch={(value) => {
          setNumber(value);
          resetPage();
        }}
      />
      <ExportButton path="/sales" query={query} testId="sales-export" />
    </Flex>
  );

  const journalTab = (
    <>
      {filters}
      {journal.error ? <LoadError error={journal.error} onRetry={journal.reload} /> : null}
      <Table<SalesJournalItem>
        rowKey="documentId"
        size="middle"
        data-testid="sales-table"
        columns={columns}
        dataSource={journal.data?.items ?? []}
        loading={journal.loading}
        onRow={(row) => ({ onClick: () => setReceipt(row), style: { cursor: 'pointer' } })}
        pagination={pagination(journal.data?.total)}
        onChange={onChange}
      />
    </>
  );

  return (
    <>
      <PageHeader title={t('salesJournal.title')} subtitle={t('salesJournal.subtitle')} />
      <Card styles={{ body: { paddingTop: 8 } }}>
        {can('sales.review') && storeId ? (
          <Tabs
            // The dashboard's "offline sales to review" opens /sales?tab=review.
            defaultActiveKey={params.get('tab') === 'review' ? 'review' : 'journal'}
            items={[
              { key: 'journal', label: t('salesJournal.tabJournal'), children: journalTab },
              {
                key: 'review',
                label: <span data-testid="review-tab">{t('salesJournal.tabReview', { count: reviewCount.data?.total ?? 0 })}</span>,
                children: <ReviewTable storeId={storeId} canResolve={can('sales.review_resolve')} onOpen={setReceipt} onReviewed={reviewCount.reload} />,
              },
            ]}
          />
        ) : (
          <div style={{ paddingTop: 8 }}>{journalTab}</div>
        )}
      </Card>
      <ReceiptDrawer sale={receipt} onClose={() => setReceipt(null)} onOpenDocument={can('documents.read') ? setDocumentId : undefined} />
      <DocumentDrawer documentId={documentId} onClose={() => setDocumentId(null)} />
    </>
  );
}
