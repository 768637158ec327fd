/** An error the user can cause, with a Swedish message; actions map it to an ActionError. */
export class ClusterError extends Error {
  constructor(
    readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}
