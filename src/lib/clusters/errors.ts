/** An error the user can cause, with a Swedish message; actions map it to an ActionError. */
export class ClusterError extends Error {
  readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

  constructor(code: ClusterError['code'], message: string) {
    super(message);
    this.code = code;
    this.name = 'ClusterError';
  }
}
