// Errors that Astro's action runtime produces itself (before any handler runs) come with English or
// empty messages, and a body it cannot parse even ends in a 500. This module gives them Swedish
// messages and turns unreadable bodies into a 400, for the middleware (RPC calls to /_actions/…)
// and for form pages (`?_action=…`). Plain TypeScript on Request/Response: no Astro imports.

/** Swedish messages for the error codes the framework raises on its own. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  CONTENT_TOO_LARGE: 'Det du skickade är för stort. Korta ner texten och försök igen.',
  UNSUPPORTED_MEDIA_TYPE: 'Formuläret skickades i ett format som inte stöds. Ladda om sidan och försök igen.',
  NOT_FOUND: 'Åtgärden finns inte.',
  BAD_REQUEST: 'Det du skickade kunde inte läsas. Ladda om sidan och försök igen.',
};

/** Messages Astro writes itself; every message our handlers throw is Swedish and passes through. */
const FRAMEWORK_TEXT = [/^$/, /^Request body exceeds \d+ bytes$/, /^This action only accepts (FormData|JSON)\.?$/, /^Action not found/i];

/**
 * The Swedish message to show for an action error: the framework's own codes get a Swedish text when
 * their message is Astro's (English or empty); everything else keeps its message.
 */
export function swedishActionMessage(code: string | undefined, message: string | undefined, requestId?: string | null): string {
  const text = message ?? '';
  // An unexpected error's message comes from a library or the runtime: never show it.
  if (code === 'INTERNAL_SERVER_ERROR') return internalErrorMessage(requestId);
  if (code && code in FRAMEWORK_MESSAGES && FRAMEWORK_TEXT.some((re) => re.test(text))) return FRAMEWORK_MESSAGES[code]!;
  if (text === '') return 'Något gick fel. Försök igen.';
  return text;
}

/** The Swedish text for an unexpected error, with the request id that finds it in the log. */
export function internalErrorMessage(requestId?: string | null): string {
  return `Något gick fel hos oss, och ingenting sparades. Försök igen om en stund.${requestId ? ` Uppge felkod ${requestId} om du kontaktar oss.` : ''}`;
}

/** Whether a request calls an Astro Action: RPC (`/_actions/name`) or a form post (`?_action=name`). */
export function isActionRequest(request: Request, url: URL): boolean {
  return request.method === 'POST' && (url.pathname.startsWith('/_actions/') || url.searchParams.has('_action'));
}

export function jsonError(code: string, status: number, message: string): Response {
  return new Response(JSON.stringify({ type: 'AstroActionError', code, status, message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Astro's default action body limit (security.actionBodySizeLimit); larger bodies are its to refuse. */
const MAX_JSON_CHECK = 1024 * 1024;

/** The body as text, or null when it is longer than `limit` bytes or cannot be read. */
async function readAtMost(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Every action is `group.name` (src/actions/index.ts groups them by domain). Any other name — a bare
 * group such as "auth" makes Astro throw a TypeError (a 500) — is answered with a Swedish 404.
 */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/;

function plainError(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Checks an action call before Astro's runtime sees it; returns the Swedish error response for a call
 * it would answer with a 500 or an English message, or null when the call may go on:
 * - an action name that is not `group.name`: 404;
 * - a form post to a page (`?_action=`) that is not a form (JSON, text/plain, none): 415 — the page
 *   would otherwise try to read the body as a form;
 * - a JSON body that is not valid JSON: 400.
 */
/** The action name of a call (`group.name`), or '' when it cannot be read. */
export function actionName(url: URL): string {
  const rpc = url.pathname.startsWith('/_actions/');
  const raw = rpc ? url.pathname.slice('/_actions/'.length).replace(/\/$/, '') : (url.searchParams.get('_action') ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

export async function rejectMalformedActionCall(request: Request, url: URL): Promise<Response | null> {
  const rpc = url.pathname.startsWith('/_actions/');
  let name = rpc ? url.pathname.slice('/_actions/'.length).replace(/\/$/, '') : (url.searchParams.get('_action') ?? '');
  try {
    name = decodeURIComponent(name);
  } catch {
    name = '';
  }
  if (!ACTION_NAME.test(name)) {
    return rpc ? jsonError('NOT_FOUND', 404, FRAMEWORK_MESSAGES.NOT_FOUND!) : plainError(404, FRAMEWORK_MESSAGES.NOT_FOUND!);
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!rpc && type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    return plainError(415, FRAMEWORK_MESSAGES.UNSUPPORTED_MEDIA_TYPE!);
  }
  return rejectUnreadableBody(request, url);
}

/**
 * A JSON body that is not valid JSON makes Astro's action runtime throw (a 500). Answer it with a
 * Swedish 400 before the runtime sees it. Returns null when the request may go on.
 */
async function rejectUnreadableBody(request: Request, url: URL): Promise<Response | null> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return null;
  const declared = Number.parseInt(request.headers.get('content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > MAX_JSON_CHECK) return null; // the runtime's size limit answers it
  const text = await readAtMost(request.clone(), MAX_JSON_CHECK);
  if (text === null) return null;
  if (text.length === 0) return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    const message = FRAMEWORK_MESSAGES.BAD_REQUEST!;
    return url.pathname.startsWith('/_actions/') ? jsonError('BAD_REQUEST', 400, message) : plainError(400, message);
  }
}

/** Rewrites an RPC action error response whose message came from the framework into Swedish. */
export async function translateActionResponse(response: Response, requestId?: string | null): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = await response.clone().text();
  let body: { type?: string; code?: string; message?: string };
  try {
    body = JSON.parse(text);
  } catch {
    return response;
  }
  if (body?.type !== 'AstroActionError') return response;
  const message = swedishActionMessage(body.code, body.message, requestId);
  if (message === body.message && response.status < 500) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  // A 500 carries nothing from the library (message, stack) beyond the type and code.
  const clean = response.status >= 500 ? { type: body.type, code: body.code, status: response.status, message } : { ...body, message };
  return new Response(JSON.stringify(clean), { status: response.status, statusText: response.statusText, headers });
}
