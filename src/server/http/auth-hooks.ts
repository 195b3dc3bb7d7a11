// Who is calling (cookie, Bearer or till session) and may they call this route at all. Runs on
// onRequest, before the body is parsed, so an anonymous caller learns nothing about validation.
// Object-level store scoping happens in the services (another store's object → 404).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services';
import { forbidden, unauthorized } from './problem';

export const SESSION_COOKIE = 'cs_session';

export function sessionToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

export function registerAuthHooks(app: FastifyInstance, services: Services) {
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    // No access means no API route matched (every API route must declare one): let it 404.
    if (!req.url.startsWith('/api/') || !access || access === 'public') return;
    const token = sessionToken(req);
    req.auth = token ? await services.sessions.resolve(token) : null;
    if (!req.auth) throw unauthorized();
    if (access === 'authenticated') return;
    if (!req.auth.can(access)) throw forbidden();
  });
}
