/**
 * Keyed token buckets, so outbound ports stay within platform limits before a 429 happens: Teams allows
 * about 7 messages a second to one conversation and about 50 a second per app per tenant; Slack about one
 * message a second per channel, with short bursts. 429s that still happen are retried (retry.ts).
 */
export type Clock = () => number
export type Sleep = (ms: number) => Promise<void>

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

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

  private forgetIdle(t: number) {
    for (const [key, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key)
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
