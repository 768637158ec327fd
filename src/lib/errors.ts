// The one error type of the domain: an expected failure the user can cause (a full course, a stale
// version, a missing page), with a Swedish message that is safe to show. Every domain module throws it;
// the frame (src/guards.ts) turns it into an action error or a page status, using httpStatus() below.
// Anything else that is thrown is a bug and reaches the 500 page.

export type DomainErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

const STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** The form field the message belongs to, when there is one (shown beside that field). */
  readonly field: string | undefined;

  constructor(code: DomainErrorCode, message: string, options: { field?: string } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
  }

  get status(): number {
    return httpStatus(this.code);
  }
}

/** The HTTP status of a domain error code: the one mapping, used by actions, pages and endpoints. */
export function httpStatus(code: DomainErrorCode): number {
  return STATUS[code];
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A refusal to show something (a page, a download): the status and the Swedish reason. */
export interface Denial {
  status: 403 | 404;
  message: string;
  /** The page heading when it is not simply "no right" / "not found" (e.g. "Intyg saknas"). */
  title?: string;
}

export function denialOf(error: DomainError): Denial {
  return { status: error.code === 'NOT_FOUND' ? 404 : 403, message: error.message };
}
