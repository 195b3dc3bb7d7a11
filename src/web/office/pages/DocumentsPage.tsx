import { Card, Descriptions, Drawer, Empty, Flex, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DOCUMENT_SORT_FIELDS } from '../../../contracts/documents';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDate, formatDateTime, formatMoney, formatQuantity, shortId } from '../../shared/format';
import type { DocumentDetail, DocumentLine, DocumentSummary, JournalEntry, JournalLine, Page, StockMove } from '../../shared/types';
import { LoadError } from '../components/feedback';
import { ExportButton } from '../components/ExportButton';
import { documentTypeLabel } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { usePaging } from '../components/usePaging';
import { useRemote } from '../components/useRemote';
import { useMe, useSession } from '../session/session';
import zhCN from '../i18n/zh-CN';

const ALL = '';
const DOCUMENT_TYPES = Object.keys(zhCN.documents.types);

const money = (fen: number | undefined) => (typeof fen === 'number' ? formatMoney(fen) : '—');
const quantity = (thousandths: number | undefined) => (typeof thousandths === 'number' ? formatQuantity(thousandths) : '—');

function LinesTable({ lines }: { lines: DocumentLine[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<DocumentLine> = [
    { title: '#', dataIndex: 'lineNo', width: 48 },
    {
      title: t('documents.product'),
      key: 'product',
      render: (_, line) =>
        line.productId ? (
          (line.productName ?? shortId(line.productId))
        ) : line.account ? (
          <Typography.Text code>{line.account}</Typography.Text>
        ) : (
          '—'
        ),
    },
    // Account lines (journal documents) carry no quantity or price.
    { title: t('documents.qty'), dataIndex: 'qty', align: 'right', width: 100, render: (qty: number, line) => (line.productId ? quantity(qty) : '') },
    {
      title: t('documents.unitPrice'),
      dataIndex: 'unitPrice',
      align: 'right',
      width: 120,
      render: (fen: number, line) => (line.productId ? money(fen) : ''),
    },
    { title: t('documents.amount'), dataIndex: 'amount', align: 'right', width: 120, render: money },
  ];
  return <Table<DocumentLine> rowKey={(line) => String(line.lineNo)} size="small" columns={columns} dataSource={lines} pagination={false} />;
}

function MovesTable({ moves }: { moves: StockMove[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<StockMove> = [
    { title: t('documents.product'), dataIndex: 'productName', render: (name: string, move) => name || shortId(move.productId) },
    {
      title: t('documents.location'),
      dataIndex: 'locationId',
      render: (id: string) => <Typography.Text type="secondary">{shortId(id)}</Typography.Text>,
    },
    {
      title: t('documents.qty'),
      dataIndex: 'qty',
      align: 'right',
      width: 110,
      render: (qty: number) => <span style={{ color: qty < 0 ? '#dc2626' : '#16a34a' }}>{qty > 0 ? `+${formatQuantity(qty)}` : formatQuantity(qty)}</span>,
    },
    { title: t('documents.costValue'), dataIndex: 'costValue', align: 'right', width: 130, render: money },
  ];
  return (
    <Table<StockMove>
      rowKey={(move, index) => `${move.productId}:${move.locationId}:${index}`}
      size="small"
      columns={columns}
      dataSource={moves}
      pagination={false}
    />
  );
}

function JournalTable({ entry }: { entry: JournalEntry }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const debit = entry.lines.reduce((sum, line) => sum + line.debit, 0);
  const credit = entry.lines.reduce((sum, line) => sum + line.credit, 0);
  const columns: TableColumnsType<JournalLine> = [
    {
      title: t('documents.account'),
      key: 'account',
      render: (_, line) => (
        <span>
          <Typography.Text code>{line.account}</Typography.Text> {(english && line.accountNameEn) || line.accountName}
          {line.memo ? <Typography.Text type="secondary"> · {line.memo}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('documents.debit'), dataIndex: 'debit', align: 'right', width: 130, render: (fen: number) => (fen ? formatMoney(fen) : '') },
    { title: t('documents.credit'), dataIndex: 'credit', align: 'right', width: 130, render: (fen: number) => (fen ? formatMoney(fen) : '') },
  ];
  return (
    <Table<JournalLine>
      rowKey={(line, index) => `${line.account}:${index}`}
      size="small"
      columns={columns}
      dataSource={entry.lines}
      pagination={false}
      title={() => (
        <Typography.Text type="secondary">
          {t('documents.entry', { id: shortId(entry.entryId) })}
          {entry.memo ? ` · ${entry.memo}` : ''}
        </Typography.Text>
      )}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('documents.sum')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong>{formatMoney(debit)}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Typography.Text strong type={debit === credit ? undefined : 'danger'}>
              {formatMoney(credit)}
            </Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

export function DocumentDrawer({ documentId, onClose }: { documentId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { storeName } = useSession();
  const detail = useRemote(
    (signal) => (documentId ? api.get<DocumentDetail>(`/documents/${documentId}`, { signal }) : Promise.resolve(undefined)),
    [documentId],
  );
  const doc = detail.data;

  return (
    <Drawer
      title={doc ? t('documents.detailTitle', { number: doc.number }) : ''}
      open={documentId !== null}
      onClose={onClose}
      size={860}
      destroyOnHidden
      data-testid="document-drawer"
    >
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
      {!doc || detail.loading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 20 }}>
            <Descriptions.Item label={t('documents.number')}>
              <Typography.Text strong>{doc.number}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.type')}>
              <Tag color="blue">{documentTypeLabel(t, doc.type)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.store')}>{storeName(doc.storeId) ?? shortId(doc.storeId)}</Descriptions.Item>
            <Descriptions.Item label={t('documents.businessDate')}>{formatDate(doc.businessDate)}</Descriptions.Item>
            <Descriptions.Item label={t('documents.postedBy')}>{doc.postedByName}</Descriptions.Item>
            <Descriptions.Item label={t('documents.postedAt')}>{formatDateTime(doc.postedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('documents.total')}>
              <Typography.Text strong>{formatMoney(doc.total)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.clientId')}>
              <Typography.Text type="secondary" copyable={{ text: doc.clientId }} style={{ fontSize: 12 }}>
                {shortId(doc.clientId, 13)}
              </Typography.Text>
            </Descriptions.Item>
            {doc.memo ? (
              <Descriptions.Item label={t('documents.memo')} span={2}>
                {doc.memo}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'lines',
                label: `${t('documents.lines')} (${doc.lines.length})`,
                children: <LinesTable lines={doc.lines} />,
              },
              {
                key: 'moves',
                label: `${t('documents.moves')} (${doc.moves.length})`,
                children: <MovesTable moves={doc.moves} />,
              },
              {
                key: 'journal',
                label: `${t('documents.journal')} (${doc.journal.length})`,
                children:
                  doc.journal.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                  ) : (
                    <Flex vertical gap={16}>
                      {doc.journal.map((entry) => (
                        <JournalTable key={entry.entryId} entry={entry} />
                      ))}
                    </Flex>
                  ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

export default function DocumentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { storeName, currentStore } = useSession();
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof DOCUMENT_SORT_FIELDS)[number]>(20, '-postedAt');
  // Start with the store chosen in the header, and follow it when it changes there.
  const [storeId, setStoreId] = useState<string>(currentStore?.id ?? ALL);
  useEffect(() => {
    if (currentStore) {
      setStoreId(currentStore.id);
      first();
    }
  }, [currentStore?.id]);
  const [type, setType] = useState<string>(ALL);
  const [openId, setOpenId] = useState<string | null>(null);

  const query = { storeId, type, sort, page: paging.page, pageSize: paging.pageSize };
  const documents = useRemote((signal) => api.get<Page<DocumentSummary>>('/documents', { signal, query }), [storeId, type, sort, paging.page, paging.pageSize]);

  const columns: TableColumnsType<DocumentSummary> = [
    {
      title: t('documents.number'),
      dataIndex: 'number',
      ...sortable('number'),
      render: (number: string) => <Typography.Link>{number}</Typography.Link>,
    },
    {
      title: t('documents.type'),
      dataIndex: 'type',
      width: 130,
      render: (value: string) => <Tag color="blue">{documentTypeLabel(t, value)}</Tag>,
    },
    { title: t('documents.store'), dataIndex: 'storeId', render: (id: string) => storeName(id) ?? shortId(id) },
    { title: t('documents.businessDate'), dataIndex: 'businessDate', width: 130, ...sortable('businessDate'), render: (value: string) => formatDate(value) },
    { title: t('documents.postedBy'), dataIndex: 'postedByName' },
    {
      title: t('documents.postedAt'),
      dataIndex: 'postedAt',
      width: 180,
      ...sortable('postedAt'),
      render: (value: string) => <Typography.Text type="secondary">{formatDateTime(value)}</Typography.Text>,
    },
    {
      title: t('documents.total'),
      dataIndex: 'total',
      align: 'right',
      width: 140,
      ...sortable('total'),
      render: (fen: number) => <Typography.Text strong>{formatMoney(fen)}</Typography.Text>,
    },
  ];

  const resetPage = first;

  return (
    <>
      <PageHeader title={t('documents.title')} subtitle={t('documents.subtitle')} extra={<ExportButton path="/documents" query={query} testId="documents-export" />} />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('documents.store')}
            value={storeId}
            style={{ width: 200 }}
            onChange={(value) => {
              setStoreId(value);
              resetPage();
            }}
            options={[
              { value: ALL, label: t('documents.allStores') },
              ...me.stores.map((store) => ({ value: store.id, label: store.name })),
            ]}
          />
          <Select
            aria-label={t('documents.type')}
            value={type}
            style={{ width: 180 }}
            onChange={(value) => {
              setType(value);
              resetPage();
            }}
            options={[
              { value: ALL, label: t('documents.allTypes') },
              ...DOCUMENT_TYPES.map((value) => ({ value, label: documentTypeLabel(t, value) })),
            ]}
          />
        </Flex>
        {documents.error ? <LoadError error={documents.error} onRetry={documents.reload} /> : null}
        <Table<DocumentSummary>
          rowKey="id"
          size="middle"
          data-testid="documents-table"
          columns={columns}
          dataSource={documents.data?.items ?? []}
          loading={documents.loading}
          onRow={(doc) => ({ onClick: () => setOpenId(doc.id), style: { cursor: 'pointer' } })}
          pagination={pagination(documents.data?.total)}
          onChange={onChange}
        />
      </Card>
      <DocumentDrawer documentId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
