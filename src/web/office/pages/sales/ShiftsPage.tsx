// 班次与日结: a store's shifts on a business date with their status and counted-vs-expected cash,
// each shift's X report (Z report once closed), and the store's day close (日结) with its summary.
import { CheckCircleFilled, ClockCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Flex, Popconfirm, Row, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useSalesT } from '../../i18n/sales';
import { uuidv7 } from '../../../../core/id/uuidv7';
import type { MethodTakings, TakingsSummary } from '../../../../core/shifts/takings';
import type { SHIFT_SORTS } from '../../../../contracts/shifts';
import { api } from '../../../shared/api';
import { formatDate, formatDateTime, formatMoney } from '../../../shared/format';
import type { Page } from '../../../shared/types';
import { LoadError, useReportError } from '../../components/feedback';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { usePaging } from '../../components/usePaging';
import { useRemote } from '../../components/useRemote';
import { useMe, useSession } from '../../session/session';

interface ShiftRow {
  id: string;
  registerId: string;
  registerCode: string | null;
  registerName: string | null;
  status: 'open' | 'closed';
  businessDate: string;
  openingFloat: number;
  openedByName: string | null;
  openedAt: string;
  closedByName: string | null;
  closedAt: string | null;
  close: { documentId: string; expectedCash: number; countedCash: number; overShort: number } | null;
}

interface XReport extends TakingsSummary {
  shift: { id: string; status: string; registerId: string };
  asOf: string;
  /** A closed shift's offline sales synced after its close (the figures above stay as counted). */
  lateOffline: { count: number; total: number; expectedCash: number; overShort: number } | null;
}

interface DayCloseView {
  closed: boolean;
  closedAt: string | null;
  businessDate: string;
  summary: TakingsSummary & {
    shifts: { count: number; open: string[] };
    overShort: { total: number; byMethod: { method: string; expected: number; counted: number; difference: number }[] };
  };
}

