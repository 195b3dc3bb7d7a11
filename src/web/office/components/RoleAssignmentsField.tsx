// Form.List of role × store rows, shared by the create and edit user drawers.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLE_NAMES, type RoleAssignment, type RoleName } from '../../shared/types';
import { useMe } from '../session/session';
import { roleLabel } from './labels';

/** Select value standing for "all stores" (storeId null on the wire). */
export const ALL_STORES = '*';

export interface RoleRow {
  role: RoleName;
  storeId: string;
}

export function toRoleRows(roles: RoleAssignment[]): RoleRow[] {
  return roles.map((role) => ({ role: role.role, storeId: role.storeId ?? ALL_STORES }));
}

export function fromRoleRows(rows: RoleRow[] | undefined): RoleAssignment[] {
  return (rows ?? []).map((row) => ({ role: row.role, storeId: row.storeId === ALL_STORES ? null : row.storeId }));
}

export function RoleAssignmentsField() {
  const { t } = useTranslation();
  const me = useMe();
  const storeOptions = [
    { value: ALL_STORES, label: t('users.allStores') },
    ...me.stores.map((store) => ({ value: store.id, label: `${store.name} (${store.code})` })),
  ];
  const roleOptions = ROLE_NAMES.map((role) => ({ value: role, label: roleLabel(t, role) }));

  return (
    <Form.Item label={t('users.roleAssignments')} extra={t('users.roleAssignmentsHelp')} required>
      <Form.List
        name="roles"
        rules={[
          {
            validator: async (_, rows: RoleRow[] | undefined) => {
              if (!rows || rows.length === 0) throw new Error(t('users.rolesRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid="role-row">
                <Form.Item
                  name={[field.name, 'role']}
                  rules={[{ required: true, message: t('common.selectRequired', { field: t('users.role') }) }]}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  <Select aria-label={t('users.role')} options={roleOptions} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'storeId']}
                  rules={[{ required: true, message: t('common.selectRequired', { field: t('users.store') }) }]}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  <Select aria-label={t('users.store')} options={storeOptions} />
                </Form.Item>
                <Button
                  type="text"
                  aria-label={t('users.removeRole')}
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  disabled={fields.length === 1}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'cashier', storeId: me.stores[0]?.id ?? ALL_STORES })}
            >
              {t('users.addRole')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
