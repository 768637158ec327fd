export type ActivityErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST' | 'CONFLICT';

/** An expected failure the user can cause; `message` is Swedish and safe to show. Actions map `code` to ActionError. */
export class ActivityError extends Error {
  readonly code: ActivityErrorCode;

  constructor(code: ActivityErrorCode, message: string) {
    super(message);
    this.name = 'ActivityError';
    this.code = code;
  }
}
