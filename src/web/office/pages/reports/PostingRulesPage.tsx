// 记账规则: which account each kind of automatic posting uses. One tab per kind, a row per key
// (payment method, category, tax rate...), an account picker limited to the active accounts of
// the types the server accepts, and reset-to-default. Changes affect later postings only.
import { Alert, App, Button, Select, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POSTING_RULE_KINDS, type PostingRuleKind, type PostingRuleView } from '../../../../contracts/posting-rules';
import { api } from '../../../shared/api';
import { LoadError, useReportError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { usePostingRulesT, type PostingRulesKey } from '../../i18n/posting-rules';
import { useSession } from '../../session/session';

interface Account {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  active: boolean;
}

export default function PostingRulesPage() {
  const t = usePostingRulesT();
  const english = useTranslation().i18n.language === 'en';
  const { message } = App.useApp();
  const reportError = useReportError();
  const canEdit = useSession().can('accounts.manage');
  const [kind, setKind] = useState<PostingRuleKind>('payment_method');
  const [busy, setBusy] = useState<string | null>(null);
  const rules = useRemote((signal) => api.get<{ items: PostingRuleView[] }>('/posting-rules', { signal }), []);
  const accounts = useRemote((signal) => api.get<{ items: Account[] }>('/accounts', { signal }), []);
  const byCode = new Map((accounts.data?.items ?? []).map((a) => [a.code, a]));
  const accountLabel = (code: string) => {
    const a = byCode.get(code);
    return a ? `${a.code} ${english ? a.nameEn : a.name}` : code;
  };
  const keyLabel = (r: PostingRuleView) => {
    if (r.label) return r.label;
    if (r.kind === 'tax_rate') return `${Number(r.key) / 100}%`;
    return t(`postingRulesPage.keys.${r.key}` as PostingRulesKey);
  };
  const rowLabel = (code: string) => rules.data?.items.find((i) => i.key === code)?.label ?? code;

  const change = async (r: PostingRuleView, account: string | null) => {
    setBusy(`${r.kind}/${r.key}`);
    try {
      const path = `/posting-rules/${r.kind}/${encodeURIComponent(r.key)}`;
      if (account === null) await api.delete(path);
      else await api.put(path, { account });
      void message.success(t(account === null ? 'postingRulesPage.resetDone' : 'postingRulesPage.saved'));
      rules.reload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<PostingRuleView> = [
    { title: t('postingRulesPage.item'), key: 'item', width: 220, render: (_, r) => keyLabel(r) },
    {
      title: t('postingRulesPage.account'),
      key: 'account',
      render: (_, r) => (
        <Select
          data-testid={`rule-${r.kind}-${r.key}`}
          style={{ minWidth: 280 }}
          showSearch
          optionFilterProp="label"
          disabled={!canEdit || busy !== null}
          loading={busy === `${r.kind}/${r.key}`}
          value={r.account}
          onChange={(account: string) => void change(r, account)}
          options={(accounts.data?.items ?? [])
            .filter((a) => (a.active && r.allowedTypes.includes(a.type)) || a.code === r.account)
            .map((a) => ({ value: a.code, label: accountLabel(a.code) }))}
        />
      ),
    },
    {
      title: t('postingRulesPage.source'),
      key: 'source',
      width: 180,
      render: (_, r) =>
        r.source === 'rule' ? (
          <Tag color="blue">{t('postingRulesPage.sourceRule')}</Tag>
        ) : r.source === 'inherited' ? (
          <Tag color="cyan">{t('postingRulesPage.sourceInherited', { from: rowLabel(r.from ?? '') })}</Tag>
        ) : (
          <Tag>{t('postingRulesPage.sourceDefault')}</Tag>
        ),
    },
    { title: t('postingRulesPage.defaultAccount'), key: 'default', render: (_, r) => accountLabel(r.defaultAccount) },
    {
      key: 'reset',
      width: 140,
      render: (_, r) =>
        r.source === 'rule' && canEdit ? (
          <Button size="small" disabled={busy !== null} onClick={() => void change(r, null)}>
            {t('postingRulesPage.reset')}
          </Button>
        ) : null,
    },
  ];

  const error = rules.error ?? accounts.error;
  return (
    <>
      <PageHeader title={t('postingRulesPage.title')} subtitle={t('postingRulesPage.subtitle')} />
      {error ? <LoadError error={error} onRetry={() => (rules.reload(), accounts.reload())} /> : null}
      {!canEdit ? <Alert type="info" showIcon message={t('postingRulesPage.readOnly')} style={{ marginBottom: 16 }} /> : null}
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as PostingRuleKind)}
        items={POSTING_RULE_KINDS.map((k) => ({ key: k, label: t(`postingRulesPage.kinds.${k}`) }))}
      />
      <Table
        data-testid="posting-rules"
        rowKey={(r) => `${r.kind}/${r.key}`}
        size="small"
        pagination={false}
        loading={rules.loading || accounts.loading}
        columns={columns}
        dataSource={(rules.data?.items ?? []).filter((r) => r.kind === kind)}
      />
    </>
  );
}
