// 商品分类: the category tree; create, rename and move (a category cannot go under itself).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Table, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';
import type { Category } from '../../../shared/inventory-types';
import { LoadError, useReportError } from '../../components/feedback';
import { FormDrawer, withSaving } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { useCategoryTree } from '../../components/useCategories';
import { useSession } from '../../session/session';

interface CategoryForm {
  code: string;
  name: string;
  parentId?: string | null;
}

type Editing = { mode: 'new'; parentId: string | null } | { mode: 'edit'; category: Category } | null;

function CategoryDrawer({ editing, onClose, onSaved }: { editing: Editing; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CategoryForm>();
  const [saving, setSaving] = useState(false);
  const reportError = useReportError();
  const tree = useCategoryTree();
  const submit = (v: CategoryForm) =>
    withSaving(
      setSaving,
      async () => {
        const body = { code: v.code.trim(), name: v.name.trim(), parentId: v.parentId ?? null };
        if (editing?.mode === 'edit') await api.patch(`/categories/${editing.category.id}`, body);
        else await api.post('/categories', body);
        onSaved();
      },
      (error) => reportError(error, form),
    );
  const initial: Partial<CategoryForm> =
    editing?.mode === 'edit' ? { code: editing.category.code, name: editing.category.name, parentId: editing.category.parentId } : { parentId: editing?.parentId ?? null };
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <FormDrawer
      open={editing !== null}
      title={editing?.mode === 'edit' ? t('categories.editTitle', { name: editing.category.name }) : t('categories.createTitle')}
      form={form}
      saving={saving}
      onClose={onClose}
      submitText={editing?.mode === 'edit' ? t('common.save') : t('common.create')}
    >
      <Form<CategoryForm> form={form} name="category" layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="code" label={t('categories.code')} rules={required(t('categories.code'))}>
          <Input style={{ maxWidth: 200 }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('categories.name')} rules={required(t('categories.name'))}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="parentId" label={t('categories.parent')} extra={t('categories.parentHelp')}>
          <TreeSelect allowClear treeData={tree.treeData} treeDefaultExpandAll />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

export default function CategoriesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const canManage = can('catalog.manage');
  const tree = useCategoryTree();
  const [editing, setEditing] = useState<Editing>(null);
  const columns: TableColumnsType<Category> = [
    { title: t('categories.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('categories.code'), dataIndex: 'code', width: 200, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, c) => (
        <>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', category: c })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new', parentId: c.id })}>
            {t('categories.addChild')}
          </Button>
        </>
      ),
    });
  }
  return (
    <>
      <PageHeader
        title={t('categories.title')}
        subtitle={t('categories.subtitle')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new', parentId: null })}>
              {t('categories.new')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { paddingTop: 8 } }}>
        {tree.error ? <LoadError error={tree.error} onRetry={tree.reload} /> : null}
        <Table<Category>
          rowKey="id"
          size="middle"
          data-testid="categories-table"
          columns={columns}
          dataSource={tree.roots.map(function strip(c): Category {
            return { ...c, children: c.children?.length ? c.children.map(strip) : undefined };
          })}
          loading={tree.loading}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
        />
      </Card>
      <CategoryDrawer
        key={editing?.mode === 'edit' ? editing.category.id : (editing?.parentId ?? 'root')}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(t('common.saved'));
          setEditing(null);
          tree.reload();
        }}
      />
    </>
  );
}
