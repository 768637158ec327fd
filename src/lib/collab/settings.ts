// Tunables of live co-writing, from the configuration (src/lib/config.ts; README's configuration table).
import { config } from '#lib/config.ts';

export const COLLAB_PATH = '/samskrivning';

export const collabSettings = {
  /** A revision is written when nobody has typed for this long (and when the last writer leaves). */
  get idleMs() {
    return config().collab.idleMs;
  },
  /** Stored updates of one section are compacted into one snapshot after this many. */
  get compactEvery() {
    return config().collab.compactEvery;
  },
  /** Largest WebSocket message accepted, in bytes (ws closes the connection with 1009 above it). */
  get maxMessageBytes() {
    return config().collab.maxMessageBytes;
  },
  /** Token bucket per connection: burst size and messages added per second. */
  get rateBurst() {
    return config().collab.rateBurst;
  },
  get ratePerSecond() {
    return config().collab.ratePerSecond;
  },
  /** Longest section text the live document may reach (as the form's limit). */
  maxTextLength: 50_000,
  /** Every connection's session and membership are re-checked at least this often. */
  recheckMs: 2_000,
};
