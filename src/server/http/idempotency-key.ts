// The Idempotency-Key header for POST/PUT/PATCH requests that have no client id of their own:
// the first response is stored and a retry with the same key and body gets it back; the same key
// with another body is a 409. Keys are per user.
import type { FastifyInstance } from 'fastify';
import { isUniqueViolation } from '../../db/dialect';
import { payloadHash } from '../posting/payload-hash';
import type { Services } from '../services';
import { Problem, conflict } from './problem';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { userId: string; key: string } | null;
  }
}

const METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function registerIdempotencyKeys(app: FastifyInstance, services: Services) {
  const db = services.db;
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !METHODS.has(req.method) || !req.auth) return;
    if (key.length < 1 || key.length > 200) throw new Problem(400, 'idempotency_key_invalid', 'Idempotency-Key must be 1–200 characters', [{ field: 'Idempotency-Key', message: 'Invalid length' }]);
    const hash = payloadHash({ method: req.method, url: req.url, body: req.body ?? null });
    const userId = req.auth.user.id;
    const prior = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
    if (prior) {
      if (prior.request_hash !== hash) throw conflict('idempotency_key_reused', 'This Idempotency-Key was used for a different request', 'Idempotency-Key');
      if (prior.status_code === null) throw conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still in progress', 'Idempotency-Key');
      reply.code(prior.status_code).header('idempotent-replayed', 'true').type('application/json').send(prior.response_json);
      return reply;
    }
    try {
      await db.insertInto('idempotency_keys').values({ user_id: userId, key, request_hash: hash, status_code: null, response_json: null, created_at: new Date().toISOString() }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still in progress', 'Idempotency-Key');
      throw err;
    }
    req.idempotency = { userId, key };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    const q = db.updateTable('idempotency_keys').where('user_id', '=', idem.userId).where('key', '=', idem.key);
    // A server error is not an answer worth replaying: free the key so the client can retry.
    if (reply.statusCode >= 500) await db.deleteFrom('idempotency_keys').where('user_id', '=', idem.userId).where('key', '=', idem.key).execute();
    else await q.set({ status_code: reply.statusCode, response_json: typeof payload === 'string' ? payload : null }).execute();
    return payload;
  });
}
