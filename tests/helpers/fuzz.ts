// Helpers for the fuzz test: a seeded PRNG, a catalogue of hostile values, raw request bodies (so
// invalid UTF-8 and duplicated fields can be sent), a Swedish-message check and table row counts.
import type { Db } from '#lib/db.ts';
import { mulberry32 } from '#lib/random.ts';

export { mulberry32 };

export class Rng {
  readonly seed: number;
  readonly next: () => number;
  constructor(seed: number) {
    this.seed = seed;
    this.next = mulberry32(seed);
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A form value: text (UTF-8 encoded) or raw bytes (to send invalid UTF-8 such as a lone surrogate). */
export type FieldValue = string | Uint8Array;
export type Fields = Array<[string, FieldValue]>;

const LONE_SURROGATE_BYTES = new Uint8Array([0x61, 0xed, 0xa0, 0x80, 0x62]); // "a" + CESU-8 U+D800 + "b"
const INVALID_UTF8 = new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0x80]);

/** Values that are wrong, hostile or odd in a text, number, date, id or enum field. All stay under 1 MB. */
export const HOSTILE_VALUES: ReadonlyArray<{ label: string; value: FieldValue }> = [
  { label: 'empty', value: '' },
  { label: 'whitespace', value: ' \t\n ' },
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'only NUL', value: '\u0000' },
  { label: 'script tag', value: '<script>alert(1)</script>' },
  { label: 'img onerror', value: '<img src=x onerror=alert(1)>' },
  { label: 'svg attr break', value: '"><svg onload=alert(1)>' },
  { label: 'template', value: '{{7*7}}${7*7}<%= 7*7 %>' },
  { label: 'sql drop', value: "'; DROP TABLE users;--" },
  { label: 'sql or', value: "' OR '1'='1" },
  { label: 'sql numeric', value: '1 OR 1=1' },
  { label: 'sql union', value: '1 UNION SELECT passwordHash FROM users' },
  { label: 'RTL override', value: '\u202Eexe.txt\u202C' },
  { label: 'zero-width', value: '\u200B\u200C\u200D\uFEFF' },
  { label: 'emoji', value: '👩‍👩‍👧‍👦🇸🇪🏳️‍🌈' },
  { label: 'combining marks', value: 'Z̷̢͉̬a̵͙l̶̰g̷̹o̴̬' + '\u0301'.repeat(300) },
  { label: 'lone surrogate (JS)', value: 'x\uD800y\uDFFFz' },
  { label: 'lone surrogate (bytes)', value: LONE_SURROGATE_BYTES },
  { label: 'invalid UTF-8', value: INVALID_UTF8 },
  { label: 'invalid date', value: '2026-02-30T25:61' },
  { label: 'invalid date 2', value: '2026-13-45' },
  { label: 'invalid time', value: '25:61' },
  { label: 'negative', value: '-1' },
  { label: 'zero', value: '0' },
  { label: 'huge negative', value: '-999999999999999999999' },
  { label: 'huge', value: '1e308' },
  { label: 'infinity', value: '1e400' },
  { label: 'Infinity', value: 'Infinity' },
  { label: 'NaN', value: 'NaN' },
  { label: 'float', value: '2.5' },
  { label: 'unsafe int', value: '9007199254740993' },
  { label: 'true', value: 'true' },
  { label: 'null', value: 'null' },
  { label: 'json array', value: '[1,2]' },
  { label: 'json object', value: '{"role":"admin"}' },
  { label: 'proto', value: '__proto__' },
  { label: 'path traversal', value: '../../../etc/passwd' },
  { label: 'CRLF header', value: 'x\r\nSet-Cookie: a=b' },
  { label: 'long ascii (200 kB)', value: 'x'.repeat(200_000) },
  { label: 'long å (100k chars)', value: 'å'.repeat(100_000) },
];

/** Form bodies. */
function percentEncode(value: FieldValue): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9*\-._]/.test(c) ? c : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function urlencoded(fields: Fields): Buffer {
  return Buffer.from(fields.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'), 'latin1');
}

export function multipart(fields: Fields, boundary: string, asFile: Set<string> = new Set()): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of fields) {
    const disposition = asFile.has(k) ? `form-data; name="${k}"; filename="fuzz.txt"\r\nContent-Type: text/plain` : `form-data; name="${k}"`;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`, 'utf8'), typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** A raw POST (the Client helper only sends well-formed urlencoded text). */
export async function rawPost(baseUrl: string, path: string, body: Buffer | string | null, contentType: string | null, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { origin: baseUrl };
  if (contentType) headers['content-type'] = contentType;
  if (cookie) headers.cookie = cookie;
  const payload = typeof body === 'string' || body === null ? body : new Uint8Array(body) /* a copy with a plain ArrayBuffer, as BodyInit wants */;
  return fetch(new URL(path, baseUrl), { method: 'POST', body: payload ?? undefined, headers, redirect: 'manual' });
}

// ---- Swedish messages ----

const SWEDISH_WORDS =
  /\b(och|att|inte|för|är|en|ett|du|din|ditt|kan|finns|fyll|skriv|välj|saknas|ogiltig\w*|logga|högst|minst|tecken|försök|igen|medlemmen|aktiviteten|länken|koden|formuläret|åtgärden|behörighet|förväntade?|fick|måste|krävs|eller|ja|nej|med|på|av|till|om|den|det|som|har|beskriv|svara|ange|roll|namn)\b/i;
const ENGLISH = /\b(expected|received|invalid input|required|must be|exceeds|only accepts|forbidden|not found|internal|error:)\b/i;

/** Whether a user-facing message reads as Swedish (and not as one of the framework's English texts). */
export function isSwedish(message: unknown): boolean {
  if (typeof message !== 'string' || message.trim() === '') return false;
  if (ENGLISH.test(message)) return false;
  return /[åäöÅÄÖ]/.test(message) || SWEDISH_WORDS.test(message);
}

/** The messages a JSON action error carries: the top-level message, or every input issue's message. */
export function actionErrorMessages(body: unknown): string[] {
  const b = body as { type?: string; message?: string; issues?: Array<{ message?: string }>; error?: string };
  if (b?.type === 'AstroActionInputError') return (b.issues ?? []).map((i) => i.message ?? '');
  if (typeof b?.error === 'string') return [b.error]; // JSON endpoints of the portal ({ error })
  return [b?.message ?? ''];
}

// ---- row counts ----

/** Counts rows of every application table (read from sqlite_master), in one statement. */
export function tableCounter(db: Db): () => Record<string, number> {
  const tables = (db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>).map((r) => r.name);
  const stmt = db.$client.prepare(`select ${tables.map((t, i) => `(select count(*) from "${t}") as c${i}`).join(', ')}`);
  return () => {
    const row = stmt.get() as Record<string, number>;
    return Object.fromEntries(tables.map((t, i) => [t, row[`c${i}`]!]));
  };
}

export function countDiff(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

/** Printable description of a field value for failure messages (long values shortened). */
export function show(value: FieldValue): string {
  if (typeof value !== 'string') return `bytes[${[...value].map((b) => b.toString(16)).join(' ')}]`;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 60)}…(${value.length} chars)` : json;
}
