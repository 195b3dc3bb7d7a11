// The one "导出 / Export" menu of a report as shown (a financial report's tab, an analytics page):
// links to the same route's answer as XLSX, PDF or CSV, with the screen's own query. The route
// answers `format=` with the file (headers in the office's language); a plain link downloads it
// with the session cookie.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl, type Query } from '../../shared/api';

export const REPORT_FILE_FORMATS = [
  { key: 'xlsx', label: 'Excel (XLSX)' },
  { key: 'pdf', label: 'PDF' },
  { key: 'csv', label: 'CSV' },
] as const;

/** `testId` names the button; each link is `${testId}-${format}`. */
export function ReportFileMenu({ path, query, testId, size }: { path: string; query: Query; testId: string; size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const items = REPORT_FILE_FORMATS.map((f) => ({
    key: f.key,
    label: (
      <a href={apiUrl(path, { ...query, format: f.key, lang })} data-testid={`${testId}-${f.key}`}>
        {f.label}
      </a>
    ),
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items }}>
      <Button size={size} icon={<DownloadOutlined />} data-testid={testId}>
        {t('common.export')}
      </Button>
    </Dropdown>
  );
}
