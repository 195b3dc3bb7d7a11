// 库存台账 (stock card): every move of one product in the store with the running balance and the
// document that caused it; the balance carries over between pages.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../shared/api';
import { formatDate, formatMoney, formatQuantity } from '../../../shared/format';
import type { StockCard, StockCardRow } from '../../../shared/inventory-types';
import { LoadError } from '../../components/feedback';
import { documentTypeLabel } from '../../components/labels';
import { PageHeader } from '../../components/PageHeader';
import { ProductSelect } from '../../components/ProductSelect';
import { deltaMoneyCell, moneyCell, useStoreId } from '../../components/stockUi';
import { useRemote } from '../../components/useRemote';
import { DocumentDrawer } from '../DocumentsPage';

export default function StockCardPage() {
  const { productId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeId = useStoreId();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [viewing, setViewing] = useState<string | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const card = useRemote(
    (signal) => api.get<StockCard>('/inventory/stock-card', { signal, query: { storeId, productId, from, to, page: paging.page, pageSize: paging.pageSize } }),
    [storeId, productId, from, to, paging.page, paging.pageSize],
  );
  const data = card.data;

  const columns: TableColumnsType<StockCardRow> = [
    { title: t('documents.businessDate'), dataIndex: 'businessDate', width: 120, render: formatDate },
    {
      title: t('documents.number'),
      dataIndex: 'documentNumber',
      render: (n: string, r) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setViewing(r.documentId)}>
          {n}
        </Button>
      ),
    },
    { title: t('documents.type'), dataIndex: 'documentType', width: 110, render: (type: string) => documentTypeLabel(t, type) },
    { title: t('stock.location'), dataIndex: 'locationCode', width: 90 },
    { title: t('stock.lot'), dataIndex: 'lot', width: 110, render: (lot: string | null) => lot ?? '—' },
    { title: t('stockCard.in'), dataIndex: 'qtyIn', align: 'right', width: 100, render: (q: number) => (q ? <span style={{ color: '#16a34a' }}>{formatQuantity(q)}</span> : '') },
    { title: t('stockCard.out'), dataIndex: 'qtyOut', align: 'right', width: 100, render: (q: number) => (q ? <span style={{ color: '#dc2626' }}>{formatQuantity(q)}</span> : '') },
    { title: t('stockCard.value'), dataIndex: 'value', align: 'right', width: 120, render: deltaMoneyCell },
    { title: t('stockCard.balance'), dataIndex: 'runningQty', align: 'right', width: 110, render: (q: number) => <Typography.Text strong>{formatQuantity(q)}</Typography.Text> },
    { title: t('stockCard.balanceValue'), dataIndex: 'runningValue', align: 'right', width: 130, render: moneyCell },
  ];

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12}>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            {t('stockCard.title')}
            {data ? <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400 }}>{`${data.name} · ${data.sku}`}</Typography.Text> : null}
          </Flex>
        }
        extra={<ProductSelect value={productId} onChange={(id) => id && navigate(`/stock/card/${id}`, { replace: true })} style={{ width: 300 }} />}
      />
      <Flex vertical gap={16}>
        <Card>
          <Flex justify="space-between" align="center" wrap gap={16}>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={range}
              onChange={(value) => {
                setRange(value);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            />
            <Flex gap={40}>
              <Statistic title={t('stockCard.opening')} value={data ? `${formatQuantity(data.opening.qty)} ${data.unit}` : '—'} />
              <Statistic title={t('stockCard.closing')} value={data ? `${formatQuantity(data.closing.qty)} ${data.unit}` : '—'} />
              <Statistic title={t('stockCard.closingValue')} value={data ? formatMoney(data.closing.value) : '—'} />
            </Flex>
          </Flex>
        </Card>
        <Card styles={{ body: { paddingTop: 8 } }}>
          {card.error ? <LoadError error={card.error} onRetry={card.reload} /> : null}
          <Table<StockCardRow>
            rowKey={(r) => `${r.documentId}:${r.moveNo}`}
            size="middle"
            data-testid="stock-card-table"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={card.loading}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
            }}
            onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? paging.pageSize })}
          />
        </Card>
      </Flex>
      <DocumentDrawer documentId={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
