// Tunables of live co-writing, read once from the environment (documented in README's configuration table).
function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const COLLAB_PATH = '/samskrivning';

export const collabSettings = {
  /** A revision is written when nobody has typed for this long (and when the last writer leaves). */
  idleMs: positive('COLLAB_IDLE_MS', 30_000),
  /** Stored updates of one section are compacted into one snapshot after this many. */
  compactEvery: positive('COLLAB_COMPACT_EVERY', 500),
  /** Largest WebSocket message accepted, in bytes (ws closes the connection with 1009 above it). */
  maxMessageBytes: positive('COLLAB_MAX_MESSAGE_BYTES', 256 * 1024),
  /** Token bucket per connection: burst size and messages added per second. */
  rateBurst: positive('COLLAB_RATE_BURST', 400),
  ratePerSecond: positive('COLLAB_RATE_PER_SECOND', 100),
  /** Longest section text the live document may reach (as the form's limit). */
  maxTextLength: 50_000,
  /** Every connection's session and membership are re-checked at least this often. */
  recheckMs: 2_000,
};
