/**
 * Pacing for the broadcast engine: token buckets per scope (the Teams tenant, the Slack workspace) and per
 * conversation, and one pause for everything when a platform answers 429 (Retry-After honoured, and the
 * scope's rate lowered for a while), so one 429 slows the whole send, not only the one message.
 */
export type Sleep = (ms: number) => Promise<void>
const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Teams: just under about 50 a second per app per tenant and 7 per conversation; Slack: 1 per channel. */
export const BROADCAST_LIMITS = {
  teams: { perSecond: 48, burst: 1, perConversation: 6 },
  slack: { perSecond: 40, burst: 2, perConversation: 1 },
} as const
export type ScopeLimit = { perSecond: number; burst: number; perConversation: number }

type Bucket = { tokens: number; at: number; rate: number; burst: number }

export class Pacer {
  private readonly buckets = new Map<string, Bucket>()
  private pausedUntil = 0
  /** When the rate was last lowered after a 429: it climbs back after a quiet spell. */
  private slowedAt = 0

  constructor(
    private readonly limits: Record<string, ScopeLimit>,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = defaultSleep,
  ) {}

  private bucket(key: string, rate: number, burst: number): Bucket {
    let b = this.buckets.get(key)
    if (!b) {
      b = { tokens: burst, at: this.now(), rate, burst }
      this.buckets.set(key, b)
      if (this.buckets.size > 20_000) this.forgetFull()
    }
    return b
  }

  private forgetFull() {
    const t = this.now()
    for (const [key, b] of this.buckets)
      if (b.tokens + ((t - b.at) / 1000) * b.rate >= b.burst) this.buckets.delete(key)
  }

  /** Waits for the global pause, then a turn of the scope's budget and of the conversation's. */
  async take(platform: string, scope: string, conversation: string | null): Promise<void> {
    const limit = this.limits[platform] ?? { perSecond: 10, burst: 1, perConversation: 1 }
    await this.turn(`s:${platform}:${scope}`, limit.perSecond, limit.burst)
    if (conversation) await this.turn(`c:${platform}:${conversation}`, limit.perConversation, 1)
  }

  /** Waits for the global pause and a turn of the conversation's own budget only (the scope's was taken). */
  async takeConversation(platform: string, conversation: string | null): Promise<void> {
    const limit = this.limits[platform] ?? { perSecond: 10, burst: 1, perConversation: 1 }
    await this.turn(`c:${platform}:${conversation ?? 'none'}`, limit.perConversation, 1)
  }

  private async turn(key: string, rate: number, burst: number): Promise<void> {
    for (;;) {
      const t = this.now()
      if (t < this.pausedUntil) {
        await this.sleep(this.pausedUntil - t)
        continue
      }
      const b = this.bucket(key, rate, burst)
      // After a 429 the scope's rate was lowered; 10 quiet seconds bring it back a step at a time.
      if (key.startsWith('s:') && b.rate < rate && t - this.slowedAt > 10_000) {
        b.rate = Math.min(rate, b.rate + rate * 0.1)
        this.slowedAt = t
      }
      b.tokens = Math.min(b.burst, b.tokens + ((t - b.at) / 1000) * b.rate)
      b.at = t
      if (b.tokens >= 1) {
        b.tokens -= 1
        return
      }
      await this.sleep(Math.ceil(((1 - b.tokens) / b.rate) * 1000))
    }
  }

  /** A 429: everyone waits `retryAfterMs` (1 s when the platform gave none), and the scope goes 20% slower. */
  throttled(platform: string, scope: string, retryAfterMs: number | undefined): void {
    const t = this.now()
    this.pausedUntil = Math.max(this.pausedUntil, t + (retryAfterMs ?? 1000))
    const b = this.buckets.get(`s:${platform}:${scope}`)
    if (b) {
      b.rate = Math.max(1, b.rate * 0.8)
      b.tokens = 0
    }
    this.slowedAt = t
  }

  /** The scope's current rate (messages a second), for the time-left estimate. */
  rateOf(platform: string, scope: string): number {
    return this.buckets.get(`s:${platform}:${scope}`)?.rate ?? this.limits[platform]?.perSecond ?? 10
  }
}
