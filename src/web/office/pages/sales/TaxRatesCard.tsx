// 税率: the company's tax rates (GET /tax-rates), edited in place by owner/finance
// (accounts.manage). Names save per row; the active switch and the default radio save at once.
// The server keeps the rules (one active default, no deactivating a rate products carry).
import { App, Button, Card, Form, Input, InputNumber, Radio, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { TaxRateView } from '../../../../contracts/tax-rates';
import { api, ApiError } from '../../../shared/api';
import { LoadError, useReportError } from '../../components/feedback';
import { bpOf } from '../../components/units';
import { useTaxRates } from '../../components/useTaxRates';
import { useTaxRatesT } from '../../i18n/tax-rates';
import { useSession } from '../../session/session';

type Draft = Partial<Pick<TaxRateView, 'name' | 'nameEn'>>;
interface AddForm {
  rate: number;
  name: string;
  nameEn: string;
}

export function TaxRatesCard() {
  const t = useTaxRatesT();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const rates = useTaxRates();
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [busy, setBusy] = useState<number | 'add' | null>(null);
  const [addForm] = Form.useForm<AddForm>();
  const editable = can('accounts.manage');

  const put = async (rate: number, body: Record<string, unknown>) => {
    setBusy(rate);
    try {
      await api.put(`/tax-rates/${rate}`, body);
      setDrafts(({ [rate]: _saved, ...rest }) => rest);
      void message.success(t('taxRates.saved'));
      rates.reload();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'tax_rate_in_use') {
        const skus = (error.problem as { skus?: string[] }).skus ?? [];
        void message.error(t('taxRates.inUse', { skus: skus.join(', ') }));
      } else reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const add = async (v: AddForm) => {
    setBusy('add');
    try {
      const rate = bpOf(v.rate);
      await api.post('/tax-rates', { rate, name: v.name, nameEn: v.nameEn });
      addForm.resetFields();
      void message.success(t('taxRates.added', { rate: rate / 100 }));
      rates.reload();
    } catch (error) {
      reportError(error, addForm);
    } finally {
      setBusy(null);
    }
  };

  const draftOf = (r: TaxRateView) => ({ name: drafts[r.rate]?.name ?? r.name, nameEn: drafts[r.rate]?.nameEn ?? r.nameEn });
  const edit = (rate: number, change: Draft) => setDrafts((d) => ({ ...d, [rate]: { ...d[rate], ...change } }));
  const columns: TableColumnsType<TaxRateView> = [
    { title: t('taxRates.rate'), dataIndex: 'rate', width: 80, render: (rate: number) => `${rate / 100}%` },
    {
      title: t('taxRates.name'),
      render: (_, r) => <Input size="small" aria-label={`${t('taxRates.name')} ${r.rate / 100}%`} value={draftOf(r).name} disabled={!editable} onChange={(e) => edit(r.rate, { name: e.target.value })} />,
    },
    {
      title: t('taxRates.nameEn'),
      render: (_, r) => <Input size="small" aria-label={`${t('taxRates.nameEn')} ${r.rate / 100}%`} value={draftOf(r).nameEn} disabled={!editable} onChange={(e) => edit(r.rate, { nameEn: e.target.value })} />,
    },
    {
      title: t('taxRates.active'),
      width: 70,
      render: (_, r) => (
        <Switch size="small" data-testid={`tax-rate-active-${r.rate}`} checked={r.active} disabled={!editable || r.isDefault} loading={busy === r.rate} onChange={(active) => put(r.rate, { active })} />
      ),
    },
    {
      title: t('taxRates.isDefault'),
      width: 70,
      render: (_, r) => <Radio data-testid={`tax-rate-default-${r.rate}`} checked={r.isDefault} disabled={!editable || !r.active} onChange={() => put(r.rate, { isDefault: true })} />,
    },
    ...(editable
      ? [
          {
            key: 'save',
            width: 80,
            render: (_: unknown, r: TaxRateView) => (
              <Button size="small" data-testid={`tax-rate-save-${r.rate}`} disabled={!drafts[r.rate]} loading={busy === r.rate} onClick={() => put(r.rate, draftOf(r))}>
                {t('taxRates.save')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('taxRates.title')} style={{ marginBottom: 16 }} data-testid="tax-rates-card">
      <Typography.Paragraph type="secondary">{editable ? t('taxRates.help') : t('taxRates.readOnly')}</Typography.Paragraph>
      {rates.error ? <LoadError error={rates.error} onRetry={rates.reload} /> : null}
      <Table<TaxRateView> rowKey="rate" size="small" pagination={false} loading={rates.loading && !rates.data} columns={columns} dataSource={rates.items} />
      {editable ? (
        <Form<AddForm> form={addForm} layout="inline" onFinish={add} style={{ marginTop: 12 }} requiredMark={false}>
          <Form.Item name="rate" rules={[{ required: true, message: t('taxRates.rate') }]}>
            <InputNumber aria-label={t('taxRates.rate')} placeholder={t('taxRates.rate')} min={0} max={100} precision={2} suffix="%" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('taxRates.name') }]}>
            <Input placeholder={t('taxRates.name')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="nameEn" rules={[{ required: true, whitespace: true, message: t('taxRates.nameEn') }]}>
            <Input placeholder={t('taxRates.nameEn')} style={{ width: 160 }} />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'add'} data-testid="tax-rate-add">
            {t('taxRates.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
