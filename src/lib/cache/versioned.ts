// View models cached per revision of the database: an entry is used only while dataVersion() is the one it
// was computed at, so the write that changes the data is what invalidates it (no write path needs to know
// about the cache). Bounded with lru-cache: by entry count, and by size when `sizeOf` is given.
import { LRUCache } from 'lru-cache';
import type { Db } from '#lib/db.ts';
import { dataVersion } from './data-version.ts';

export interface VersionedCacheOptions<V> {
  /** Most entries kept (least recently used out). */
  max: number;
  /** Optional bound on the summed size of the entries, in the unit `sizeOf` returns (e.g. characters). */
  maxSize?: number;
  sizeOf?: (value: V) => number;
}

export interface VersionedCache<V> {
  /** The value for `key` at the database's current version, computing (and keeping) it when needed. */
  get(db: Db, key: string, compute: () => V): V;
  clear(): void;
  readonly size: number;
}

interface Entry<V> {
  version: string;
  value: V;
}

export function versionedCache<V>(options: VersionedCacheOptions<V>): VersionedCache<V> {
  const sizeOf = options.sizeOf;
  const cache = new LRUCache<string, Entry<V>>({
    max: options.max,
    ...(options.maxSize && sizeOf ? { maxSize: options.maxSize, sizeCalculation: (e: Entry<V>) => Math.max(1, sizeOf(e.value)) } : {}),
  });
  return {
    get(db, key, compute) {
      const version = dataVersion(db);
      const hit = cache.get(key);
      if (hit && hit.version === version) return hit.value;
      const value = compute();
      cache.set(key, { version, value });
      return value;
    },
    clear: () => cache.clear(),
    get size() {
      return cache.size;
    },
  };
}
