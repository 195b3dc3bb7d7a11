// 科目表: the company's chart of accounts (小企业会计准则 first-level codes plus the sub-accounts
// finance adds), editable by owner/finance (accounts.manage), and the lock date that closes the
// books (关账, books.lock). The server keeps the rules (docs/accounting.md): a sub-account takes its
// parent's type, an account with postings keeps its type, and an account with a balance, active
// sub-accounts, a posting rule or the automatic postings behind it cannot be deactivated. Accounts
// are never deleted, so the reports of past periods keep their lines.
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TYPES, type AccountType } from '../../../../contracts/accounting';
import { api, ApiError } from '../../../shared/api';
import { LoadError, problemText, useReportError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { useAccountsT } from '../../i18n/accounts';
import { useSession } from '../../session/session';

interface Account {
  code: string;
  name: string;
  nameEn: string;
  type: AccountType;
  parentCode: string | null;
  active: boolean;
}

interface AccountForm {
  code: string;
  parentCode?: string;
  name: string;
  nameEn: string;
  type?: AccountType;
}

const TYPE_COLORS: Record<AccountType, string> = { asset: 'blue', liability: 'orange', equity: 'purple', revenue: 'green', expense: 'red' };
const ANY = '';

/** Editing an existing account, or creating one (optionally under a given parent). */
type Editing = { mode: 'edit'; account: Account } | { mode: 'create'; parentCode?: string } | null;

export default function ChartOfAccountsPage() {
  const t = useAccountsT();
  const { t: tAny } = useTranslation();
  const english = useTranslation().i18n.language === 'en';
  const { message } = App.useApp();
  const reportError = useReportError();
  const { can } = useSession();
  const canEdit = can('accounts.manage');
  const accounts = useRemote((signal) => api.get<{ items: Account[] }>('/accounts', { signal }), []);
  const [search, setSearch] = useState('');
  const [type, setType] = useState<AccountType | typeof ANY>(ANY);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<AccountForm>();

  const items = accounts.data?.items ?? [];
  const byCode = useMemo(() => new Map(items.map((a) => [a.code, a])), [items]);
  const depth = (a: Account) => {
    let d = 0;
    for (let p = a.parentCode; p && d < 10; p = byCode.get(p)?.parentCode ?? null) d++;
    return d;
  };
  const label = (a: Account) => `${a.code} ${english ? a.nameEn : a.name}`;
  const needle = search.trim().toLowerCase();
  const shown = items.filter(
    (a) =>
      (showInactive || a.active) &&
      (type === ANY || a.type === type) &&
      (!needle || a.code.includes(needle) || a.name.toLowerCase().includes(needle) || a.nameEn.toLowerCase().includes(needle)),
  );

  const open = (next: Editing) => {
    form.resetFields();
    if (next?.mode === 'edit') form.setFieldsValue({ code: next.account.code, name: next.account.name, nameEn: next.account.nameEn, type: next.account.type });
    if (next?.mode === 'create' && next.parentCode) form.setFieldsValue({ parentCode: next.parentCode, code: next.parentCode });
    setEditing(next);
  };

  const save = async (v: AccountForm) => {
    if (!editing) return;
    setBusy('form');
    try {
      if (editing.mode === 'create') {
        await api.post('/accounts', { code: v.code, name: v.name, nameEn: v.nameEn, ...(v.parentCode ? { parentCode: v.parentCode } : { type: v.type }) });
        void message.success(t('accountsPage.created', { code: v.code }));
      } else {
        const a = editing.account;
        const patch = {
          ...(v.name !== a.name ? { name: v.name } : {}),
          ...(v.nameEn !== a.nameEn ? { nameEn: v.nameEn } : {}),
          ...(!a.parentCode && v.type && v.type !== a.type ? { type: v.type } : {}),
        };
        if (Object.keys(patch).length > 0) await api.patch(`/accounts/${a.code}`, patch);
        void message.success(t('accountsPage.saved'));
      }
      setEditing(null);
      accounts.reload();
    } catch (error) {
      reportError(error, form);
    } finally {
      setBusy(null);
    }
  };

  const setActive = async (a: Account, active: boolean) => {
    setBusy(a.code);
    try {
      await api.patch(`/accounts/${a.code}`, { active });
      void message.success(t(active ? 'accountsPage.reactivated' : 'accountsPage.deactivated', { code: a.code }));
      accounts.reload();
    } catch (error) {
      // Which rule, sub-account or balance stops it is in the server's detail: show both.
      if (error instanceof ApiError && error.problem.detail) void message.error(`${problemText(error, tAny)} · ${error.problem.detail}`);
      else reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Account> = [
    {
      title: t('accountsPage.code'),
      dataIndex: 'code',
      width: 170,
      render: (code: string, a) => (
        <span style={{ paddingLeft: depth(a) * 18 }}>
          <Typography.Text code>{code}</Typography.Text>
        </span>
      ),
    },
    { title: t('accountsPage.name'), dataIndex: 'name' },
    { title: t('accountsPage.nameEn'), dataIndex: 'nameEn' },
    { title: t('accountsPage.type'), dataIndex: 'type', width: 110, render: (v: AccountType) => <Tag color={TYPE_COLORS[v]}>{t(`accountsPage.types.${v}`)}</Tag> },
    {
      title: t('accountsPage.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="success">{t('accountsPage.active')}</Tag> : <Tag>{t('accountsPage.inactive')}</Tag>),
    },
    ...(canEdit
      ? [
          {
            title: t('accountsPage.actions'),
            key: 'actions',
            width: 260,
            render: (_: unknown, a: Account) => (
              <Space size={4}>
                <Button size="small" type="link" data-testid={`account-edit-${a.code}`} onClick={() => open({ mode: 'edit', account: a })}>
                  {t('accountsPage.edit')}
                </Button>
                {a.active ? (
                  <>
                    <Button size="small" type="link" data-testid={`account-add-child-${a.code}`} onClick={() => open({ mode: 'create', parentCode: a.code })}>
                      {t('accountsPage.addChild')}
                    </Button>
                    <Popconfirm title={t('accountsPage.deactivateConfirm', { code: a.code })} onConfirm={() => setActive(a, false)}>
                      <Button size="small" type="link" danger loading={busy === a.code} data-testid={`account-deactivate-${a.code}`}>
                        {t('accountsPage.deactivate')}
                      </Button>
                    </Popconfirm>
                  </>
                ) : (
                  <Button size="small" type="link" loading={busy === a.code} data-testid={`account-reactivate-${a.code}`} onClick={() => void setActive(a, true)}>
                    {t('accountsPage.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const parentCode = Form.useWatch('parentCode', form);
  const parent = parentCode ? byCode.get(parentCode) : undefined;
  // A sub-account's type is its parent's: shown, not chosen.
  const fixedType = parent?.type ?? (editing?.mode === 'edit' && editing.account.parentCode ? editing.account.type : undefined);
  const required = [{ required: true, whitespace: true, message: t('accountsPage.required') }];

  return (
    <>
      <PageHeader
        title={t('accountsPage.title')}
        subtitle={t('accountsPage.subtitle')}
        extra={
          canEdit ? (
            <Button type="primary" data-testid="account-add" onClick={() => open({ mode: 'create' })}>
              {t('accountsPage.add')}
            </Button>
          ) : undefined
        }
      />
      <LockDateCard />
      {accounts.error ? <LoadError error={accounts.error} onRetry={accounts.reload} /> : null}
      {!canEdit ? <Alert type="info" showIcon title={t('accountsPage.readOnly')} style={{ marginBottom: 16 }} /> : null}
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('accountsPage.search')} style={{ width: 240 }} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="account-search" />
          <Select
            aria-label={t('accountsPage.type')}
            style={{ width: 160 }}
            value={type}
            onChange={setType}
            options={[{ value: ANY, label: t('accountsPage.allTypes') }, ...ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`accountsPage.types.${v}`) }))]}
          />
          <Space size={6}>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} data-testid="account-show-inactive" />
            <Typography.Text>{t('accountsPage.showInactive')}</Typography.Text>
          </Space>
        </Flex>
        <Table<Account>
          rowKey="code"
          size="small"
          data-testid="accounts-table"
          loading={accounts.loading && !accounts.data}
          columns={columns}
          dataSource={shown}
          pagination={false}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('accountsPage.editTitle', { code: editing.account.code }) : t('accountsPage.createTitle')}
        okText={t('accountsPage.save')}
        cancelText={t('accountsPage.cancel')}
        confirmLoading={busy === 'form'}
        okButtonProps={{ 'data-testid': 'account-save' }}
        cancelButtonProps={{ 'data-testid': 'account-cancel' }}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        data-testid="account-modal"
      >
        <Form<AccountForm> form={form} layout="vertical" onFinish={save} requiredMark={false}>
          {editing?.mode === 'create' ? (
            <Form.Item name="parentCode" label={t('accountsPage.parent')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('accountsPage.noParent')}
                data-testid="account-parent"
                onChange={(code?: string) => form.setFieldsValue({ code: code ?? '' })}
                options={items.filter((a) => a.active).map((a) => ({ value: a.code, label: label(a) }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="code" label={t('accountsPage.code')} rules={required} extra={editing?.mode === 'create' ? t('accountsPage.codeHelp') : undefined}>
            <Input disabled={editing?.mode === 'edit'} maxLength={20} data-testid="account-code" />
          </Form.Item>
          <Form.Item name="name" label={t('accountsPage.name')} rules={required}>
            <Input maxLength={200} data-testid="account-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('accountsPage.nameEn')} rules={required}>
            <Input maxLength={200} data-testid="account-name-en" />
          </Form.Item>
          {fixedType ? (
            <Form.Item label={t('accountsPage.type')} extra={t('accountsPage.typeFromParent')}>
              <Tag color={TYPE_COLORS[fixedType]}>{t(`accountsPage.types.${fixedType}`)}</Tag>
            </Form.Item>
          ) : (
            <Form.Item name="type" label={t('accountsPage.type')} rules={[{ required: true, message: t('accountsPage.required') }]}>
              <Select data-testid="account-type" options={ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`accountsPage.types.${v}`) }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** 关账: the company's lock date. Moving it needs books.lock on every store (the server says 403 otherwise). */
function LockDateCard() {
  const t = useAccountsT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { can } = useSession();
  const lock = useRemote((signal) => api.get<{ lockDate: string | null }>('/books/lock-date', { signal }), []);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const lockDate = lock.data?.lockDate ?? null;

  const put = async (next: string | null) => {
    setBusy(true);
    try {
      await api.put('/books/lock-date', { lockDate: next });
      void message.success(t('accountsPage.lock.saved'));
      setDate(null);
      lock.reload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('accountsPage.lock.title')} style={{ marginBottom: 16 }} data-testid="lock-date-card">
      {lock.error ? <LoadError error={lock.error} onRetry={lock.reload} /> : null}
      <Flex gap={12} wrap align="center" justify="space-between">
        <Typography.Text data-testid="lock-date-status">
          {lockDate ? t('accountsPage.lock.closedThrough', { date: lockDate }) : t('accountsPage.lock.open')}
        </Typography.Text>
        {can('books.lock') ? (
          <Space>
            <DatePicker
              aria-label={t('accountsPage.lock.date')}
              placeholder={t('accountsPage.lock.date')}
              value={date}
              onChange={setDate}
              // Today's trading must always post: the server refuses today or later (lock_date_not_past).
              disabledDate={(d) => !d.isBefore(dayjs(), 'day')}
              data-testid="lock-date-picker"
            />
            <Button disabled={!date} loading={busy} onClick={() => date && void put(date.format('YYYY-MM-DD'))} data-testid="lock-date-save">
              {t('accountsPage.lock.close')}
            </Button>
            {lockDate ? (
              <Popconfirm title={t('accountsPage.lock.reopenConfirm')} onConfirm={() => put(null)}>
                <Button danger loading={busy} data-testid="lock-date-reopen">
                  {t('accountsPage.lock.reopen')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null}
      </Flex>
    </Card>
  );
}
