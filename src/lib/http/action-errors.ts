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
export function swedishActionMessage(code: string | undefined, message: string | undefined): string {
  const text = message ?? '';
  if (code && code in FRAMEWORK_MESSAGES && FRAMEWORK_TEXT.some((re) => re.test(text))) return FRAMEWORK_MESSAGES[code]!;
  if (text === '') return 'Något gick fel. Försök igen.';
  return text;
}

/** Whether a request calls an Astro Action: RPC (`/_actions/name`) or a form post (`?_action=name`). */
export function isActionRequest(request: Request, url: URL): boolean {
  return request.method === 'POST' && (url.pathname.startsWith('/_actions/') || url.searchParams.has('_action'));
}

function jsonError(code: string, status: number, message: string): Response {
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
 * A JSON body that is not valid JSON makes Astro's action runtime throw (a 500). Answer it with a
 * Swedish 400 before the runtime sees it. Returns null when the request may go on.
 */
export async function rejectUnreadableBody(request: Request, url: URL): Promise<Response | null> {
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
    if (url.pathname.startsWith('/_actions/')) return jsonError('BAD_REQUEST', 400, message);
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}

/** Rewrites an RPC action error response whose message came from the framework into Swedish. */
export async function translateActionResponse(response: Response): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = await response.clone().text();
  let body: { type?: string; code?: string; message?: string };
  try {
    body = JSON.parse(text);
  } catch {
    return response;
  }
  if (body?.type !== 'AstroActionError') return response;
  const message = swedishActionMessage(body.code, body.message);
  if (message === body.message) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify({ ...body, message }), { status: response.status, statusText: response.statusText, headers });
}
