import { randomBytes } from "node:crypto";

// Random bytes for the many small values made per request (CSP nonces, row ids), drawn from one
// buffer filled 4 KB at a time: one call into the random source per few hundred values instead
// of one each. Each byte is handed out once; a refill makes a new buffer, so bytes already handed
// out are never overwritten.

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let at = 0;

/** `size` fresh random bytes (at most the pool's size). */
export function pooledRandomBytes(size: number): Buffer {
  if (at + size > pool.length) {
    pool = randomBytes(POOL_SIZE);
    at = 0;
  }
  const bytes = pool.subarray(at, at + size);
  at += size;
  return bytes;
}
