import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { Health, VerifyResult } from '../../shared/types';
import { LoadError } from '../components/feedback';
import { roleAssignmentLabel } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { useRemote } from '../components/useRemote';
import { useMe, useSession } from '../session/session';
import { useDashboardT } from '../i18n/dashboard';

// ECharts is a large chunk: only users who see the dashboard download it.
const Dashboard = lazy(() => import('./dashboard/Dashboard'));

/** Who sees the dashboard: the permission GET /dashboard asks for. */
const DASHBOARD_ACCESS = 'reports.read';

/** The invariants `cangshou verify` checks, in the order the architecture lists them. */
const INVARIANTS = ['STOCK', 'GL', 'ONCE', 'SEQ', 'CHAIN', 'LINK'] as const;
type Invariant = (typeof INVARIANTS)[number];

function HealthCard() {
  const { t } = useTranslation();
  const health = useRemote((signal) => api.get<Health>('/health', { signal }), []);
  const ok = health.data?.status === 'ok';
  return (
    <Card title={t('overview.health')} style={{ height: '100%' }} data-testid="health-card">
      {health.error ? <LoadError error={health.error} onRetry={health.reload} /> : null}
      {health.loading && !health.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : health.data ? (
        <>
          <Flex align="center" gap={10} style={{ marginBottom: 16 }}>
            {ok ? (
              <CheckCircleFilled style={{ fontSize: 28, color: '#16a34a' }} />
            ) : (
              <CloseCircleFilled style={{ fontSize: 28, color: '#dc2626' }} />
            )}
            <Typography.Text strong style={{ fontSize: 18 }}>
              {ok ? t('overview.healthOk') : t('overview.healthDown')}
            </Typography.Text>
          </Flex>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('overview.database')}>
              <Tag>{health.data.db}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('overview.version')}>{health.data.version}</Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Card>
  );
}

function MeCard() {
  const { t } = useTranslation();
  const me = useMe();
  const { storeName } = useSession();
  return (
    <Card title={t('overview.me')} style={{ height: '100%' }} data-testid="me-card">
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        <Avatar size={44} style={{ background: '#0f766e', fontSize: 20 }}>
          {me.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        <div>
          <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
            {me.displayName}
          </Typography.Text>
          <Typography.Text type="secondary">@{me.username}</Typography.Text>
        </div>
      </Flex>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('overview.roles')}>
          <Flex wrap gap={4}>
            {me.roles.map((role) => (
              <Tag key={`${role.role}:${role.storeId}`} color="cyan">
                {roleAssignmentLabel(t, role, storeName)}
              </Tag>
            ))}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('overview.permissions')}>{me.permissions.length}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function StoresCard() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Card title={t('overview.stores')} style={{ height: '100%' }} data-testid="stores-card">
      {me.stores.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noStores')} />
      ) : (
        <List
          size="small"
          dataSource={me.stores}
          renderItem={(store) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Flex align="center" gap={10}>
                <Tag style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}>{store.code}</Tag>
                <span>{store.name}</span>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function VerifyCard() {
  const { t } = useTranslation();
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const verify = useRemote(async (signal) => {
    const result = await api.get<VerifyResult>('/verify', { signal });
    setCheckedAt(new Date().toISOString());
    return result;
  }, []);
  const result = verify.data;
  const byName = new Map(result?.checks.map((check) => [check.name, check]) ?? []);
  // Show the six known invariants first, then anything newer the server checks.
  const names: string[] = [...INVARIANTS, ...(result?.checks.map((check) => check.name).filter((name) => !INVARIANTS.includes(name as Invariant)) ?? [])];

  return (
    <Card
      data-testid="verify-card"
      title={
        <Flex align="center" gap={10}>
          <span>{t('overview.verify')}</span>
          {result ? (
            <Tag color={result.ok ? 'success' : 'error'} data-testid="verify-overall">
              {result.ok ? t('overview.verifyOk') : t('overview.verifyFailed')}
            </Tag>
          ) : null}
        </Flex>
      }
      extra={
        <Flex align="center" gap={12}>
          {checkedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('overview.checkedAt', { time: formatDateTime(checkedAt) })}
            </Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={verify.reload} loading={verify.loading}>
            {t('overview.rerun')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('overview.verifyHint')}</Typography.Paragraph>
      {verify.error ? <LoadError error={verify.error} onRetry={verify.reload} /> : null}
      {!result && verify.loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : result ? (
        <Row gutter={[12, 12]}>
          {names.map((name) => {
            const check = byName.get(name);
            const known = INVARIANTS.includes(name as Invariant);
            return (
              <Col key={name} xs={24} md={12} xl={8}>
                <Flex
                  gap={12}
                  align="flex-start"
                  data-testid={`invariant-${name}`}
                  style={{
                    border: '1px solid #e5e7eb',
                    borderRadius: 8,
                    padding: '12px 14px',
                    height: '100%',
                    background: check && !check.ok ? '#fef2f2' : '#fff',
                  }}
                >
                  <Tag
                    color={check ? (check.ok ? 'success' : 'error') : 'default'}
                    style={{ fontFamily: 'monospace', fontWeight: 600, minWidth: 64, textAlign: 'center', marginInlineEnd: 0 }}
                  >
                    {name}
                  </Tag>
                  <div style={{ minWidth: 0 }}>
                    <Flex align="center" gap={6}>
                      {check ? (
                        check.ok ? (
                          <CheckCircleFilled style={{ color: '#16a34a' }} />
                        ) : (
                          <CloseCircleFilled style={{ color: '#dc2626' }} />
                        )
                      ) : null}
                      <Typography.Text strong data-testid={`invariant-${name}-status`}>
                        {check ? (check.ok ? t('overview.pass') : t('overview.fail')) : '—'}
                      </Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {known ? t(`overview.invariants.${name as Invariant}`) : name}
                    </Typography.Text>
                    {check?.message && !check.ok ? (
                      <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: '4px 0 0' }}>
                        {check.message}
                      </Typography.Paragraph>
                    ) : null}
                  </div>
                </Flex>
              </Col>
            );
          })}
        </Row>
      ) : null}
    </Card>
  );
}

/** Server, signed-in user, stores and the invariant checks: what every office user may see. */
function SystemCards() {
  const { can } = useSession();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <HealthCard />
      </Col>
      <Col xs={24} lg={8}>
        <MeCard />
      </Col>
      <Col xs={24} lg={8}>
        <StoresCard />
      </Col>
      {can('audit.read') ? (
        <Col span={24}>
          <VerifyCard />
        </Col>
      ) : null}
    </Row>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const dashboardT = useDashboardT();
  const me = useMe();
  const { can } = useSession();
  if (can(DASHBOARD_ACCESS)) {
    // Managers land on the business figures; the system status follows below them.
    return (
      <>
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <Dashboard />
        </Suspense>
        <Typography.Title level={4} style={{ margin: '32px 0 16px' }}>
          {dashboardT('dashboard.system')}
        </Typography.Title>
        <SystemCards />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('overview.title')} subtitle={t('overview.subtitle', { name: me.displayName })} />
      <SystemCards />
    </>
  );
}
