/**
 * Random hex strings (Digest cnonces, owner tokens) cut from a pooled buffer of
 * cryptographic randomness: one call into the system's generator per 4 KiB instead of one per
 * value, which showed up in the host's CPU profile (docs/PERFORMANCE.md).
 */
import { randomFillSync } from "node:crypto";

const POOL_BYTES = 4096;

export class RandomHex {
  private readonly pool = Buffer.alloc(POOL_BYTES);
  private offset = POOL_BYTES;

  /** `bytes` fresh random bytes as 2 × `bytes` lower-case hex digits; no byte is handed out twice. */
  next(bytes: number): string {
    if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) {
      throw new RangeError(`RandomHex.next: bytes must be an integer from 1 to ${POOL_BYTES}`);
    }
    if (this.offset + bytes > POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const hex = this.pool.toString("hex", this.offset, this.offset + bytes);
    this.offset += bytes;
    return hex;
  }
}
