// The posted documents of one type in the current store (GET /documents?type=), paged, filtered by
// business date and sorted on the server; a row opens the document drawer (lines, moves, journal).
import { DatePicker, Flex, Table, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DOCUMENT_SORTS } from '../../../../contracts/documents';
import { api } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/format';
import type { DocumentSummary, Page } from '../../../shared/types';
import { LoadError } from '../../components/feedback';
import { moneyCell, useStoreId } from '../../components/stockUi';
import { useRemote } from '../../components/useRemote';
import { DocumentDrawer } from '../DocumentsPage';

type Sort = (typeof DOCUMENT_SORTS)[number];

/** antd's column sorter → the API's sort parameter (newest posting first when unsorted). */
function toSort(sorter: SorterResult<DocumentSummary> | SorterResult<DocumentSummary>[]): Sort {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!one?.order) return '-postedAt';
  const field = one.columnKey === 'businessDate' ? 'businessDate' : 'postedAt';
  return one.order === 'ascend' ? field : `-${field}`;
}

export function DocumentList({ type, testId }: { type: string; testId: string }) {
  const { t } = useTranslation();
  const storeId = useStoreId();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [sort, setSort] = useState<Sort>('-postedAt');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const docs = useRemote(
    (signal) => api.get<Page<DocumentSummary>>('/documents', { signal, query: { storeId, type, from, to, sort, page: paging.page, pageSize: paging.pageSize } }),
    [storeId, type, from, to, sort, paging.page, paging.pageSize],
  );
  const order = (field: 'businessDate' | 'postedAt') => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null);
  const columns: TableColumnsType<DocumentSummary> = [
    { title: t('documents.number'), dataIndex: 'number', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('documents.businessDate'), dataIndex: 'businessDate', key: 'businessDate', width: 130, render: formatDate, sorter: true, sortOrder: order('businessDate') },
    { title: t('documents.memo'), dataIndex: 'memo', ellipsis: true, render: (memo: string | null) => memo ?? '—' },
    { title: t('documents.postedBy'), dataIndex: 'postedByName', width: 200 },
    { title: t('documents.postedAt'), dataIndex: 'postedAt', key: 'postedAt', width: 180, render: formatDateTime, sorter: true, sortOrder: order('postedAt') },
    { title: t('documents.total'), dataIndex: 'total', align: 'right', width: 140, render: moneyCell },
  ];
  const onChange = (p: TablePaginationConfig, _filters: unknown, sorter: SorterResult<DocumentSummary> | SorterResult<DocumentSummary>[]) => {
    const next = toSort(sorter);
    setSort(next);
    setPaging({ page: next === sort ? (p.current ?? 1) : 1, pageSize: p.pageSize ?? paging.pageSize });
  };
  return (
    <>
      <Flex gap={8} align="center" style={{ margin: '8px 0 16px' }}>
        <Typography.Text>{t('documents.businessDate')}</Typography.Text>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={range}
          onChange={(value) => {
            setRange(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
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
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: docs.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        onChange={onChange}
      />
      <DocumentDrawer documentId={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
