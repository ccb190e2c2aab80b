/**
 * Keyed token buckets. Outbound, `take` waits so the ports stay within platform limits before a 429 happens:
 * Teams allows about 7 messages a second to one conversation and about 50 a second per app per tenant;
 * Slack about one message a second per channel, with short bursts (429s that still happen are retried, see
 * retry.ts). Inbound, `tryTake` never waits: the edges refuse what is over a limit (endpoint floods, a
 * person scripting submissions). Buckets live in this process's memory, so each instance counts on its own.
 */
export type Clock = () => number
export type Sleep = (ms: number) => Promise<void>

const MAX_KEYS = 50_000
const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Token buckets per key: `burst` turns at once, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private sweptAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: Clock = Date.now,
    private readonly sleep: Sleep = defaultSleep,
  ) {}

  /** Waits until `key` may send one more message, then takes that turn. */
  async take(key: string): Promise<void> {
    for (;;) {
      const t = this.now()
      const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t }
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond)
      bucket.at = t
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        this.buckets.set(key, bucket)
        if (this.buckets.size > 10_000) this.forgetIdle(t)
        return
      }
      this.buckets.set(key, bucket)
      await this.sleep(Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000))
    }
  }

  /** Takes a turn for `key` if one is free now: 0 when taken, else the milliseconds until one will be. */
  tryTake(key: string): number {
    const t = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond)
    bucket.at = t
    // Re-inserted, so the map runs from longest unused to most recent.
    this.buckets.delete(key)
    if (this.buckets.size > 10_000) this.forgetIdle(t)
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000)
    bucket.tokens -= 1
    return 0
  }

  /** Forgets full buckets (nothing lost), then, past a hard cap, the longest-unused ones: memory stays bounded. */
  private forgetIdle(t: number) {
    if (t - this.sweptAt < 1000 && this.buckets.size <= MAX_KEYS) return
    this.sweptAt = t
    for (const [key, b] of this.buckets)
      if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key)
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS) break
      this.buckets.delete(key)
    }
  }
}

/** Platform limits, with the defaults documented by Microsoft and Slack. */
/**
 * A bucket lets through up to `burst + perSecond` in any one second, so the Teams buckets sit a little
 * under the published figures to stay under them in every window.
 */
export const LIMITS = {
  teamsPerConversation: { perSecond: 6, burst: 1 },
  teamsPerApp: { perSecond: 45, burst: 5 },
  slackPerChannel: { perSecond: 1, burst: 3 },
} as const
