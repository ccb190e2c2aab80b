/**
 * What the outbox knows it sent but could not yet write down. After a platform accepted a message, the
 * database write that records it (the row marked SENT with the platform's message id, a channel card's
 * reference) must happen before anything else about that row: if it is lost, the row's lease runs out and
 * the message is sent again. So a failed write is kept here, in memory, and retried (with backoff, by the
 * outbox runner) until the database answers; the dispatcher claims nothing new while any is pending.
 *
 * Every write is idempotent (an UPDATE to a known state), so retrying one that did land is harmless. Only
 * "database unavailable" failures are kept: any other failure (the row is gone) would never succeed, and is
 * handed back to the caller to log instead of blocking the outbox for good.
 */
import type { DbClient } from '../../lib/db.js'
import { isDatabaseUnavailable } from '../../lib/db-errors.js'

export type LedgerWrite = (db: DbClient) => Promise<void>

type Entry = { key: string; write: LedgerWrite; since: number; tries: number }

export class SentLedger {
  private readonly entries = new Map<string, Entry>()

  /** Number of sends not yet recorded. */
  get size(): number {
    return this.entries.size
  }

  /** Keys of the sends not yet recorded (outbox row ids, placeholders), for logs. */
  keys(): string[] {
    return [...this.entries.keys()]
  }

  /**
   * Records a send now if the database answers, else keeps the write for `flush`. Never throws: the message
   * went out, and the caller must not treat a failed record as a failed send. Returns 'recorded', 'kept'
   * (pending, the database is unavailable) or the error that no retry can fix.
   */
  async record(db: DbClient, key: string, write: LedgerWrite): Promise<'recorded' | 'kept' | { error: unknown }> {
    try {
      await write(db)
      return 'recorded'
    } catch (error) {
      if (!isDatabaseUnavailable(error)) return { error }
      this.entries.set(key, { key, write, since: Date.now(), tries: 1 })
      return 'kept'
    }
  }

  /**
   * Tries every pending write once, oldest first, and stops at the first "database unavailable". `done` is
   * true when nothing is pending any more; `dropped` lists writes that failed for good (to be logged).
   */
  async flush(db: DbClient): Promise<{ done: boolean; dropped: { key: string; error: unknown }[] }> {
    const dropped: { key: string; error: unknown }[] = []
    for (const entry of [...this.entries.values()]) {
      try {
        await entry.write(db)
        this.entries.delete(entry.key)
      } catch (error) {
        if (!isDatabaseUnavailable(error)) {
          this.entries.delete(entry.key)
          dropped.push({ key: entry.key, error })
          continue
        }
        entry.tries += 1
        // The database is still away: the rest would fail the same way.
        return { done: false, dropped }
      }
    }
    return { done: true, dropped }
  }

  /** How long the oldest pending write has waited, in milliseconds (0 when none). */
  oldestAgeMs(now = Date.now()): number {
    let oldest = now
    for (const e of this.entries.values()) oldest = Math.min(oldest, e.since)
    return now - oldest
  }
}
