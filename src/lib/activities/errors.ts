/** An expected failure the user can cause; `message` is Swedish and safe to show. Actions map `code` to ActionError. */
export class ActivityError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST' | 'CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'ActivityError';
  }
}
