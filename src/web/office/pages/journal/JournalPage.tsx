// 凭证: manual journal entries (手工凭证). Finance drafts an entry with its debit/credit lines; another
// approver posts it (or rejects it with a reason); a posted entry can be reversed (红字冲销). The
// year-end close (年结) lives here too, behind a confirm dialog. Amounts are typed in yuan and sent in fen.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from '../../../../core/id/uuidv7';
import type { ManualEntryStatus, ManualEntryView } from '../../../../contracts/journal';
import { api } from '../../../shared/api';
import type { Page } from '../../../shared/types';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { useReportError, LoadError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { DocumentDrawer } from '../DocumentsPage';
import { LinesEditor, type LineColumn } from '../../components/LinesEditor';
import { PageHeader } from '../../components/PageHeader';
import { fenOf, yuanOf } from '../../components/units';
import { usePaging } from '../../components/usePaging';
import { useRemote } from '../../components/useRemote';
import { useJournalT, type JournalT } from '../../i18n/journal';
import { useMe, useSession } from '../../session/session';

interface Account {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  active: boolean;
}
interface LineForm {
  account?: string;
  debit?: number | null;
  credit?: number | null;
  memo?: string;
}
interface EntryForm {
  storeId: string;
  date: Dayjs;
  memo: string;
  lines: LineForm[];
}
interface PostedDocument {
  id: string;
  number: string;
}

const ALL = '';
const STATUS_COLORS: Record<ManualEntryStatus, string> = { draft: 'gold', posted: 'green', rejected: 'default' };
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen, { symbol: false })}</span>;

