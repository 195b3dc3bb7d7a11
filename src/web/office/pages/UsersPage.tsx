import { EditOutlined, KeyOutlined, MoreOutlined, NumberOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ButtonProps, MenuProps, TableColumnsType } from 'antd';
import type { USER_SORTS } from '../../../contracts/users';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { Page, User } from '../../shared/types';
import { ExportButton } from '../components/ExportButton';
import { LoadError, useReportError } from '../components/feedback';
import { roleAssignmentLabel } from '../components/labels';
import { FormDrawer } from '../components/FormDrawer';
import { PageHeader } from '../components/PageHeader';
import { ALL_STORES, RoleAssignmentsField, fromRoleRows, toRoleRows, type RoleRow } from '../components/RoleAssignmentsField';
import { useRemote } from '../components/useRemote';
import { usePaging } from '../components/usePaging';
import { useMe, useSession } from '../session/session';

interface CreateUserForm {
  username: string;
  displayName: string;
  password: string;
  roles: RoleRow[];
}

interface EditUserForm {
  displayName: string;
  roles: RoleRow[];
}

function sameRoles(a: RoleRow[], b: RoleRow[]): boolean {
  const key = (rows: RoleRow[]) => rows.map((row) => `${row.role}@${row.storeId}`).sort().join(',');
  return key(a) === key(b);
}