/** + over (长款) green, − short (短款) red, 0 plain. */
export function OverShort({ fen }: { fen: number | null | undefined }) {
  if (fen === null || fen === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (fen === 0) return <Typography.Text>{formatMoney(0)}</Typography.Text>;
  return <Typography.Text style={{ color: fen > 0 ? '#16a34a' : '#dc2626', fontWeight: 600, whiteSpace: 'nowrap' }}>{fen > 0 ? `+${formatMoney(fen)}` : formatMoney(fen)}</Typography.Text>;
}

/** The takings of a shift or a day: counts by kind, payments by method, the cash drawer. */
export function TakingsReport({ report }: { report: TakingsSummary }) {
  const t = useSalesT();
  const method = (m: string) => t(`shiftsPage.methods.${m as 'cash'}`, { defaultValue: m });
  const columns: TableColumnsType<MethodTakings> = [
    { title: t('shiftsPage.method'), dataIndex: 'method', render: method },
    { title: t('shiftsPage.count'), dataIndex: 'count', align: 'right', width: 60 },
    { title: t('shiftsPage.received'), dataIndex: 'received', align: 'right', render: (f: number) => formatMoney(f) },
    { title: t('shiftsPage.refunded'), dataIndex: 'refunded', align: 'right', render: (f: number) => formatMoney(f) },
    { title: t('shiftsPage.change'), dataIndex: 'change', align: 'right', render: (f: number) => (f ? formatMoney(f) : '') },
    { title: t('shiftsPage.net'), dataIndex: 'net', align: 'right', render: (f: number) => <Typography.Text strong>{formatMoney(f)}</Typography.Text> },
  ];
  const kinds = [
    ['sales', report.sales],
    ['returns', report.returns],
    ['exchanges', report.exchanges],
    ['voids', report.voids],
  ] as const;
  return (
    <Flex vertical gap={16}>
      <Row gutter={12}>
        <Col span={8}>
          <Statistic title={t('shiftsPage.netSales')} value={formatMoney(report.netSales)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('shiftsPage.tickets')} value={report.tickets} />
        </Col>
        <Col span={8}>
          <Statistic title={t('shiftsPage.averageTicket')} value={formatMoney(report.averageTicket)} />
        </Col>
      </Row>
      <Descriptions bordered size="small" column={2}>
        {kinds.map(([key, value]) => (
          <Descriptions.Item key={key} label={t(`shiftsPage.${key}`)}>
            {value.count} · {formatMoney(value.total)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('shiftsPage.discounts')}>{formatMoney(report.discounts)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.rounding')}>{formatMoney(report.rounding)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.tax')} span={2}>
          {formatMoney(report.tax)}
        </Descriptions.Item>
      </Descriptions>
      <Table<MethodTakings> rowKey="method" size="small" columns={columns} dataSource={report.payments} pagination={false} />
      <Descriptions title={t('shiftsPage.cash')} bordered size="small" column={2}>
        <Descriptions.Item label={t('shiftsPage.cashOpening')}>{formatMoney(report.cash.openingFloat)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.cashReceived')}>{formatMoney(report.cash.received)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.cashChange')}>−{formatMoney(report.cash.change)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.cashRefunded')}>−{formatMoney(report.cash.refunded)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.paidIn')}>{formatMoney(report.cash.paidIn)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.paidOut')}>−{formatMoney(report.cash.paidOut)}</Descriptions.Item>
        <Descriptions.Item label={t('shiftsPage.cashExpected')} span={2}>
          <Typography.Text strong>{formatMoney(report.cash.expected)}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Flex>
  );
}

function XReportDrawer({ shift, onClose }: { shift: ShiftRow | null; onClose(): void }) {
  const t = useSalesT();
  const report = useRemote((signal) => (shift ? api.get<XReport>(`/shifts/${shift.id}/x-report`, { signal }) : Promise.resolve(undefined)), [shift?.id]);
  const register = shift ? `${shift.registerCode ?? ''} ${shift.registerName ?? ''}`.trim() : '';
  return (
    <Drawer title={t('shiftsPage.xReportTitle', { register })} open={shift !== null} onClose={onClose} size={640} destroyOnHidden data-testid="x-report-drawer">
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : null}
      {shift ? (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <StatusTag status={shift.status} />
            <Typography.Text type="secondary">
              {shift.openedByName} · {formatDateTime(shift.openedAt)}
              {shift.closedAt ? ` → ${formatDateTime(shift.closedAt)}` : ''}
            </Typography.Text>
            {report.data ? <Typography.Text type="secondary">· {t('shiftsPage.asOf', { time: formatDateTime(report.data.asOf) })}</Typography.Text> : null}
          </Flex>
          {shift.close ? (
            <Descriptions bordered size="small" column={3}>
              <Descriptions.Item label={t('shiftsPage.expected')}>{formatMoney(shift.close.expectedCash)}</Descriptions.Item>
              <Descriptions.Item label={t('shiftsPage.counted')}>{formatMoney(shift.close.countedCash)}</Descriptions.Item>
              <Descriptions.Item label={t('shiftsPage.overShort')}>
                <OverShort fen={shift.close.overShort} />
              </Descriptions.Item>
            </Descriptions>
          ) : null}
          {report.data?.lateOffline ? (
            <Alert
              type="warning"
              showIcon
              data-testid="late-offline"
              message={t('shiftsPage.lateOffline', { count: report.data.lateOffline.count, total: formatMoney(report.data.lateOffline.total) })}
              description={t('shiftsPage.lateOfflineHelp', { expected: formatMoney(report.data.lateOffline.expectedCash), overShort: formatMoney(report.data.lateOffline.overShort) })}
            />
          ) : null}
          {report.data && !report.loading ? <TakingsReport report={report.data} /> : <Skeleton active paragraph={{ rows: 10 }} />}
        </Flex>
      ) : null}
    </Drawer>
  );
}

function StatusTag({ status }: { status: string }) {
  const t = useSalesT();
  return status === 'open' ? (
    <Tag color="processing" icon={<ClockCircleOutlined />}>
      {t('shiftsPage.open')}
    </Tag>
  ) : (
    <Tag color="default" icon={<LockOutlined />}>
      {t('shiftsPage.closed')}
    </Tag>
  );
}

function DayCloseCard({ storeId, date, onClosed }: { storeId: string; date: string; onClosed(): void }) {
  const t = useSalesT();
  const { message } = App.useApp();
  const { can } = useSession();
  const reportError = useReportError();
  const [closing, setClosing] = useState(false);
  const [showSummary, setShowSummary] = useState(false);
  const day = useRemote((signal) => api.get<DayCloseView>(`/stores/${storeId}/day-close`, { signal, query: { businessDate: date } }), [storeId, date]);
  const view = day.data;
  const closeDay = async () => {
    setClosing(true);
    try {
      await api.post(`/stores/${storeId}/day-close`, { id: uuidv7(), businessDate: date });
      void message.success(t('shiftsPage.dayClosedOk', { date: formatDate(date) }));
      day.reload();
      onClosed();
    } catch (error) {
      reportError(error);
    } finally {
      setClosing(false);
    }
  };
  const openCount = view?.summary.shifts.open.length ?? 0;
  return (
    <Card
      data-testid="day-close-card"
      style={{ marginBottom: 16 }}
      title={
        <Flex gap={10} align="center">
          {t('shiftsPage.dayCloseTitle', { date: formatDate(date) })}
          {view ? (
            view.closed ? (
              <Tag color="success" icon={<CheckCircleFilled />} data-testid="day-status">
                {t('shiftsPage.dayClosed')}
              </Tag>
            ) : (
              <Tag color="warning" data-testid="day-status">
                {t('shiftsPage.dayNotClosed')}
              </Tag>
            )
          ) : null}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Button onClick={() => setShowSummary(true)} disabled={!view} data-testid="day-summary">
            {t('shiftsPage.daySummary')}
          </Button>
          {can('stores.day_close') && view && !view.closed ? (
            <Popconfirm title={t('shiftsPage.closeDayConfirm', { date: formatDate(date) })} onConfirm={closeDay} disabled={openCount > 0}>
              <Button type="primary" loading={closing} disabled={openCount > 0} data-testid="close-day">
                {t('shiftsPage.closeDay')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      }
    >
      {day.error ? <LoadError error={day.error} onRetry={day.reload} /> : null}
      {!view ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          {openCount > 0 && !view.closed ? <Alert type="info" showIcon title={t('shiftsPage.openShifts', { count: openCount })} style={{ marginBottom: 16 }} /> : null}
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic title={t('shiftsPage.netSales')} value={formatMoney(view.summary.netSales)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('shiftsPage.tickets')} value={view.summary.tickets} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('shiftsPage.averageTicket')} value={formatMoney(view.summary.averageTicket)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('shiftsPage.shiftCount')} value={view.summary.shifts.count} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('shiftsPage.cashExpected')} value={formatMoney(view.summary.cash.expected)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('shiftsPage.overShort')} valueRender={() => <OverShort fen={view.summary.overShort.total} />} />
            </Col>
          </Row>
        </>
      )}
      <Drawer title={t('shiftsPage.dayCloseTitle', { date: formatDate(date) })} open={showSummary} onClose={() => setShowSummary(false)} size={640} data-testid="day-summary-drawer">
        {view ? <TakingsReport report={view.summary} /> : null}
      </Drawer>
    </Card>
  );
}

export default function ShiftsPage() {
  const t = useSalesT();
  const me = useMe();
  const { currentStore } = useSession();
  const [storeId, setStoreId] = useState<string>(currentStore?.id ?? me.stores[0]?.id ?? '');
  useEffect(() => {
    if (currentStore) setStoreId(currentStore.id);
  }, [currentStore?.id]);
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof SHIFT_SORTS)[number]>(20, '-businessDate');
  const [openShift, setOpenShift] = useState<ShiftRow | null>(null);
  const businessDate = date.format('YYYY-MM-DD');

  const query = { storeId, from: businessDate, to: businessDate, sort, page: paging.page, pageSize: paging.pageSize };
  const shifts = useRemote(
    (signal) => (storeId ? api.get<Page<ShiftRow>>('/shifts', { signal, query }) : Promise.resolve({ items: [], total: 0 })),
    [storeId, businessDate, sort, paging.page, paging.pageSize],
  );

  const columns: TableColumnsType<ShiftRow> = [
    {
      title: t('shiftsPage.register'),
      dataIndex: 'registerCode',
      width: 200,
      render: (code: string | null, row) => (
        <Typography.Link style={{ whiteSpace: 'nowrap' }}>
          {code} <Typography.Text type="secondary">{row.registerName}</Typography.Text>
        </Typography.Link>
      ),
    },
    { title: t('shiftsPage.status'), dataIndex: 'status', width: 110, render: (status: string) => <StatusTag status={status} /> },
    { title: t('shiftsPage.openedBy'), dataIndex: 'openedByName' },
    { title: t('shiftsPage.openedAt'), dataIndex: 'openedAt', width: 170, ...sortable('openedAt'), render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    { title: t('shiftsPage.closedAt'), dataIndex: 'closedAt', width: 170, ...sortable('closedAt'), render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? formatDateTime(v) : '—'}</span> },
    { title: t('shiftsPage.openingFloat'), dataIndex: 'openingFloat', align: 'right', width: 110, render: (f: number) => formatMoney(f) },
    { title: t('shiftsPage.expected'), key: 'expected', align: 'right', width: 120, render: (_, row) => (row.close ? formatMoney(row.close.expectedCash) : '—') },
    { title: t('shiftsPage.counted'), key: 'counted', align: 'right', width: 120, render: (_, row) => (row.close ? formatMoney(row.close.countedCash) : '—') },
    { title: t('shiftsPage.overShort'), align: 'right', width: 120, ...sortable('overShort'), render: (_, row) => <OverShort fen={row.close?.overShort} /> },
    {
      key: 'x',
      width: 100,
      render: (_, row) => (
        <Button size="small" data-testid="x-report" onClick={() => setOpenShift(row)}>
          {t('shiftsPage.xReport')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('shiftsPage.title')}
        subtitle={t('shiftsPage.subtitle')}
        extra={
          <>
            <Select
              aria-label={t('salesJournal.store')}
              value={storeId}
              style={{ width: 180 }}
              onChange={(value) => {
                setStoreId(value);
                first();
              }}
              options={me.stores.map((store) => ({ value: store.id, label: store.name }))}
            />
            <DatePicker
              aria-label={t('shiftsPage.businessDate')}
              value={date}
              allowClear={false}
              onChange={(value) => {
                if (value) setDate(value);
                first();
              }}
            />
            {storeId ? <ExportButton path="/shifts" query={query} testId="shifts-export" /> : null}
          </>
        }
      />
      {storeId ? <DayCloseCard storeId={storeId} date={businessDate} onClosed={shifts.reload} /> : null}
      <Card>
        {shifts.error ? <LoadError error={shifts.error} onRetry={shifts.reload} /> : null}
        <Table<ShiftRow>
          rowKey="id"
          size="middle"
          data-testid="shifts-table"
          columns={columns}
          dataSource={shifts.data?.items ?? []}
          loading={shifts.loading}
          onRow={(row) => ({ onClick: () => setOpenShift(row), style: { cursor: 'pointer' } })}
          pagination={pagination(shifts.data?.total)}
          onChange={onChange}
        />
      </Card>
      <XReportDrawer shift={openShift} onClose={() => setOpenShift(null)} />
    </>
  );
}
