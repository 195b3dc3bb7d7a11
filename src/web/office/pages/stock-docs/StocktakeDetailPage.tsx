// One stocktake: counting progress, the lines, the variance review with value, approve or cancel.
import { ArrowLeftOutlined, CheckOutlined, MobileOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Popconfirm, Progress, Row, Skeleton, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { api } from '../../../shared/api';
import { formatDateTime, formatMoney } from '../../../shared/format';
import type { StocktakeDetail, StocktakeLine, VarianceLine, Variances } from '../../../shared/inventory-types';
import { LoadError, useReportError } from '../../components/feedback';
import { withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { deltaCell, deltaMoneyCell, moneyCell, qtyCell, StatusTag } from '../../components/stockUi';
import { useCategoryTree } from '../../components/useCategories';
import { useRemote } from '../../components/useRemote';
import { useSession } from '../../session/session';

function VarianceReview({ id, counting, onApproved }: { id: string; counting: boolean; onApproved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [saving, setSaving] = useState(false);
  const [onlyDiffs, setOnlyDiffs] = useState(true);
  const variances = useRemote((signal) => api.get<Variances>(`/stocktakes/${id}/variances`, { signal }), [id]);
  const data = variances.data;
  const lines = (data?.lines ?? []).filter((l) => !onlyDiffs || l.varianceQty !== 0);

  const approve = () =>
    withSaving(
      setSaving,
      async () => {
        await api.post(`/stocktakes/${id}/approve`, { id: uuidv7() });
        void message.success(t('stocktakes.approved'));
        onApproved();
        variances.reload();
      },
      (error) => reportError(error),
    );

  const columns: TableColumnsType<VarianceLine> = [
    { title: t('products.sku'), dataIndex: 'sku', width: 150, render: (sku: string) => <Typography.Text code>{sku}</Typography.Text> },
    { title: t('products.name'), dataIndex: 'name' },
    { title: t('stock.location'), dataIndex: 'locationCode', width: 90 },
    { title: t('stocktakes.expected'), dataIndex: 'expectedQty', align: 'right', width: 110, render: (q: number, l) => qtyCell(q, l.unit) },
    { title: t('stocktakes.counted'), dataIndex: 'countedQty', align: 'right', width: 110, render: (q: number | null) => qtyCell(q) },
    { title: t('stocktakes.varianceQty'), dataIndex: 'varianceQty', align: 'right', width: 110, render: deltaCell },
    { title: t('stocktakes.varianceValue'), dataIndex: 'varianceValue', align: 'right', width: 130, render: deltaMoneyCell },
  ];

  return (
    <Flex vertical gap={16}>
      {variances.error ? <LoadError error={variances.error} onRetry={variances.reload} /> : null}
      {data ? (
        <Row gutter={16}>
          <Col span={6}>
            <Card size="small">
              <Statistic title={t('stocktakes.surplus')} value={formatMoney(data.totals.surplusValue)} valueStyle={{ color: '#16a34a' }} suffix={<Tag>{data.totals.surplusLines}</Tag>} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small">
              <Statistic title={t('stocktakes.shortage')} value={formatMoney(data.totals.shortageValue)} valueStyle={{ color: '#dc2626' }} suffix={<Tag>{data.totals.shortageLines}</Tag>} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small">
              <Statistic title={t('stocktakes.net')} value={formatMoney(data.totals.netValue)} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small">
              <Statistic title={t('stocktakes.countedLines')} value={`${data.totals.countedLines} / ${data.totals.lines}`} />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Flex justify="space-between" align="center">
        <Button size="small" onClick={() => setOnlyDiffs((v) => !v)}>
          {onlyDiffs ? t('stocktakes.showAll') : t('stocktakes.onlyDiffs')}
        </Button>
        {counting ? (
          <Popconfirm
            title={t('stocktakes.approveConfirm')}
            description={<div style={{ maxWidth: 300 }}>{t('stocktakes.approveHelp')}</div>}
            okText={t('stocktakes.approve')}
            cancelText={t('common.cancel')}
            onConfirm={approve}
            okButtonProps={{ 'data-testid': 'stocktake-approve-confirm' } as never}
          >
            <Button type="primary" icon={<CheckOutlined />} loading={saving} data-testid="stocktake-approve">
              {t('stocktakes.approve')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
      <Table<VarianceLine>
        rowKey={(l) => `${l.productId}:${l.locationId}`}
        size="small"
        data-testid="variances-table"
        loading={variances.loading}
        columns={columns}
        dataSource={lines}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
    </Flex>
  );
}

export default function StocktakeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can, storeName } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [cancelling, setCancelling] = useState(false);
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const detail = useRemote((signal) => api.get<StocktakeDetail>(`/stocktakes/${id}`, { signal }), [id]);
  const categories = useCategoryTree();
  const st = detail.data;
  const counting = st?.status === 'counting';
  const canApprove = can('stocktake.approve');

  const cancel = (values: { reason: string }) =>
    withSaving(
      setSaving,
      async () => {
        await api.post(`/stocktakes/${id}/cancel`, { reason: values.reason.trim() });
        setCancelling(false);
        void message.success(t('stocktakes.cancelled'));
        detail.reload();
      },
      (error) => reportError(error, cancelForm),
    );

  const lineColumns: TableColumnsType<StocktakeLine> = [
    { title: t('products.sku'), dataIndex: 'sku', width: 150, render: (sku: string) => <Typography.Text code>{sku}</Typography.Text> },
    { title: t('products.name'), dataIndex: 'name' },
    { title: t('stock.location'), dataIndex: 'locationCode', width: 90 },
    ...(st?.showsBook
      ? ([
          { title: t('stocktakes.snapshot'), dataIndex: 'snapshotQty', align: 'right', width: 110, render: (q: number, l: StocktakeLine) => qtyCell(q, l.unit) },
          { title: t('stocktakes.snapshotValue'), dataIndex: 'snapshotValue', align: 'right', width: 120, render: moneyCell },
        ] as TableColumnsType<StocktakeLine>)
      : []),
    { title: t('stocktakes.counted'), dataIndex: 'countedQty', align: 'right', width: 110, render: (q: number | null, l) => qtyCell(q, q === null ? undefined : l.unit) },
    { title: t('stocktakes.scans'), dataIndex: 'scans', align: 'right', width: 80 },
  ];

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!st) return <Skeleton active />;

  const percent = st.summary.lines ? Math.round((st.summary.countedLines / st.summary.lines) * 100) : 0;
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12}>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/stocktakes')} aria-label={t('common.back')} />
            {t('stocktakes.detailTitle', { scope: t(`stocktakes.scopes.${st.scope}`) })}
            <StatusTag status={st.status} t={t} />
          </Flex>
        }
        subtitle={[storeName(st.storeId), categories.nameOf(st.categoryId), formatDateTime(st.startedAt)].filter(Boolean).join(' · ')}
        extra={
          counting ? (
            <>
              <Button icon={<MobileOutlined />} onClick={() => navigate(`/m/stocktake/${st.id}`)} data-testid="open-mobile-count">
                {t('stocktakes.scan')}
              </Button>
              {canApprove ? (
                <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
                  {t('stocktakes.cancel')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('stocktakes.progress')}>
              <Progress percent={percent} size="small" style={{ width: 160, margin: 0 }} />
            </Descriptions.Item>
            <Descriptions.Item label={t('stocktakes.countedLines')}>
              {st.summary.countedLines} / {st.summary.lines}
            </Descriptions.Item>
            <Descriptions.Item label={t('stocktakes.devices')}>{st.summary.devices.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('stocktakes.blind')}>{st.blind ? t('common.yes') : t('common.no')}</Descriptions.Item>
          </Descriptions>
          {st.scope === 'full' && counting ? <Alert type="info" showIcon title={t('stocktakes.fullHint')} style={{ marginTop: 12 }} /> : null}
        </Card>
        <Card styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            defaultActiveKey={canApprove ? 'variances' : 'lines'}
            items={[
              ...(canApprove
                ? [{ key: 'variances', label: t('stocktakes.variances'), children: <VarianceReview id={st.id} counting={counting} onApproved={detail.reload} /> }]
                : []),
              {
                key: 'lines',
                label: t('stocktakes.lines'),
                children: (
                  <Table<StocktakeLine>
                    rowKey={(l) => `${l.productId}:${l.locationId}`}
                    size="small"
                    data-testid="stocktake-lines"
                    columns={lineColumns}
                    dataSource={st.lines}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  />
                ),
              },
            ]}
          />
        </Card>
      </Flex>
      <Modal
        title={t('stocktakes.cancelTitle')}
        open={cancelling}
        onCancel={() => setCancelling(false)}
        onOk={() => cancelForm.submit()}
        confirmLoading={saving}
        okButtonProps={{ danger: true }}
        okText={t('stocktakes.cancel')}
        destroyOnHidden
      >
        <Form form={cancelForm} layout="vertical" onFinish={cancel}>
          <Form.Item name="reason" label={t('stocktakes.cancelReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('stocktakes.cancelReason') }) }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