function CreateUserDrawer({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(user: User): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<CreateUserForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();

  const submit = async (values: CreateUserForm) => {
    setSaving(true);
    try {
      const user = await api.post<User>('/users', {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        roles: fromRoleRows(values.roles),
      });
      form.resetFields();
      onCreated(user);
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer
      title={t('users.createTitle')}
      open={open}
      onClose={onClose}
      form={form}
      saving={saving}
      size={520}
      testId="create-user-drawer"
      submitTestId="create-user-submit"
      submitText={t('common.create')}
    >
      <Form<CreateUserForm>
        form={form}
        name="createUser"
        layout="vertical"
        onFinish={submit}
        initialValues={{ roles: [{ role: 'cashier', storeId: me.stores[0]?.id ?? ALL_STORES }] }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.username') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {/* Length and strength rules live on the server (one policy); its message shows here. */}
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHelp')}
          rules={[{ required: true, message: t('common.required', { field: t('users.password') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <RoleAssignmentsField />
      </Form>
    </FormDrawer>
  );
}

function EditUserDrawer({ user, onClose, onSaved }: { user: User | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditUserForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const { message } = App.useApp();

  const submit = async (values: EditUserForm) => {
    if (!user) return;
    setSaving(true);
    try {
      const displayName = values.displayName.trim();
      if (displayName !== user.displayName) await api.patch<User>(`/users/${user.id}`, { displayName });
      if (!sameRoles(values.roles, toRoleRows(user.roles))) {
        await api.put<User>(`/users/${user.id}/roles`, { roles: fromRoleRows(values.roles) });
      }
      void message.success(t('common.saved'));
      onSaved();
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer title={user ? t('users.editTitle', { name: user.username }) : ''} open={user !== null} onClose={onClose} form={form} saving={saving} size={520}>
      {user ? (
        <Form<EditUserForm>
          form={form}
          name="editUser"
          layout="vertical"
          onFinish={submit}
          initialValues={{ displayName: user.displayName, roles: toRoleRows(user.roles) }}
        >
          <Form.Item label={t('users.username')}>
            <Input value={user.username} disabled />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <RoleAssignmentsField />
        </Form>
      ) : null}
    </FormDrawer>
  );
}

type SecretKind = 'password' | 'pin';

/** Reset password or set PIN: one write-only field, the server's field error shown beneath it. */
function SecretModal({
  target,
  onClose,
  onSaved,
}: {
  target: { user: User; kind: SecretKind } | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password?: string; pin?: string }>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const { message } = App.useApp();
  const kind = target?.kind ?? 'password';
  const name = target?.user.username ?? '';

  const submit = async (values: { password?: string; pin?: string }) => {
    if (!target) return;
    setSaving(true);
    try {
      if (kind === 'password') {
        await api.post<void>(`/users/${target.user.id}/password`, { password: values.password });
        void message.success(t('users.passwordReset', { name }));
      } else {
        await api.post<void>(`/users/${target.user.id}/pin`, { pin: values.pin });
        void message.success(t('users.pinSaved', { name }));
      }
      onSaved();
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={kind === 'password' ? t('users.resetPasswordTitle', { name }) : t('users.setPinTitle', { name })}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'secret-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} name="secret" layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        {kind === 'password' ? (
          <Form.Item
            name="password"
            label={t('users.newPassword')}
            extra={t('users.passwordHelp')}
            rules={[{ required: true, message: t('common.required', { field: t('users.newPassword') }) }]}
          >
            <Input.Password autoComplete="new-password" autoFocus />
          </Form.Item>
        ) : (
          <Form.Item
            name="pin"
            label={t('users.pin')}
            extra={t('users.pinHelp')}
            rules={[
              { required: true, message: t('common.required', { field: t('users.pin') }) },
              { pattern: /^\d+$/, message: t('users.pinDigits') },
            ]}
          >
            <Input.Password inputMode="numeric" autoComplete="off" maxLength={12} style={{ maxWidth: 200 }} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { storeName } = useSession();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [query, setQuery] = useState('');
  // One store's people: its own staff and whoever holds a company-wide role.
  const [storeFilter, setStoreFilter] = useState(ALL_STORES);
  const { paging, pagination, onChange, first, sort, sortable } = usePaging<(typeof USER_SORTS)[number]>(20, 'username');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [secret, setSecret] = useState<{ user: User; kind: SecretKind } | null>(null);

  const listQuery = { q: query, storeId: storeFilter === ALL_STORES ? undefined : storeFilter, sort, page: paging.page, pageSize: paging.pageSize };
  const users = useRemote((signal) => api.get<Page<User>>('/users', { signal, query: listQuery }), [query, storeFilter, sort, paging.page, paging.pageSize]);

  const setDisabled = (user: User, disabled: boolean) => {
    const run = async () => {
      try {
        await api.patch<User>(`/users/${user.id}`, { disabled });
        void message.success(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { name: user.username }));
        users.reload();
      } catch (error) {
        reportError(error);
      }
    };
    if (!disabled) return void run();
    modal.confirm({
      title: t('users.disable'),
      content: t('users.disableConfirm', { name: user.username }),
      okText: t('users.disable'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const rowMenu = (user: User): MenuProps => ({
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('users.resetPassword') },
      { key: 'pin', icon: <NumberOutlined />, label: t('users.setPin') },
      { type: 'divider' },
      user.disabled
        ? { key: 'enable', icon: <CheckCircleOutlined />, label: t('users.enable') }
        : { key: 'disable', icon: <StopOutlined />, label: t('users.disable'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password' || key === 'pin') setSecret({ user, kind: key });
      if (key === 'disable') setDisabled(user, true);
      if (key === 'enable') setDisabled(user, false);
    },
  });

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      ...sortable('username'),
      render: (username: string) => <Typography.Text strong>{username}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', ...sortable('displayName') },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.roles.map((role) => (
            <Tag key={`${role.role}:${role.storeId}`} color={role.storeId === null ? 'geekblue' : 'cyan'}>
              {roleAssignmentLabel(t, role, storeName)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 160,
      render: (_, user) => (
        <Flex gap={4} wrap>
          {user.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="success">{t('users.active')}</Tag>}
          {user.hasPin ? <Tag icon={<NumberOutlined />}>{t('users.pinSet')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      ...sortable('createdAt'),
      render: (value: string) => <Typography.Text type="secondary">{formatDateTime(value)}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, user) => (
        <Flex gap={4}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(user)} style={{ paddingInline: 0 }}>
            {t('common.edit')}
          </Button>
          <Dropdown menu={rowMenu(user)} trigger={['click']}>
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
          </Dropdown>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <ExportButton path="/users" query={listQuery} testId="users-export" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">
              {t('users.new')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            value={storeFilter}
            style={{ minWidth: 180 }}
            aria-label={t('users.store')}
            data-testid="user-store-filter"
            onChange={(value) => {
              setStoreFilter(value);
              first();
            }}
            options={[{ value: ALL_STORES, label: t('users.allStores') }, ...me.stores.map((store) => ({ value: store.id, label: `${store.name} (${store.code})` }))]}
          />
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            style={{ maxWidth: 320 }}
            onSearch={(value) => {
              setQuery(value.trim());
              first();
            }}
            data-testid="user-search"
          />
        </Flex>
        {users.error ? <LoadError error={users.error} onRetry={users.reload} /> : null}
        <Table<User>
          rowKey="id"
          size="middle"
          data-testid="users-table"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.loading}
          pagination={pagination(users.data?.total)}
          onChange={onChange}
        />
      </Card>
      <CreateUserDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          void message.success(t('users.created', { name: user.username }));
          users.reload();
        }}
      />
      <EditUserDrawer
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          users.reload();
        }}
      />
      <SecretModal
        target={secret}
        onClose={() => setSecret(null)}
        onSaved={() => {
          setSecret(null);
          // hasPin changes with a PIN; a password reset changes nothing shown, but keeps the list current.
          users.reload();
        }}
      />
    </>
  );
}
