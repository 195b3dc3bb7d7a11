import { CloudSyncOutlined, DatabaseOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { problemText } from '../components/feedback';
import { currentLanguage, setLanguage, type Language } from '../i18n';
import { useSession } from '../session/session';

interface LoginForm {
  username: string;
  password: string;
}

/** Where to go after signing in: only paths inside the office, never another origin. */
function safeNext(value: unknown): string {
  if (typeof value !== 'string') return '/';
  const path = value.startsWith('/office') ? value.slice('/office'.length) || '/' : value;
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login') ? path : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext((location.state as { from?: string } | null)?.from ?? params.get('next'));

  if (session.me) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await session.login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (cause) {
      setError(problemText(cause, t));
    } finally {
      setSubmitting(false);
    }
  };

  const features = [
    { icon: <DatabaseOutlined />, text: t('login.featureInventory') },
    { icon: <CloudSyncOutlined />, text: t('login.featurePos') },
    { icon: <SafetyCertificateOutlined />, text: t('login.featureBooks') },
  ];

  return (
    <Flex style={{ minHeight: '100vh' }}>
      <Flex
        vertical
        justify="space-between"
        style={{
          flex: '0 0 42%',
          padding: '48px 56px',
          color: '#fff',
          background: 'radial-gradient(circle at 20% 10%, #14b8a6 0%, #0f766e 35%, #0b1f2a 100%)',
        }}
        className="login-brand"
      >
        <Flex align="center" gap={12}>
          <div
            aria-hidden
            style={{
              width: 44,
              height: 44,
              borderRadius: 10,
              background: 'rgba(255,255,255,0.15)',
              border: '1px solid rgba(255,255,255,0.35)',
              display: 'grid',
              placeItems: 'center',
              fontSize: 24,
              fontWeight: 700,
            }}
          >
            仓
          </div>
          <div>
            <div style={{ fontSize: 22, fontWeight: 600 }}>{t('common.productName')}</div>
            <div style={{ opacity: 0.7 }}>{t('common.productNameLatin')}</div>
          </div>
        </Flex>
        <div>
          <div style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.4, whiteSpace: 'pre-line' }}>{t('common.tagline')}</div>
          <Flex vertical gap={14} style={{ marginTop: 32 }}>
            {features.map((feature) => (
              <Flex key={feature.text} align="center" gap={12} style={{ fontSize: 15, opacity: 0.9 }}>
                <span style={{ fontSize: 18 }}>{feature.icon}</span>
                {feature.text}
              </Flex>
            ))}
          </Flex>
        </div>
        <div style={{ opacity: 0.5, fontSize: 12 }}>© Cangshou</div>
      </Flex>

      <Flex vertical style={{ flex: 1, background: '#f4f6f8' }}>
        <Flex justify="flex-end" style={{ padding: '20px 28px' }}>
          <Segmented<Language>
            size="small"
            aria-label={t('header.language')}
            data-testid="lang-switch"
            value={currentLanguage()}
            onChange={setLanguage}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </Flex>
        <Flex flex={1} align="center" justify="center" style={{ padding: 24 }}>
          <Card style={{ width: 400, boxShadow: '0 8px 28px rgba(15, 23, 42, 0.08)' }} styles={{ body: { padding: 32 } }}>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {t('login.subtitle')}
            </Typography.Paragraph>
            {error || session.bootError ? (
              <Alert
                type="error"
                showIcon
                data-testid="login-error"
                title={error ?? problemText(session.bootError, t)}
                style={{ marginBottom: 20 }}
              />
            ) : null}
            <Form<LoginForm> name="login" layout="vertical" size="large" requiredMark={false} onFinish={onFinish}>
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form>
            <div
              data-testid="demo-hint"
              style={{ marginTop: 24, padding: '10px 12px', background: '#f6f8fa', borderRadius: 6, fontSize: 12, lineHeight: 1.7 }}
            >
              <Typography.Text strong style={{ fontSize: 12 }}>
                {t('login.demoTitle')}
              </Typography.Text>{' '}
              <Typography.Text code style={{ fontSize: 12 }}>
                owner / cangshou-demo
              </Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('roles.owner')}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('login.demoOthers')}
                </Typography.Text>
              </div>
            </div>
          </Card>
        </Flex>
      </Flex>
    </Flex>
  );
}
