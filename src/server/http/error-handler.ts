import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../../db/dialect';
import { Problem, type FieldError } from './problem';

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const problem = toProblem(err);
    if (problem.status >= 500) req.log.error({ err }, 'unhandled error');
    reply.code(problem.status).type('application/problem+json').send(problem.toBody());
  });
}

function toProblem(err: FastifyError): Problem {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.flatMap((v): FieldError[] => {
      const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys) {
        return keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'Unknown field' }));
      }
      return [{ field: base || where, message: v.message ?? 'Invalid value' }];
    });
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new Problem(400, 'validation_failed', `Invalid ${where}: ${detail}`, errors);
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return new Problem(413, 'body_too_large', 'The request body is too large');
  if (status === 415) return new Problem(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json');
  if (status === 400 && (err instanceof SyntaxError || /JSON/i.test(err.code ?? '') || /JSON/.test(err.message))) {
    return new Problem(400, 'malformed_json', `The body is not valid JSON: ${err.message}`);
  }
  if (status >= 400 && status < 500) return new Problem(status, (err.code ?? 'bad_request').toLowerCase(), err.message);
  if (isUniqueViolation(err)) return new Problem(409, 'conflict', 'That already exists');
  return new Problem(500, 'internal_error', 'Something went wrong on our side; it has been logged');
}
