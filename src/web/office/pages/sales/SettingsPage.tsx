// 收银设置: a store's checkout settings (GET / PUT /stores/:id/settings). Only the owner may save;
// the server's field errors land next to their fields (PUT answers 400 naming e.g. scaleBarcode.flags).
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useSalesT } from '../../i18n/sales';
import type { CheckoutSettings } from '../../../../contracts/store-settings';
import { api } from '../../../shared/api';
import { LoadError, useReportError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { useMe, useSession } from '../../session/session';
import { TaxRatesCard } from './TaxRatesCard';

const ROUNDING_MODES = ['none', 'drop_fen', 'drop_jiao', 'round_jiao', 'ceil_jiao'] as const;

export default function SettingsPage() {
  const t = useSalesT();
  const me = useMe();
  const { currentStore, can } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<CheckoutSettings>();
  const [saving, setSaving] = useState(false);
  const [storeId, setStoreId] = useState<string>(currentStore?.id ?? me.stores[0]?.id ?? '');
  useEffect(() => {
    if (currentStore) setStoreId(currentStore.id);
  }, [currentStore?.id]);
  const settings = useRemote(
    (signal) => (storeId ? api.get<CheckoutSettings>(`/stores/${storeId}/settings`, { signal }) : Promise.resolve(undefined)),
    [storeId],
  );
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const editable = can('stores.manage');

  const save = async (values: CheckoutSettings) => {
    setSaving(true);
    try {
      const saved = await api.put<CheckoutSettings>(`/stores/${storeId}/settings`, values);
      form.setFieldsValue(saved);
      // A refusal's messages stay on the fields until a save goes through.
      form.setFields(form.getFieldsError().map((field) => ({ name: field.name as never, errors: [] })));
      void message.success(t('settingsPage.saved'));
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('settingsPage.title')}
        subtitle={t('settingsPage.subtitle')}
        extra={
          <Select
            aria-label={t('settingsPage.store')}
            value={storeId}
            style={{ width: 200 }}
            onChange={setStoreId}
            options={me.stores.map((store) => ({ value: store.id, label: store.name }))}
          />
        }
      />
      {settings.error ? <LoadError error={settings.error} onRetry={settings.reload} /> : null}
      {!editable ? <Alert type="info" showIcon title={t('settingsPage.readOnly')} style={{ marginBottom: 16 }} /> : null}
      {!settings.data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Form<CheckoutSettings> form={form} layout="vertical" disabled={!editable} onFinish={save} data-testid="settings-form" requiredMark={false}>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('settingsPage.sectionCheckout')} style={{ marginBottom: 16 }}>
                <Form.Item name="roundingMode" label={t('settingsPage.roundingMode')}>
                  <Select options={ROUNDING_MODES.map((mode) => ({ value: mode, label: t(`settingsPage.roundingModes.${mode}`) }))} />
                </Form.Item>
                <Form.Item name="oversell" label={t('settingsPage.oversell')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'allow', label: t('settingsPage.oversellAllow') },
                      { value: 'block', label: t('settingsPage.oversellBlock') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="otherStoreReturns" label={t('settingsPage.otherStoreReturns')} extra={t('settingsPage.otherStoreHelp')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'accept', label: t('settingsPage.otherStoreAccept') },
                      { value: 'refuse', label: t('settingsPage.otherStoreRefuse') },
                    ]}
                  />
                </Form.Item>
                {/* Stored in basis points, edited as a percent. */}
                <Form.Item
                  name="maxDiscountBp"
                  label={t('settingsPage.maxDiscount')}
                  extra={t('settingsPage.maxDiscountHelp')}
                  getValueProps={(bp: number | undefined) => ({ value: typeof bp === 'number' ? bp / 100 : undefined })}
                  normalize={(percent: number | null) => (typeof percent === 'number' ? Math.round(percent * 100) : percent)}
                >
                  <InputNumber data-testid="max-discount" step={1} precision={2} suffix="%" style={{ width: 180 }} />
                </Form.Item>
              </Card>
              <Card title={t('settingsPage.sectionScale')} style={{ marginBottom: 16 }}>
                <Form.Item name={['scaleBarcode', 'flags']} label={t('settingsPage.scaleFlags')} extra={t('settingsPage.scaleFlagsHelp')}>
                  <Select mode="tags" data-testid="scale-flags" tokenSeparators={[',', ' ']} open={false} />
                </Form.Item>
                <Form.Item name={['scaleBarcode', 'kind13']} label={t('settingsPage.scaleKind')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'amount', label: t('settingsPage.scaleAmount') },
                      { value: 'weight', label: t('settingsPage.scaleWeight') },
                    ]}
                  />
                </Form.Item>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('settingsPage.sectionReceipt')} style={{ marginBottom: 16 }}>
                <Form.Item name="receiptHeader" label={t('settingsPage.receiptHeader')} extra={t('settingsPage.receiptHeaderHelp')}>
                  <Input.TextArea rows={4} showCount />
                </Form.Item>
                <Form.Item name="receiptFooter" label={t('settingsPage.receiptFooter')} extra={t('settingsPage.receiptFooterHelp')}>
                  <Input.TextArea rows={4} showCount />
                </Form.Item>
              </Card>
            </Col>
          </Row>
          {editable ? (
            <Flex justify="flex-end">
              <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
                {t('common.save')}
              </Button>
            </Flex>
          ) : null}
        </Form>
      )}
      {/* Company-wide, not per store: its own card outside the store's settings form. */}
      <div style={{ marginTop: 16 }}>
        <TaxRatesCard />
      </div>
    </>
  );
}
