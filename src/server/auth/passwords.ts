// argon2id with OWASP's minimums (m = 19 MiB, t = 2); ARCHITECTURE §4.
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 = Argon2id (the package's enum is a const enum, unusable under isolatedModules).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// The most common passwords in public breach lists; anything here is refused outright.
const COMMON = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwertyuiop', 'qwerty123',
  '11111111', '00000000', '88888888', '66666666', '12341234', '87654321', 'abc12345', 'abcd1234', 'iloveyou',
  'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'admin123', 'administrator', 'letmein1',
  'passw0rd', 'trustno1', 'woaini1314', '5201314a', 'a1234567', 'aa123456', 'qq123456', '1qaz2wsx',
  'zxcvbnm1', 'asdfghjk', 'changeme', 'cangshou', 'superman', 'dragon12', 'monkey12', 'shadow12',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

export function checkPasswordPolicy(password: string): PasswordProblem | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (COMMON.has(password.toLowerCase())) return 'too_common';
  return null;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'Password must be at least 8 characters',
  too_long: 'Password must be at most 128 characters',
  too_common: 'Password is too common; choose another',
};

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, OPTIONS);
}

export async function verifySecret(stored: string, secret: string): Promise<boolean> {
  try {
    return await verify(stored, secret);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the user does not exist keeps the response time the same,
// so login timing does not reveal which usernames exist.
let dummy: Promise<string> | null = null;
export async function burnVerify(secret: string): Promise<void> {
  dummy ??= hash('not-a-real-password', OPTIONS);
  await verifySecret(await dummy, secret);
}
