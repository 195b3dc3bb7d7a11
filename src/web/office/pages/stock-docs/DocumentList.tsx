// The posted documents of one type in the current store (GET /documents?type=), paged, filtered by
// business date and sorted on the server; a row opens the document drawer (lines, moves, journal).
import { DatePicker, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DOCUMENT_SORT_FIELDS } from '../../../../contracts/documents';
import { api } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/format';
import type { DocumentSummary, Page } from '../../../shared/types';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/feedback';
import { moneyCell, useStoreId } from '../../components/stockUi';
import { usePaging } from '../../components/usePaging';
import { useRemote } from '../../components/useRemote';
import { DocumentDrawer } from '../DocumentsPage';

export function DocumentList({ type, testId }: { type: string; testId: string }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  // Newest posting first when unsorted.
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof DOCUMENT_SORT_FIELDS)[number]>(20, '-postedAt');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const query = { storeId, type, from, to, sort, page: paging.page, pageSize: paging.pageSize };
  const docs = useRemote((signal) => api.get<Page<DocumentSummary>>('/documents', { signal, query }), [storeId, type, from, to, sort, paging.page, paging.pageSize]);
  const columns: TableColumnsType<DocumentSummary> = [
    { title: t('documents.number'), dataIndex: 'number', ...sortable('number'), render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('documents.businessDate'), dataIndex: 'businessDate', width: 130, ...sortable('businessDate'), render: formatDate },
    { title: t('documents.memo'), dataIndex: 'memo', ellipsis: true, render: (memo: string | null) => memo ?? '—' },
    { title: t('documents.postedBy'), dataIndex: 'postedByName', width: 200 },
    { title: t('documents.postedAt'), dataIndex: 'postedAt', width: 180, ...sortable('postedAt'), render: formatDateTime },
    { title: t('documents.total'), dataIndex: 'total', align: 'right', width: 140, ...sortable('total'), render: moneyCell },
  ];
  return (
    <>
      <Flex gap={8} align="center" style={{ margin: '8px 0 16px' }}>
        <Typography.Text>{t('documents.businessDate')}</Typography.Text>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={range}
          onChange={(value) => {
            setRange(value);
            first();
          }}
        />
        <ExportButton path="/documents" query={query} testId={`${testId}-export`} />
      </Flex>
      {docs.error ? <LoadError error={docs.error} onRetry={docs.reload} /> : null}
      <Table<DocumentSummary>
        rowKey="id"
        size="middle"
        data-testid={testId}
        columns={columns}
        dataSource={docs.data?.items ?? []}
        loading={docs.loading}
        onRow={(doc) => ({ onClick: () => setViewing(doc.id), style: { cursor: 'pointer' } })}
        pagination={pagination(docs.data?.total)}
        onChange={onChange}
      />
      <DocumentDrawer documentId={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
