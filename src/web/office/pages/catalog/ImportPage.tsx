// 商品导入: upload a CSV / XLSX → dry run report with every bad row → commit. The server checks the
// whole file in one request (no job to poll), so progress is the upload and the wait for its answer.
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Progress, Result, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../shared/api';
import type { ImportReport, ImportRowError } from '../../../shared/inventory-types';
import { ExportButton } from '../../components/ExportButton';
import { problemText } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useStoreId } from '../../components/stockUi';
import { useSession } from '../../session/session';

interface Picked {
  name: string;
  size: number;
  base64: string;
}

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function downloadText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An indeterminate bar that creeps towards 95 % while a request runs (the server reports no steps). */
function useCreepingProgress(running: boolean): number {
  const [percent, setPercent] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  useEffect(() => {
    clearInterval(timer.current);
    if (!running) return;
    setPercent(5);
    timer.current = setInterval(() => setPercent((p) => Math.min(95, p + (95 - p) * 0.08)), 300);
    return () => clearInterval(timer.current);
  }, [running]);
  return running ? Math.round(percent) : 100;
}

export default function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeId = useStoreId();
  const { can } = useSession();
  const [file, setFile] = useState<Picked | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const percent = useCreepingProgress(running);
  const step = result ? 2 : report ? 1 : 0;

  const send = async (picked: Picked, commit: boolean) => {
    setRunning(true);
    setError(null);
    try {
      const body = { fileName: picked.name, contentBase64: picked.base64, storeId: can('opening.post') ? storeId : undefined, commit, skipBadRows: commit && skipBadRows };
      const answer = await api.post<ImportReport>('/imports', body);
      if (commit) setResult(answer);
      else setReport(answer);
    } catch (cause) {
      setError(problemText(cause, t));
    } finally {
      setRunning(false);
    }
  };

  const pick = async (raw: File) => {
    const picked = { name: raw.name, size: raw.size, base64: await readBase64(raw) };
    setFile(picked);
    setReport(null);
    setResult(null);
    void send(picked, false);
    return false;
  };

  const restart = () => {
    setFile(null);
    setReport(null);
    setResult(null);
    setError(null);
  };

  const errorColumns = [
    { title: t('import.row'), dataIndex: 'row', width: 70 },
    { title: t('products.sku'), dataIndex: 'sku', width: 160, render: (sku: string | null) => sku ?? '—' },
    {
      title: t('import.problems'),
      key: 'errors',
      render: (_: unknown, r: ImportRowError) => (
        <Flex vertical gap={2}>
          {r.errors.map((e, i) => (
            <span key={i}>
              <Tag color="red">{e.column ?? e.field}</Tag>
              {e.message} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.code}</Typography.Text>
            </span>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <>
      {/* The catalog in the import's own columns: edit it in Excel and import it back. */}
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        extra={storeId ? <ExportButton path="/exports/products" query={{ storeId }} fixedHeaders testId="import-template-export" /> : null}
      />
      <Card>
        <Steps current={step} items={[{ title: t('import.stepUpload') }, { title: t('import.stepCheck') }, { title: t('import.stepCommit') }]} style={{ marginBottom: 24 }} />
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        {running ? (
          <Flex vertical align="center" gap={8} style={{ margin: '24px 0' }}>
            <Progress type="circle" percent={percent} />
            <Typography.Text type="secondary">{report ? t('import.committing') : t('import.checking', { name: file?.name ?? '' })}</Typography.Text>
          </Flex>
        ) : null}
        {step === 0 && !running ? (
          <>
            <Upload.Dragger accept=".csv,.xlsx,.txt" multiple={false} showUploadList={false} beforeUpload={pick} data-testid="import-upload">
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.hint')}</p>
            </Upload.Dragger>
            {!can('opening.post') ? <Alert type="info" showIcon title={t('import.noOpeningStock')} style={{ marginTop: 16 }} /> : null}
          </>
        ) : null}
        {step === 1 && report && !running ? (
          <Flex vertical gap={16}>
            <Descriptions bordered size="small" column={4}>
              <Descriptions.Item label={t('import.file')}>{report.fileName}</Descriptions.Item>
              <Descriptions.Item label={t('import.rows')}>{report.rows}</Descriptions.Item>
              <Descriptions.Item label={t('import.goodRows')}>
                <Typography.Text type="success">{report.goodRows}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('import.badRows')}>
                <Typography.Text type={report.badRows ? 'danger' : undefined}>{report.badRows}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('import.mapping')} span={4}>
                <Flex wrap gap={4}>
                  {Object.entries(report.mapping).map(([field, header]) => (
                    <Tag key={field}>
                      {header} → {field}
                    </Tag>
                  ))}
                  {report.ignoredColumns.map((c) => (
                    <Tag key={c} color="default" style={{ textDecoration: 'line-through' }}>
                      {c}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
            </Descriptions>
            {report.badRows ? (
              <>
                <Alert
                  type="warning"
                  showIcon
                  icon={<WarningOutlined />}
                  title={t('import.hasBadRows', { count: report.badRows })}
                  action={
                    report.errorReportCsv ? (
                      <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadText(`错误报告-${report.fileName.replace(/\.\w+$/, '')}.csv`, report.errorReportCsv!)}>
                        {t('import.errorReport')}
                      </Button>
                    ) : undefined
                  }
                />
                <Table rowKey="row" size="small" columns={errorColumns} dataSource={report.errors} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="import-errors" />
              </>
            ) : (
              <Alert type="success" showIcon title={t('import.allGood', { count: report.goodRows })} />
            )}
            <Flex justify="flex-end" gap={8} align="center">
              {report.badRows && report.goodRows ? (
                <Checkbox checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)}>
                  {t('import.skipBadRows')}
                </Checkbox>
              ) : null}
              <Button onClick={restart}>{t('import.another')}</Button>
              <Button type="primary" disabled={!report.goodRows || (report.badRows > 0 && !skipBadRows)} onClick={() => file && send(file, true)} data-testid="import-commit">
                {t('import.commit', { count: skipBadRows ? report.goodRows : report.rows })}
              </Button>
            </Flex>
          </Flex>
        ) : null}
        {step === 2 && result ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('import.done', { count: result.created?.products ?? 0 })}
            subTitle={t('import.doneDetail', {
              barcodes: result.created?.barcodes ?? 0,
              opening: result.created?.openingLines ?? 0,
              speed: Math.round(result.rowsPerSecond),
            })}
            extra={[
              <Button key="products" type="primary" onClick={() => navigate('/products')}>
                {t('import.toProducts')}
              </Button>,
              <Button key="again" onClick={restart}>
                {t('import.another')}
              </Button>,
            ]}
          />
        ) : null}
      </Card>
    </>
  );
}
