// 财务报表: every statement of a period, for one store or all the caller's stores — trial balance,
// general ledger, profit and loss (with its monthly trend), balance sheet, output VAT — each tab with
// its chart and file export, and the journal export (hledger / CSV) in the header. Figures come
// from /reports/* as fen; each tab fetches its own report when first opened.
import { DatePicker, Flex, Select, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useReportsT } from '../../i18n/reports';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../session/session';
import { BalanceSheetTab } from './BalanceSheetTab';
import { GeneralLedgerTab } from './GeneralLedgerTab';
import { JournalExportMenu } from './JournalExportMenu';
import { ProfitAndLossTab } from './ProfitAndLossTab';
import { ReportExportMenu } from './ReportExportMenu';
import type { ReportScope } from './reportTypes';
import { TrialBalanceTab } from './TrialBalanceTab';
import { VatSummaryTab } from './VatSummaryTab';

const ALL = '';

export default function ReportsPage() {
  const t = useReportsT();
  const me = useMe();
  const [storeId, setStoreId] = useState(ALL);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const scope: ReportScope = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(storeId ? { storeId } : {}) };

  return (
    <>
      <PageHeader
        title={t('reportsPage.title')}
        subtitle={t('reportsPage.subtitle')}
        extra={
          <Flex gap={8}>
            <ReportExportMenu storeId={scope.storeId} from={scope.from} to={scope.to} />
            <JournalExportMenu scope={scope} />
          </Flex>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select
          data-testid="reports-store"
          style={{ minWidth: 180 }}
          value={storeId}
          onChange={setStoreId}
          options={[{ value: ALL, label: t('reportsPage.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <DatePicker.RangePicker data-testid="reports-period" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Flex>
      <Tabs
        data-testid="reports-tabs"
        items={[
          { key: 'pl', label: t('reportsPage.profitAndLoss'), children: <ProfitAndLossTab scope={scope} /> },
          { key: 'bs', label: t('reportsPage.balanceSheet'), children: <BalanceSheetTab scope={scope} /> },
          { key: 'tb', label: t('reportsPage.trialBalance'), children: <TrialBalanceTab scope={scope} /> },
          { key: 'gl', label: t('reportsPage.generalLedger'), children: <GeneralLedgerTab scope={scope} /> },
          { key: 'vat', label: t('reportsPage.vatSummary'), children: <VatSummaryTab scope={scope} /> },
        ]}
      />
    </>
  );
}
