// 导出日记账: the period's journal for the page's store (or all the caller's) as an hledger/ledger
// journal or as CSV, one row per journal line (docs/accounting.md, hledger export).
import { BookOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { apiUrl } from '../../../shared/api';
import { useReportsT } from '../../i18n/reports';
import type { ReportScope } from './reportTypes';

export function JournalExportMenu({ scope }: { scope: ReportScope }) {
  const t = useReportsT();
  const query = { from: scope.from, to: scope.to, storeId: scope.storeId };
  const items = [
    { key: 'ledger', path: '/reports/journal.ledger', label: t('journalExport.ledger') },
    { key: 'csv', path: '/reports/journal.csv', label: t('journalExport.csv') },
  ].map((e) => ({
    key: e.key,
    label: (
      <a href={apiUrl(e.path, query)} data-testid={`export-journal-${e.key}`}>
        {e.label}
      </a>
    ),
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items }}>
      <Button icon={<BookOutlined />} data-testid="journal-exports">
        {t('journalExport.button')}
      </Button>
    </Dropdown>
  );
}
