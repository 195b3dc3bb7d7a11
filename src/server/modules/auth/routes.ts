import type { AppOptions } from '../../app';
import { ApprovalBody, LoginBody, PinLoginBody } from '../../../contracts/auth';
import { SESSION_COOKIE } from '../../http/auth-hooks';
import { unauthorized } from '../../http/problem';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function authRoutes(app: ZodApp, s: Services, opts: AppOptions) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: !!opts.secureCookies };

  app.post('/auth/login', { config: { access: 'public' }, schema: { tags: ['auth'], body: LoginBody } }, async (req, reply) => {
    const session = await s.auth.login(req.body.username, req.body.password, req.ip);
    const auth = await s.sessions.resolve(session.token);
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: new Date(session.expiresAt) });
    return { token: session.token, expiresAt: session.expiresAt, user: await me(s, auth!) };
  });

  app.post(
    '/auth/pin',
    { config: { access: 'public' }, schema: { tags: ['auth'], body: PinLoginBody, description: 'Cashier login on a paired register: X-Device-Token header + username + PIN' } },
    async (req, reply) => {
      const device = req.headers['x-device-token'];
      if (typeof device !== 'string' || !device) throw unauthorized('device_not_paired', 'Send the register device token in X-Device-Token');
      const session = await s.auth.pinLogin(device, req.body.username, req.body.pin, req.ip);
      const auth = await s.sessions.resolve(session.token);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: new Date(session.expiresAt) });
      return { token: session.token, expiresAt: session.expiresAt, registerId: session.registerId, storeId: session.storeId, user: await me(s, auth!) };
    },
  );

  app.post('/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'] } }, async (req, reply) => {
    await s.auth.logout(authOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/me', { config: { access: 'authenticated' }, schema: { tags: ['auth'] } }, async (req) => me(s, authOf(req)));

  app.post(
    '/approvals',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], body: ApprovalBody, description: "Supervisor override: a manager's PIN approves one action" } },
    async (req) => s.auth.approve(authOf(req), req.body, req.ip),
  );
}

async function me(s: Services, auth: NonNullable<Awaited<ReturnType<Services['sessions']['resolve']>>>) {
  const stores = await s.stores.list(auth);
  return {
    id: auth.user.id,
    username: auth.user.username,
    displayName: auth.user.displayName,
    companyId: auth.user.companyId,
    roles: auth.roles,
    permissions: auth.permissions(),
    stores: stores.items.map((st) => ({ id: st.id, code: st.code, name: st.name })),
    session: { kind: auth.session.kind, registerId: auth.session.registerId },
  };
}
