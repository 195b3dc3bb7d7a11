// A page listing the posted documents of one type, with a "new" button (when permitted) that opens
// the page's create drawer; posting one shows its number and reloads the list.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../shared/types';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../session/session';
import { DocumentList } from './DocumentList';

export interface CreateDrawerProps {
  open: boolean;
  onClose(): void;
  onPosted(doc: DocumentSummary): void;
}

export function DocumentListPage({
  i18nPrefix,
  type,
  permission,
  tableTestId,
  newTestId,
  CreateDrawer,
}: {
  /** The i18n section holding its title, subtitle and new-button text. */
  i18nPrefix: 'receipts' | 'writeOffs';
  type: string;
  /** Needed to create one. */
  permission: string;
  tableTestId: string;
  newTestId?: string;
  CreateDrawer: ComponentType<CreateDrawerProps>;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <PageHeader
        title={t(`${i18nPrefix}.title`)}
        subtitle={t(`${i18nPrefix}.subtitle`)}
        extra={
          can(permission) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={newTestId}>
              {t(`${i18nPrefix}.new`)}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <DocumentList key={generation} type={type} testId={tableTestId} />
      </Card>
      <CreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onPosted={(doc) => {
          setCreating(false);
          void message.success(t('receipts.posted', { number: doc.number }));
          setGeneration((g) => g + 1);
        }}
      />
    </>
  );
}
