const MAX_TIMESTAMP = 2 ** 48 - 1;
const MAX_COUNTER = 0xfff;
// A clock stepped back by NTP keeps counting on the last timestamp rather than going backwards;
// a much older `now` is a deliberate choice by the caller and is honoured.
const CLOCK_STEP_BACK_TOLERANCE_MS = 10_000;

let lastTimestamp = -1;
let lastCounter = 0;

// Random bytes drawn in blocks: one getRandomValues call per id cost more than the rest of the
// id (a bulk import makes 100,000s of ids). Each byte is still used once only.
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolAt = POOL_BYTES;

function randomBytes(n: number): Uint8Array {
  if (poolAt + n > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version, a 12-bit counter, variant, 62 random
 * bits. Clients create the ids of what they create (sales, offline documents) so a retried post is
 * recognisable (§2). Ids from one device sort in creation order: within one millisecond the
 * counter (method 1 of RFC 9562 §6.2) increases, starting at a random value below 2048 so there is
 * room to count; if it overflows, the timestamp moves one millisecond ahead.
 */
export function uuidv7(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now > MAX_TIMESTAMP) {
    throw new RangeError(`uuidv7 timestamp must be an integer between 0 and 2^48 − 1, got ${now}`);
  }
  const random = randomBytes(10);
  const freshCounter = ((random[0] << 8) | random[1]) & 0x7ff;

  let timestamp = now;
  let counter = freshCounter;
  if (now <= lastTimestamp && lastTimestamp - now <= CLOCK_STEP_BACK_TOLERANCE_MS) {
    timestamp = lastTimestamp;
    counter = lastCounter + 1;
    if (counter > MAX_COUNTER) {
      timestamp = lastTimestamp + 1;
      counter = freshCounter;
    }
  }
  lastTimestamp = timestamp;
  lastCounter = counter;

  const bytes = new Uint8Array(16);
  let t = timestamp;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (random[2] & 0x3f);
  bytes.set(random.subarray(3), 9);

  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[bytes[i]];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Lowercase only: ids are compared as strings (the UNIQUE client id behind idempotency), so an
// uppercase spelling of the same UUID would slip past as a different document.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A UUID in canonical lowercase 8-4-4-4-12 form, any version. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** A canonical lowercase UUID of version 7 with the RFC 9562 variant. */
export function isUuidV7(s: string): boolean {
  return UUID_V7.test(s);
}
