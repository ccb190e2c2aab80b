/**
 * Rate limiting for the public survey link, keeping only what it needs for only as long as it needs: a window of
 * counts per caller, keyed by an HMAC of the network address with a random key that lives in memory and is
 * replaced every day (so a key cannot be turned back into an address, or matched across days), and each entry
 * forgotten as soon as its window has passed. Nothing is written to disk or to the database, and nothing is logged.
 */
import { createHmac, randomBytes } from 'node:crypto'

type Entry = { count: number; resetAt: number }

export class AddressLimiter {
  private readonly entries = new Map<string, Entry>()
  private key = randomBytes(32)
  private keyBornAt: number

  constructor(
    /** How many requests a caller may make per window. */
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.keyBornAt = now()
  }

  /** Counts a request from `address`; false when it is over the limit for this window. */
  allow(address: string): boolean {
    const at = this.now()
    this.forgetExpired(at)
    const id = createHmac('sha256', this.key).update(address).digest('base64url').slice(0, 22)
    const entry = this.entries.get(id)
    if (!entry) {
      this.entries.set(id, { count: 1, resetAt: at + this.windowMs })
      return true
    }
    entry.count++
    return entry.count <= this.limit
  }

  /** How many callers are remembered now (for tests and the README's claim that entries go). */
  size(): number {
    this.forgetExpired(this.now())
    return this.entries.size
  }

  /** Drops every entry whose window has passed, and replaces the key once a day. */
  private forgetExpired(at: number) {
    for (const [id, entry] of this.entries) if (entry.resetAt <= at) this.entries.delete(id)
    if (at - this.keyBornAt >= 86_400_000 && this.entries.size === 0) {
      this.key = randomBytes(32)
      this.keyBornAt = at
    }
  }
}
