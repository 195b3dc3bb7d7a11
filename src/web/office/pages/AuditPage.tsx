import { Card, DatePicker, Descriptions, Flex, Form, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AUDIT_SORTS } from '../../../contracts/audit';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../../shared/api';
import { formatDateTime, shortId } from '../../shared/format';
import type { AuditEvent, Page } from '../../shared/types';
import { ExportButton } from '../components/ExportButton';
import { LoadError } from '../components/feedback';
import { usePaging } from '../components/usePaging';
import { FilterButtons } from '../components/FilterButtons';
import { auditActionLabel } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { useRemote } from '../components/useRemote';
import { useSession } from '../session/session';

interface FilterForm {
  chain?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Filters {
  chain: string;
  action: string;
  /** ISO instants in the viewer's time zone: `from` inclusive, `to` exclusive (the day after the last day). */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { chain: '', action: '', from: '', to: '' };

function toFilters(values: FilterForm): Filters {
  const [start, end] = values.range ?? [null, null];
  return {
    chain: values.chain?.trim() ?? '',
    action: values.action?.trim() ?? '',
    from: start ? start.startOf('day').toISOString() : '',
    to: end ? end.add(1, 'day').startOf('day').toISOString() : '',
  };
}

function Hash({ value }: { value: string | null | undefined }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text code copyable={{ text: value }} style={{ wordBreak: 'break-all', fontSize: 12 }}>
      {value}
    </Typography.Text>
  );
}

function EventDetail({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      styles={{ label: { width: 140 } }}
      style={{ background: '#fff' }}
      data-testid="audit-detail"
    >
      <Descriptions.Item label={t('audit.data')}>
        <pre
          style={{
            margin: 0,
            maxHeight: 320,
            overflow: 'auto',
            fontSize: 12,
            background: '#f6f8fa',
            padding: 12,
            borderRadius: 6,
          }}
        >
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.hash')}>
        <Hash value={event.hash} />
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.prevHash')}>
        <Hash value={event.prevHash} />
      </Descriptions.Item>
    </Descriptions>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { storeName } = useSession();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof AUDIT_SORTS)[number]>(20, '-at');

  const query: Query = { chain: filters.chain, action: filters.action, from: filters.from, to: filters.to, sort, page: paging.page, pageSize: paging.pageSize };
  const events = useRemote((signal) => api.get<Page<AuditEvent>>('/audit', { signal, query }), [filters, sort, paging.page, paging.pageSize]);

  const apply = (values: FilterForm) => {
    setFilters(toFilters(values));
    first();
  };

  // An event is identified by its chain and its gapless number in that chain.
  const chainLabel = (chainId: string, seq: number) => {
    const [kind, id] = chainId.includes(':') ? chainId.split(':', 2) : ['', chainId];
    const kindLabel =
      kind === 'company' ? t('audit.chainCompany') : kind === 'store' ? t('audit.chainStore') : kind === 'register' ? t('audit.chainRegister') : kind;
    const name = kind === 'store' ? storeName(id) : null;
    return (
      <Tooltip title={chainId}>
        <span>
          {kindLabel ? <Tag style={{ marginInlineEnd: 6 }}>{kindLabel}</Tag> : null}
          {name ?? (
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {shortId(id)}
            </Typography.Text>
          )}
          <Typography.Text type="secondary"> #{seq}</Typography.Text>
        </span>
      </Tooltip>
    );
  };

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      ...sortable('at'),
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      ...sortable('action'),
      render: (action: string) => {
        const label = auditActionLabel(t, action);
        return (
          <Flex vertical gap={2}>
            {label ? <span>{label}</span> : null}
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {action}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (_, event) =>
        event.actorName ?? (event.actorId ? shortId(event.actorId) : <Typography.Text type="secondary">{t('common.system')}</Typography.Text>),
    },
    {
      title: t('audit.subject'),
      key: 'subject',
      render: (_, event) =>
        event.subjectType ? (
          <Tooltip title={event.subjectId}>
            <span>
              {event.subjectType}
              {event.subjectId ? (
                <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {' '}
                  {shortId(event.subjectId)}
                </Typography.Text>
              ) : null}
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('audit.store'),
      dataIndex: 'storeId',
      render: (storeId: string | null) => storeName(storeId) ?? (storeId ? shortId(storeId) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: `${t('audit.chain')} · ${t('audit.seq')}`, dataIndex: 'chainId', ...sortable('chain'), render: (chainId: string, event) => chainLabel(chainId, event.seq) },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={<ExportButton path="/audit" query={query} testId="audit-export" />}
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Form<FilterForm> form={form} layout="inline" name="auditFilters" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="chain" label={t('audit.chain')}>
            <Input allowClear placeholder={t('audit.chainPlaceholder')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              apply({});
            }}
          />
        </Form>
        {events.error ? <LoadError error={events.error} onRetry={events.reload} /> : null}
        <Table<AuditEvent>
          rowKey={(event) => `${event.chainId}:${event.seq}`}
          size="middle"
          className="cs-nowrap"
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
          columns={columns}
          dataSource={events.data?.items ?? []}
          loading={events.loading}
          expandable={{ expandedRowRender: (event) => <EventDetail event={event} /> }}
          pagination={pagination(events.data?.total)}
          onChange={onChange}
        />
      </Card>
    </>
  );
}