export default function JournalPage() {
  const t = useJournalT();
  const me = useMe();
  const { can, storeName } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [storeId, setStoreId] = useState(ALL);
  const [status, setStatus] = useState<ManualEntryStatus | ''>('');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const { paging, pagination, onChange, first } = usePaging();
  const [editing, setEditing] = useState<ManualEntryView | 'new' | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [yearEndOpen, setYearEndOpen] = useState(false);

  const query = {
    storeId,
    status,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
    page: paging.page,
    pageSize: paging.pageSize,
  };
  const list = useRemote((signal) => api.get<Page<ManualEntryView>>('/journal/manual-entries', { signal, query }), [JSON.stringify(query)]);
  const accounts = useRemote((signal) => api.get<{ items: Account[] }>('/accounts', { signal }), []);

  const columns: TableColumnsType<ManualEntryView> = [
    { title: t('journalPage.date'), dataIndex: 'date', width: 110 },
    { title: t('journalPage.store'), dataIndex: 'storeId', width: 140, render: (id: string) => storeName(id) ?? id },
    { title: t('journalPage.number'), key: 'number', width: 160, render: (_, e) => e.documentNumber ?? '—' },
    {
      title: t('journalPage.statusLabel'),
      key: 'status',
      width: 120,
      render: (_, e) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[e.status]}>{t(`journalPage.status.${e.status}`)}</Tag>
          {e.reversalDocumentId ? <Tag color="red">{t('journalPage.reversed')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('journalPage.memo'), dataIndex: 'memo', ellipsis: true },
    { title: t('journalPage.total'), dataIndex: 'total', align: 'right', width: 130, render: money },
    { title: t('journalPage.createdBy'), dataIndex: 'createdByName', width: 150 },
  ];

  return (
    <>
      <PageHeader
        title={t('journalPage.title')}
        subtitle={t('journalPage.subtitle')}
        extra={
          <Flex gap={8}>
            {can('books.lock') ? <Button onClick={() => setYearEndOpen(true)} data-testid="year-end-close">{t('journalPage.yearEndClose')}</Button> : null}
            {can('journal.draft') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-entry">
                {t('journalPage.newEntry')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 180 }}
          value={storeId}
          onChange={(v) => (setStoreId(v), first())}
          options={[{ value: ALL, label: t('journalPage.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <Select
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v) => (setStatus(v), first())}
          options={[{ value: '', label: t('journalPage.allStatuses') }, ...(['draft', 'posted', 'rejected'] as const).map((s) => ({ value: s, label: t(`journalPage.status.${s}`) }))]}
          data-testid="status-filter"
        />
        <DatePicker.RangePicker value={range} onChange={(v) => (setRange(v?.[0] && v[1] ? [v[0], v[1]] : null), first())} />
      </Flex>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table
        data-testid="manual-entries"
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={pagination(list.data?.total)}
        onChange={onChange}
        onRow={(e) => ({ onClick: () => setOpenId(e.id), style: { cursor: 'pointer' } })}
      />
      {editing ? (
        <EntryDrawer
          t={t}
          entry={editing === 'new' ? null : editing}
          accounts={(accounts.data?.items ?? []).filter((a) => a.active)}
          onClose={() => setEditing(null)}
          onSaved={(e) => {
            setEditing(null);
            void message.success(t('journalPage.saved'));
            list.reload();
            setOpenId(e.id);
          }}
          reportError={reportError}
        />
      ) : null}
      {openId ? (
        <EntryDetail
          t={t}
          id={openId}
          meId={me.id}
          onClose={() => setOpenId(null)}
          onEdit={(e) => (setOpenId(null), setEditing(e))}
          onChanged={list.reload}
        />
      ) : null}
      <YearEndCloseDialog t={t} open={yearEndOpen} onClose={() => setYearEndOpen(false)} onClosed={list.reload} />
    </>
  );
}

function EntryDrawer({
  t,
  entry,
  accounts,
  onClose,
  onSaved,
  reportError,
}: {
  t: JournalT;
  entry: ManualEntryView | null;
  accounts: Account[];
  onClose(): void;
  onSaved(entry: ManualEntryView): void;
  reportError: ReturnType<typeof useReportError>;
}) {
  const english = useTranslation().i18n.language === 'en';
  const me = useMe();
  const [form] = Form.useForm<EntryForm>();
  const [saving, setSaving] = useState(false);
  const lines = Form.useWatch('lines', form) ?? [];
  const debit = lines.reduce((s, l) => s + fenOf(l?.debit), 0);
  const credit = lines.reduce((s, l) => s + fenOf(l?.credit), 0);
  // Headings (accounts with active sub-accounts) take no posting: offer only leaves.
  const headings = new Set(accounts.map((a) => a.parentCode).filter(Boolean));
  const options = accounts.filter((a) => !headings.has(a.code)).map((a) => ({ value: a.code, label: `${a.code} ${english ? a.nameEn : a.name}` }));

  const initial: EntryForm = entry
    ? {
        storeId: entry.storeId,
        date: dayjs(entry.date),
        memo: entry.memo,
        lines: (entry.lines ?? []).map((l) => ({ account: l.account, debit: l.debit ? yuanOf(l.debit) : null, credit: l.credit ? yuanOf(l.credit) : null, memo: l.memo })),
      }
    : { storeId: me.stores[0]?.id ?? '', date: dayjs(), memo: '', lines: [{}, {}] };

  const submit = (v: EntryForm) =>
    withSaving(
      setSaving,
      async () => {
        const body = {
          date: v.date.format('YYYY-MM-DD'),
          memo: v.memo,
          lines: v.lines.map((l) => ({ account: l.account, debit: fenOf(l.debit), credit: fenOf(l.credit), memo: l.memo ?? '' })),
        };
        const saved = entry
          ? await api.patch<ManualEntryView>(`/journal/manual-entries/${entry.id}`, { ...body, version: entry.version })
          : await api.post<ManualEntryView>('/journal/manual-entries', { id: uuidv7(), storeId: v.storeId, ...body });
        onSaved(saved);
      },
      (error) => reportError(error, form),
    );

  const columns: LineColumn[] = [
    {
      title: t('journalPage.account'),
      key: 'account',
      render: (_, field) => (
        <Form.Item name={[field.name, 'account']} rules={[{ required: true, message: t('journalPage.required', { field: t('journalPage.account') }) }]} style={{ margin: 0 }}>
          <Select showSearch optionFilterProp="label" options={options} style={{ width: 220 }} />
        </Form.Item>
      ),
    },
    ...(['debit', 'credit'] as const).map(
      (side): LineColumn => ({
        title: t(`journalPage.${side}`),
        key: side,
        width: 120,
        render: (_, field) => (
          <Form.Item name={[field.name, side]} style={{ margin: 0 }}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        ),
      }),
    ),
    {
      title: t('journalPage.lineMemo'),
      key: 'memo',
      render: (_, field) => (
        <Form.Item name={[field.name, 'memo']} style={{ margin: 0 }}>
          <Input maxLength={200} />
        </Form.Item>
      ),
    },
  ];

  return (
    <FormDrawer open title={entry ? t('journalPage.editEntry') : t('journalPage.newEntry')} form={form} saving={saving} onClose={onClose} size={860} submitTestId="save-entry" testId="entry-drawer">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Flex gap={12}>
          <Form.Item name="storeId" label={t('journalPage.store')} rules={[{ required: true }]} style={{ minWidth: 200 }}>
            <Select disabled={Boolean(entry)} options={me.stores.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="date" label={t('journalPage.date')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Flex>
        <Form.Item name="memo" label={t('journalPage.memo')} rules={[{ required: true, message: t('journalPage.required', { field: t('journalPage.memo') }) }]}>
          <Input maxLength={500} />
        </Form.Item>
        <LinesEditor columns={columns} tableTestId="entry-lines" addTestId="add-line" removeLabel={t('journalPage.removeLine')} />
        <Flex justify="flex-end" gap={16} style={{ marginTop: 12 }}>
          <span>
            {t('journalPage.debit')} {money(debit)}
          </span>
          <span>
            {t('journalPage.credit')} {money(credit)}
          </span>
          {debit === credit ? <Tag color="green">{t('journalPage.balanced')}</Tag> : <Tag color="red">{t('journalPage.difference')} {money(debit - credit)}</Tag>}
        </Flex>
      </Form>
    </FormDrawer>
  );
}

function EntryDetail({ t, id, meId, onClose, onEdit, onChanged }: { t: JournalT; id: string; meId: string; onClose(): void; onEdit(e: ManualEntryView): void; onChanged(): void }) {
  const english = useTranslation().i18n.language === 'en';
  const { can, storeName } = useSession();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const entry = useRemote((signal) => api.get<ManualEntryView>(`/journal/manual-entries/${id}`, { signal }), [id]);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reversing, setReversing] = useState(false);
  const [openDocument, setOpenDocument] = useState<string | null>(null);
  const e = entry.data;
  const done = () => (entry.reload(), onChanged());
  const run = async (write: () => Promise<void>) => {
    setBusy(true);
    try {
      await write();
      done();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  const selfAuthored = e ? e.createdBy === meId || e.updatedBy === meId : false;
  const approve = () =>
    modal.confirm({
      title: t('journalPage.approve'),
      content: t('journalPage.approveConfirm'),
      onOk: () =>
        run(async () => {
          const doc = await api.post<PostedDocument>(`/journal/manual-entries/${id}/approve`, { version: e!.version });
          void message.success(t('journalPage.approved', { number: doc.number }));
        }),
    });

  const lineColumns: TableColumnsType<NonNullable<ManualEntryView['lines']>[number]> = [
    { title: t('journalPage.account'), key: 'account', render: (_, l) => `${l.account} ${(english ? l.accountNameEn : l.accountName) ?? ''}` },
    { title: t('journalPage.lineMemo'), dataIndex: 'memo' },
    { title: t('journalPage.debit'), dataIndex: 'debit', align: 'right', render: (v: number) => (v ? money(v) : '') },
    { title: t('journalPage.credit'), dataIndex: 'credit', align: 'right', render: (v: number) => (v ? money(v) : '') },
  ];

  return (
    <Drawer open size={760} onClose={onClose} title={e ? `${e.documentNumber ?? t(`journalPage.status.${e.status}`)} · ${e.memo}` : ''} data-testid="entry-detail"
      extra={
        e ? (
          <Space>
            {e.status === 'draft' && can('journal.draft') ? <Button onClick={() => onEdit(e)}>{t('journalPage.edit')}</Button> : null}
            {e.status === 'draft' && can('journal.approve') ? (
              <>
                <Button danger disabled={busy} onClick={() => setRejecting(true)} data-testid="reject-entry">{t('journalPage.reject')}</Button>
                <Button type="primary" loading={busy} disabled={selfAuthored} title={selfAuthored ? t('journalPage.selfApprovalHint') : undefined} onClick={approve} data-testid="approve-entry">
                  {t('journalPage.approve')}
                </Button>
              </>
            ) : null}
            {e.status === 'posted' && !e.reversalDocumentId && can('journal.approve') ? (
              <Button danger onClick={() => setReversing(true)} data-testid="reverse-entry">{t('journalPage.reverse')}</Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {entry.error ? <LoadError error={entry.error} onRetry={entry.reload} /> : null}
      {e ? (
        <Flex vertical gap={16}>
          {e.status === 'draft' && selfAuthored ? <Alert type="info" showIcon title={t('journalPage.selfApprovalHint')} /> : null}
          {e.rejectReason ? <Alert type="warning" showIcon title={t('journalPage.rejectedBecause', { reason: e.rejectReason })} /> : null}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('journalPage.date')}>{e.date}</Descriptions.Item>
            <Descriptions.Item label={t('journalPage.store')}>{storeName(e.storeId) ?? e.storeId}</Descriptions.Item>
            <Descriptions.Item label={t('journalPage.createdBy')}>{e.createdByName} · {formatDateTime(e.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('journalPage.decidedBy')}>{e.decidedByName ? `${e.decidedByName} · ${formatDateTime(e.decidedAt)}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('journalPage.total')}>{money(e.total)}</Descriptions.Item>
            <Descriptions.Item label={t('journalPage.number')}>
              {/* The posted entry is a document: open it with its journal (every entry links back to its document). */}
              {e.documentId && e.documentNumber ? (
                can('documents.read') ? (
                  <Typography.Link onClick={() => setOpenDocument(e.documentId)} data-testid="entry-document">{e.documentNumber}</Typography.Link>
                ) : (
                  e.documentNumber
                )
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('journalPage.reversedBy')}>
              {e.reversalDocumentId ? (
                <Tag color="red" style={can('documents.read') ? { cursor: 'pointer' } : undefined} onClick={() => can('documents.read') && setOpenDocument(e.reversalDocumentId)} data-testid="entry-reversal-document">
                  {t('journalPage.reversed')}
                </Tag>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
          <Table rowKey={(l) => `${l.account}-${l.debit}-${l.credit}-${l.memo}`} size="small" pagination={false} columns={lineColumns} dataSource={e.lines ?? []} data-testid="entry-detail-lines" />
        </Flex>
      ) : null}
      <DocumentDrawer documentId={openDocument} onClose={() => setOpenDocument(null)} />
      <ReasonDialog
        open={rejecting}
        title={t('journalPage.reject')}
        label={t('journalPage.rejectReason')}
        onCancel={() => setRejecting(false)}
        onOk={(reason) => run(async () => {
          await api.post(`/journal/manual-entries/${id}/reject`, { reason });
          setRejecting(false);
        })}
      />
      <ReverseDialog
        t={t}
        open={reversing}
        onCancel={() => setReversing(false)}
        onOk={(memo, date) => run(async () => {
          const doc = await api.post<PostedDocument>(`/journal/documents/${e!.documentId}/reverse`, { id: uuidv7(), memo, ...(date ? { date } : {}) });
          setReversing(false);
          void message.success(t('journalPage.reversedOk', { number: doc.number }));
        })}
      />
    </Drawer>
  );
}

function ReasonDialog({ open, title, label, onCancel, onOk }: { open: boolean; title: string; label: string; onCancel(): void; onOk(reason: string): void }) {
  const [reason, setReason] = useState('');
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => onOk(reason.trim())} okButtonProps={{ disabled: !reason.trim(), danger: true }} destroyOnHidden>
      <Typography.Text>{label}</Typography.Text>
      <Input.TextArea value={reason} onChange={(ev) => setReason(ev.target.value)} maxLength={500} rows={3} data-testid="reason-input" />
    </Modal>
  );
}

function ReverseDialog({ t, open, onCancel, onOk }: { t: JournalT; open: boolean; onCancel(): void; onOk(memo: string, date: string | null): void }) {
  const [memo, setMemo] = useState('');
  const [date, setDate] = useState<Dayjs | null>(null);
  return (
    <Modal open={open} title={t('journalPage.reverse')} onCancel={onCancel} onOk={() => onOk(memo.trim(), date ? date.format('YYYY-MM-DD') : null)} okButtonProps={{ disabled: !memo.trim(), danger: true }} destroyOnHidden>
      <Flex vertical gap={8}>
        <Typography.Text>{t('journalPage.reverseMemo')}</Typography.Text>
        <Input value={memo} onChange={(ev) => setMemo(ev.target.value)} maxLength={500} data-testid="reverse-memo" />
        <Typography.Text>{t('journalPage.reverseDate')}</Typography.Text>
        <DatePicker value={date} onChange={setDate} />
      </Flex>
    </Modal>
  );
}

function YearEndCloseDialog({ t, open, onClose, onClosed }: { t: JournalT; open: boolean; onClose(): void; onClosed(): void }) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const [year, setYear] = useState<number | null>(dayjs().year() - 1);
  const [busy, setBusy] = useState(false);
  const closed = useRemote((signal) => (open ? api.get<{ items: { year: number; profit: number; closedByName: string | null }[] }>('/books/year-end-closes', { signal }) : Promise.resolve({ items: [] })), [open]);
  const confirm = async () => {
    if (!year) return;
    setBusy(true);
    try {
      const r = await api.post<{ year: number; profit: number }>('/books/year-end-close', { year });
      void message.success(t('journalPage.yearEndDone', { year: r.year, profit: formatMoney(r.profit) }));
      onClosed();
      onClose();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('journalPage.yearEndTitle')} onCancel={onClose} onOk={confirm} okText={t('journalPage.yearEndConfirm')} okButtonProps={{ danger: true, loading: busy, disabled: !year }} destroyOnHidden data-testid="year-end-dialog">
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t('journalPage.yearEndWarning')} />
        <Flex gap={8} align="center">
          <Typography.Text>{t('journalPage.yearEndYear')}</Typography.Text>
          <InputNumber min={2000} max={2999} precision={0} value={year} onChange={(v) => setYear(v)} data-testid="year-end-year" />
        </Flex>
        {closed.data?.items.length ? (
          <Typography.Text type="secondary">
            {t('journalPage.closedYears')}: {closed.data.items.map((y) => `${y.year} (${formatMoney(y.profit)})`).join(', ')}
          </Typography.Text>
        ) : null}
      </Flex>
    </Modal>
  );
}
