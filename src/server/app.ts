// The Fastify app: one plugin per module under /api/v1, zod-validated, OpenAPI at
// /api/openapi.json (UI at /api/docs), problem+json errors, RBAC on every route.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from '../core/id/uuidv7';
import type { AuthContext } from './auth/auth-context';
import type { RouteAccess } from './auth/permissions';
import { registerAuthHooks } from './http/auth-hooks';
import { registerErrorHandler } from './http/error-handler';
import { registerIdempotencyKeys } from './http/idempotency-key';
import { accountsRoutes } from './modules/accounts/routes';
import { taxRatesRoutes } from './modules/tax-rates/routes';
import { journalRoutes } from './modules/journal/routes';
import { postingRulesRoutes } from './modules/posting-rules/routes';
import { reportsRoutes } from './modules/reports/routes';
import { reconciliationRoutes } from './modules/reconciliation/routes';
import { analyticsRoutes } from './modules/analytics/routes';
import { auditRoutes } from './modules/audit/routes';
import { authRoutes } from './modules/auth/routes';
import { catalogRoutes } from './modules/catalog/routes';
import { documentsRoutes } from './modules/documents/routes';
import { importRoutes } from './modules/import/routes';
import { inventoryRoutes } from './modules/inventory/routes';
import { labelsRoutes } from './modules/labels/routes';
import { salesRoutes } from './modules/sales/routes';
import { returnsRoutes } from './modules/returns/routes';
import { tillRoutes } from './modules/till/routes';
import { shiftsRoutes } from './modules/shifts/routes';
import { dayCloseRoutes } from './modules/day-close/routes';
import { receiptsRoutes } from './modules/receipts/routes';
import { storeSettingsRoutes } from './modules/store-settings/routes';
import { stockRoutes } from './modules/stock/routes';
import { storesRoutes } from './modules/stores/routes';
import { stocktakesRoutes } from './modules/stocktakes/routes';
import { transfersRoutes } from './modules/transfers/routes';
import { systemRoutes } from './modules/system/routes';
import { usersRoutes } from './modules/users/routes';
import type { Services } from './services';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every API route declares who may call it (default deny). */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Every API route with its declared access, for the route-permission tests and docs. */
    apiRoutes: { method: string; url: string; access: RouteAccess }[];
  }
}

export type App = FastifyInstance;

export interface AppOptions {
  logLevel?: string;
  version: string;
  /** Built web app (dist/web); served at / when present. */
  webRoot?: string;
  secureCookies?: boolean;
}

export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(services: Services, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      // Credentials never reach the logs (ARCHITECTURE §4).
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-device-token"]'],
    },
    bodyLimit: BODY_LIMIT,
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  // The API speaks JSON only; a text body is a 415, not a confusing validation error.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // A write is answered only once it would survive power loss (SQLite flushes its WAL off the
    // event loop, docs/decisions/0006); a no-op when nothing was written since the last flush.
    if (req.method !== 'GET' && req.method !== 'HEAD') await services.database.durable();
  });

  // Default deny: an API route that does not declare its access cannot be registered at all.
  app.decorate('apiRoutes', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access permission`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Cangshou API', version: opts.version, description: 'Warehouse, tills and books. Money in fen, quantities in thousandths.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'cs_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  registerAuthHooks(app, services);
  registerIdempotencyKeys(app, services);

  await app.register(
    async (api) => {
      const z = api.withTypeProvider<ZodTypeProvider>();
      systemRoutes(z, services, opts);
      authRoutes(z, services, opts);
      usersRoutes(z, services);
      storesRoutes(z, services);
      auditRoutes(z, services);
      documentsRoutes(z, services);
      accountsRoutes(z, services);
      taxRatesRoutes(z, services);
      journalRoutes(z, services);
      postingRulesRoutes(z, services);
      reportsRoutes(z, services);
      reconciliationRoutes(z, services);
      analyticsRoutes(z, services);
      catalogRoutes(z, services);
      stockRoutes(z, services);
      transfersRoutes(z, services);
      stocktakesRoutes(z, services);
      inventoryRoutes(z, services);
      importRoutes(z, services);
      labelsRoutes(z, services);
      storeSettingsRoutes(z, services);
      shiftsRoutes(z, services);
      dayCloseRoutes(z, services);
      receiptsRoutes(z, services);
      salesRoutes(z, services);
      returnsRoutes(z, services);
      tillRoutes(z, services);
    },
    { prefix: '/api/v1' },
  );

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const webRoot = opts.webRoot;
  const hasWeb = !!webRoot && fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/office/'));
  }
  app.setNotFoundHandler((req, reply) => {
    // The office app routes on the client: any /office/* page is its index.html.
    if (hasWeb && req.method === 'GET' && req.url.startsWith('/office')) {
      return reply.type('text/html').sendFile('index.html');
    }
    // Likewise the till (/till, /till/display); no-cache so a new release reaches the service worker.
    if (hasWeb && req.method === 'GET' && /^\/till(\/|\?|$)/.test(req.url)) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('till/index.html');
    }
    reply
      .code(404)
      .type('application/problem+json')
      .send({ type: 'https://cangshou.dev/problems/not_found', title: 'Not Found', status: 404, code: 'route_not_found', detail: `No route ${req.method} ${req.url.split('?')[0]}` });
  });

  return app;
}
