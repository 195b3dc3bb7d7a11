// 导出报表: every accounting report of the page's store and period as CSV, Excel or PDF (the
// header's menu; one report as shown in its tab is components/ReportFileMenu). The report routes
// answer `format=` with the file (headers in the office's language); a plain link downloads it with
// the session cookie.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../shared/api';
import { REPORT_FILE_FORMATS as FORMATS } from '../../components/ReportFileMenu';
import { useReportsT } from '../../i18n/reports';

const REPORTS = [
  { key: 'trialBalance', path: '/reports/trial-balance' },
  { key: 'profitAndLoss', path: '/reports/profit-and-loss' },
  { key: 'balanceSheet', path: '/reports/balance-sheet' },
  { key: 'vatSummary', path: '/reports/vat-summary' },
  { key: 'salesSummary', path: '/reports/sales-summary' },
] as const;

export function ReportExportMenu({ storeId, from, to }: { storeId?: string; from: string; to: string }) {
  const t = useReportsT();
  const lang = useTranslation().i18n.language === 'en' ? 'en' : 'zh-CN';
  const items = REPORTS.map((r) => ({
    key: r.key,
    label: t(`reportExports.${r.key}`),
    children: FORMATS.map((f) => {
      // The balance sheet is as of a day: the period's last.
      const period = r.key === 'balanceSheet' ? { asOf: to } : { from, to };
      return {
        key: `${r.key}-${f.key}`,
        label: (
          <a href={apiUrl(r.path, { ...period, storeId, format: f.key, lang })} data-testid={`export-${r.key}-${f.key}`}>
            {f.label}
          </a>
        ),
      };
    }),
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items }}>
      <Button icon={<DownloadOutlined />} data-testid="report-exports">
        {t('reportExports.button')}
      </Button>
    </Dropdown>
  );
}
