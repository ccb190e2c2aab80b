/**
 * Pacing for the broadcast engine: each scope (the Teams tenant, the Slack workspace) and each conversation
 * hands out send times at its rate, one after the other (a reservation, so a worker woken a little late loses
 * nobody's turn), and one pause holds everything when a platform answers 429 (Retry-After honoured, and the
 * scope's rate lowered for a while), so one 429 slows the whole send, not only the one message.
 */
export type Sleep = (ms: number) => Promise<void>
const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Teams: just under about 50 a second per app per tenant, and 7 per conversation; Slack: 1 per channel. */
export const BROADCAST_LIMITS = {
  teams: { perSecond: 47, perConversation: 6 },
  slack: { perSecond: 40, perConversation: 1 },
} as const
export type ScopeLimit = { perSecond: number; perConversation: number }

/** A lane's next send time, its rate (lowered after a 429) and its usual rate, and its recent send times. */
type Lane = { next: number; rate: number; max: number; sent: number[] }

export class Pacer {
  private readonly lanes = new Map<string, Lane>()
  private pausedUntil = 0
  /** When the rate was last lowered after a 429 (or raised back): it climbs back after a quiet spell. */
  private slowedAt = 0

  constructor(
    private readonly limits: Record<string, ScopeLimit>,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = defaultSleep,
  ) {}

  private lane(key: string, rate: number): Lane {
    let lane = this.lanes.get(key)
    if (!lane) {
      lane = { next: 0, rate, max: rate, sent: [] }
      this.lanes.set(key, lane)
      if (this.lanes.size > 20_000) this.forgetIdle()
    }
    return lane
  }

  private forgetIdle() {
    const t = this.now()
    for (const [key, lane] of this.lanes) if (lane.next < t - 5000 && lane.rate === lane.max) this.lanes.delete(key)
  }

  /** Waits for the scope's next send time and the conversation's (and for any pause after a 429). */
  async take(platform: string, scope: string, conversation: string | null): Promise<void> {
    const limit = this.limits[platform] ?? { perSecond: 10, perConversation: 1 }
    const at = Math.max(
      this.reserve(`s:${platform}:${scope}`, limit.perSecond),
      conversation ? this.reserve(`c:${platform}:${conversation}`, limit.perConversation) : 0,
    )
    await this.waitUntil(at)
    await this.withinAnySecond(`s:${platform}:${scope}`)
  }

  /**
   * However late workers wake (a busy event loop releases several at once), never more sends than the rate
   * (and one) in any second: a platform counting in one-second windows would answer 429 to the rest.
   */
  private async withinAnySecond(key: string): Promise<void> {
    const lane = this.lanes.get(key)
    if (!lane) return
    const cap = Math.floor(lane.max) + 1
    for (;;) {
      const t = this.now()
      const oldest = lane.sent.length >= cap ? lane.sent[lane.sent.length - cap]! : Number.NEGATIVE_INFINITY
      if (t - oldest >= 1000) {
        lane.sent.push(t)
        if (lane.sent.length > cap * 2) lane.sent.splice(0, lane.sent.length - cap)
        return
      }
      await this.sleep(1000 - (t - oldest))
    }
  }

  /** A send time of one lane: the later of now (or the pause's end) and one interval after the last one. */
  private reserve(key: string, rate: number): number {
    const t = this.now()
    const lane = this.lane(key, rate)
    // After a 429 the scope's rate was lowered; 5 quiet seconds bring it back a step at a time.
    if (lane.rate < lane.max && t - this.slowedAt > 5000) {
      lane.rate = Math.min(lane.max, lane.rate + lane.max * 0.1)
      this.slowedAt = t
    }
    const at = Math.max(t, this.pausedUntil, lane.next)
    lane.next = at + 1000 / lane.rate
    return at
  }

  private async waitUntil(at: number): Promise<void> {
    for (let t = this.now(); t < at || t < this.pausedUntil; t = this.now())
      await this.sleep(Math.max(at, this.pausedUntil) - t)
  }

  /** A 429: everyone waits `retryAfterMs` (1 s when the platform gave none), and the scope goes 10% slower. */
  throttled(platform: string, scope: string, retryAfterMs: number | undefined): void {
    const t = this.now()
    this.pausedUntil = Math.max(this.pausedUntil, t + (retryAfterMs ?? 1000))
    const lane = this.lanes.get(`s:${platform}:${scope}`)
    if (lane) {
      lane.rate = Math.max(1, lane.rate * 0.9)
      lane.next = Math.max(lane.next, this.pausedUntil)
    }
    this.slowedAt = t
  }

  /** The scope's current rate (messages a second), for the time-left estimate. */
  rateOf(platform: string, scope: string): number {
    return this.lanes.get(`s:${platform}:${scope}`)?.rate ?? this.limits[platform]?.perSecond ?? 10
  }
}
