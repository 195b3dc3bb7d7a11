import { canonicalJson } from '../audit/canonical-json';
import { sha256Hex } from '../auth/tokens';

/** Identity of a request body for idempotency: key order and whitespace do not matter. */
export function payloadHash(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}
