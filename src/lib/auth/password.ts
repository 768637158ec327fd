// Password hashing (argon2id, OWASP's minimum parameters) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import commonPasswordsText from './common-passwords.txt?raw';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  commonPasswordsText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 hashes with argon2id by default; these are OWASP's recommended minimum parameters.
  return hash(password, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when an e-mail address has no account, so that the answer takes
// as long as for a real account and timing does not reveal which addresses are registered.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('ingen-anvandare-har-detta-losenord');
  await verifyPassword(await dummyHash, password);
  return false;
}

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Returns a Swedish message when the password is not acceptable, otherwise null. */
export function passwordPolicyError(password: string, context: { email?: string; name?: string } = {}): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `Lösenordet måste ha minst ${PASSWORD_MIN_LENGTH} tecken.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`;
  if (/^(.)\1+$/u.test(password)) return 'Lösenordet får inte bestå av ett enda tecken som upprepas.';
  if (isCommonPassword(password)) return 'Lösenordet är för vanligt och lätt att gissa. Välj ett annat, till exempel några ord i rad.';
  const lower = password.toLowerCase();
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) return 'Lösenordet får inte vara din e-postadress.';
  if (context.name && lower.replace(/\s+/g, '') === context.name.toLowerCase().replace(/\s+/g, '')) return 'Lösenordet får inte vara ditt namn.';
  return null;
}
