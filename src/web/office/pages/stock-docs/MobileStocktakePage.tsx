// 手机盘点: the counting screen for a PDA or phone (works from 360 px wide). A scanner types the
// code and Enter into the big box; the quantity defaults to 1 (a case barcode counts cases). Each
// scan is sent with its own Idempotency-Key, so a retried request never counts twice.
import { ArrowLeftOutlined, MinusOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, InputNumber, List, Progress, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { ApiError, api } from '../../../shared/api';
import { formatQuantity } from '../../../shared/format';
import type { CountResult, StocktakeDetail } from '../../../shared/inventory-types';
import { problemText } from '../../components/feedback';
import { thousandthsOf } from '../../components/units';
import { useRemote } from '../../components/useRemote';
import { setLanguage, currentLanguage } from '../../i18n';

const DEVICE_KEY = 'cangshou.device';

/** A stable name for this phone or scanner, shown in the stocktake's device list. */
function deviceName(): string {
  try {
    const stored = window.localStorage.getItem(DEVICE_KEY);
    if (stored) return stored;
    const made = `PDA-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    window.localStorage.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    return 'PDA';
  }
}

interface Scan {
  key: string;
  code: string;
  qty: number;
  productId: string;
  locationId: string;
  countedQty: number;
}

export default function MobileStocktakePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [device] = useState(deviceName);
  const [code, setCode] = useState('');
  const [qty, setQty] = useState<number | null>(1);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scans, setScans] = useState<Scan[]>([]);
  const input = useRef<InputRef>(null);
  const detail = useRemote((signal) => api.get<StocktakeDetail>(`/stocktakes/${id}`, { signal }), [id]);
  const st = detail.data;
  const lineOf = (productId: string, locationId: string) => st?.lines.find((l) => l.productId === productId && l.locationId === locationId);

  useEffect(() => input.current?.focus(), [st?.id]);

  const send = async (entry: { barcode?: string; productId?: string; locationId?: string; qty: number }, shownCode: string) => {
    setSending(true);
    setError(null);
    try {
      const result = await api.post<CountResult>(`/stocktakes/${id}/counts`, { device, entries: [entry] }, { headers: { 'Idempotency-Key': uuidv7() } });
      const line = result.lines?.[0];
      if (line) {
        setScans((list) => [{ key: uuidv7(), code: shownCode, qty: entry.qty, productId: line.productId, locationId: line.locationId, countedQty: line.countedQty }, ...list].slice(0, 30));
      }
      detail.reload();
      return true;
    } catch (cause) {
      const unknownCode = cause instanceof ApiError && cause.code === 'not_found' && entry.barcode !== undefined;
      setError(unknownCode ? t('mobile.unknownCode', { code: shownCode }) : problemText(cause, t));
      // A buzz tells the counter to look at the screen without looking at it after every scan.
      navigator.vibrate?.(200);
      return false;
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const submit = async () => {
    const scanned = code.trim();
    const amount = thousandthsOf(qty ?? 1);
    if (!scanned || amount === 0) return;
    if (await send({ barcode: scanned, qty: amount }, scanned)) {
      setCode('');
      setQty(1);
    } else {
      input.current?.select();
    }
  };

  const undo = async (scan: Scan) => {
    if (await send({ productId: scan.productId, locationId: scan.locationId, qty: -scan.qty }, scan.code)) void message.info(t('mobile.undone'));
  };

  const counted = st?.summary.countedLines ?? 0;
  const total = st?.summary.lines ?? 0;
  const last = scans[0];
  const lastLine = last ? lineOf(last.productId, last.locationId) : undefined;

  return (
    <div style={{ minHeight: '100vh', background: '#f1f5f9' }}>
      <Flex
        align="center"
        gap={8}
        style={{ position: 'sticky', top: 0, zIndex: 5, background: '#0f766e', color: '#fff', padding: '10px 12px' }}
      >
        <Button type="text" icon={<ArrowLeftOutlined style={{ color: '#fff' }} />} onClick={() => navigate(`/stocktakes/${id}`)} aria-label={t('common.back')} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontWeight: 600, fontSize: 17 }}>{t('mobile.title')}</div>
          <div style={{ fontSize: 12, opacity: 0.8 }}>
            {t('mobile.device')}: {device}
          </div>
        </div>
        <Button size="small" ghost onClick={() => setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en')}>
          {currentLanguage() === 'en' ? '中文' : 'EN'}
        </Button>
      </Flex>
      <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
        {detail.error ? <Alert type="error" showIcon title={problemText(detail.error, t)} style={{ marginBottom: 12 }} /> : null}
        {st && st.status !== 'counting' ? <Alert type="warning" showIcon title={t('mobile.notCounting')} style={{ marginBottom: 12 }} /> : null}
        <div style={{ background: '#fff', borderRadius: 12, padding: 14, boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }}>
          <Flex justify="space-between" align="baseline" style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary">{t('mobile.progress')}</Typography.Text>
            <Typography.Text strong data-testid="mobile-progress">
              {counted} / {total}
            </Typography.Text>
          </Flex>
          <Progress percent={total ? Math.round((counted / total) * 100) : 0} showInfo={false} strokeColor="#0f766e" />
          <Input
            ref={input}
            size="large"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={submit}
            placeholder={t('mobile.scanPlaceholder')}
            autoComplete="off"
            enterKeyHint="send"
            disabled={st?.status !== 'counting'}
            data-testid="mobile-code"
            style={{ height: 60, fontSize: 22, marginTop: 12 }}
          />
          <Flex gap={8} align="center" style={{ marginTop: 12 }}>
            <Typography.Text style={{ flex: '0 0 auto', fontSize: 16 }}>{t('mobile.qty')}</Typography.Text>
            <Button size="large" icon={<MinusOutlined />} onClick={() => setQty((q) => Math.max(0.001, (q ?? 1) - 1))} aria-label="-1" style={{ height: 52, width: 52 }} />
            <InputNumber
              size="large"
              value={qty}
              min={0.001}
              precision={3}
              onChange={setQty}
              inputMode="decimal"
              controls={false}
              id="mobile-qty"
              data-testid="mobile-qty"
              style={{ flex: 1, height: 52, fontSize: 22, textAlign: 'center' }}
              onPressEnter={submit}
            />
            <Button size="large" icon={<PlusOutlined />} onClick={() => setQty((q) => (q ?? 0) + 1)} aria-label="+1" style={{ height: 52, width: 52 }} />
          </Flex>
          <Button
            type="primary"
            size="large"
            block
            loading={sending}
            disabled={!code.trim() || st?.status !== 'counting'}
            onClick={submit}
            data-testid="mobile-submit"
            style={{ height: 56, fontSize: 20, marginTop: 12 }}
          >
            {t('mobile.count')}
          </Button>
          {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="mobile-error" /> : null}
        </div>

        {last ? (
          <div style={{ background: '#ecfdf5', border: '1px solid #a7f3d0', borderRadius: 12, padding: 14, marginTop: 12 }} data-testid="mobile-last">
            <Typography.Text type="secondary">{t('mobile.last')}</Typography.Text>
            <div style={{ fontSize: 18, fontWeight: 600, marginTop: 2 }}>{lastLine?.name ?? last.code}</div>
            <Flex justify="space-between" align="baseline">
              <Typography.Text type="secondary">{lastLine?.sku}</Typography.Text>
              <span>
                {t('mobile.countedSoFar')}{' '}
                <span style={{ fontSize: 26, fontWeight: 700, color: '#0f766e' }} data-testid="mobile-last-count">
                  {formatQuantity(last.countedQty)}
                </span>{' '}
                {lastLine?.unit}
              </span>
            </Flex>
          </div>
        ) : null}

        {scans.length ? (
          <List
            style={{ background: '#fff', borderRadius: 12, marginTop: 12 }}
            header={<div style={{ paddingInline: 14 }}>{t('mobile.recent')}</div>}
            dataSource={scans}
            renderItem={(scan, index) => {
              const line = lineOf(scan.productId, scan.locationId);
              return (
                <List.Item
                  style={{ paddingInline: 14 }}
                  actions={
                    index === 0 && scan.qty > 0
                      ? [<Button key="undo" size="small" icon={<UndoOutlined />} onClick={() => undo(scan)}>{t('mobile.undo')}</Button>]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={line?.name ?? scan.code}
                    description={
                      <span>
                        <Tag color={scan.qty < 0 ? 'red' : 'green'}>
                          {scan.qty > 0 ? '+' : ''}
                          {formatQuantity(scan.qty)}
                        </Tag>
                        {t('mobile.total')} {formatQuantity(scan.countedQty)} {line?.unit}
                      </span>
                    }
                  />
                </List.Item>
              );
            }}
          />
        ) : (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24 }}>
            {t('mobile.help')}
          </Typography.Paragraph>
        )}
      </div>
    </div>
  );
}
