// The one "导出 / Export" button of every back-office list: CSV or Excel of ALL rows matching the
// list's current filters and sort (the list route answers `format=` with a file), fetched with the
// session and saved under the server's file name.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFile, type Query } from '../../shared/api';
import { useReportError } from './feedback';

const FORMATS = [
  { key: 'csv', label: 'CSV' },
  { key: 'xlsx', label: 'Excel (XLSX)' },
] as const;

/** Saves a blob through a temporary link: the browser's download, with the server's file name. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `fixedHeaders`: the file's headers are a format of their own (the import template), not worded per language. */
export function ExportButton({ path, query, testId, fixedHeaders }: { path: string; query: Query; testId?: string; fixedHeaders?: boolean }) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const download = async (format: string) => {
    setBusy(true);
    try {
      // page/pageSize are the screen's; the file holds every matching row.
      const { page: _page, pageSize: _size, ...filters } = query;
      const lang = fixedHeaders ? undefined : i18n.language === 'en' ? 'en' : 'zh-CN';
      const file = await fetchFile(path, { ...filters, format, lang });
      save(file.blob, file.fileName);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items: FORMATS.map((f) => ({ key: f.key, label: f.label, 'data-testid': testId ? `${testId}-${f.key}` : undefined })), onClick: ({ key }) => void download(key) }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={testId}>
        {t('common.export')}
      </Button>
    </Dropdown>
  );
}
