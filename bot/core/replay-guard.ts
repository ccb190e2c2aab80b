/**
 * Remembers which requests were already handled, so a replayed or redelivered one is answered without being
 * done twice. Platforms sign a request's body with its timestamp and refuse it 5 minutes either side, so a
 * replay can only succeed within that window: keys are kept for 10 minutes, then forgotten. Kept in this
 * process's memory (at most `maxKeys`, oldest dropped first): each instance remembers only what it handled,
 * so with several instances a replay sent to another instance is not caught here (see the README).
 */
import type { Clock } from './rate-limit.js'

const TEN_MINUTES = 10 * 60_000

/** What ran per key in the last window, and its result, to hand a repeat. */
export class ReplayGuard<T = void> {
  private readonly seen = new Map<string, { at: number; result: Promise<T> }>()

  constructor(
    private readonly windowMs = TEN_MINUTES,
    private readonly maxKeys = 20_000,
    private readonly now: Clock = Date.now,
  ) {}

  /**
   * Runs `work` the first time `key` is seen in the window; a repeat gets the first run's result (waiting for
   * it if it is still running). A run that fails is forgotten, so a genuine redelivery after it may try again.
   */
  once(key: string, work: () => Promise<T>): { repeated: boolean; result: Promise<T> } {
    const t = this.now()
    this.forgetOld(t)
    const earlier = this.seen.get(key)
    if (earlier) return { repeated: true, result: earlier.result }
    const result = work()
    this.seen.set(key, { at: t, result })
    result.catch(() => {
      if (this.seen.get(key)?.result === result) this.seen.delete(key)
    })
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value as string)
    return { repeated: false, result }
  }

  /** Forgets `key`, e.g. when its first run ended in a way a redelivery should not repeat. */
  forget(key: string): void {
    this.seen.delete(key)
  }

  private forgetOld(t: number) {
    for (const [key, entry] of this.seen) {
      if (t - entry.at < this.windowMs) break
      this.seen.delete(key)
    }
  }
}
