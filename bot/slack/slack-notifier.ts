/** The Slack outbound port: channel posts (and the chair's decision copy), updates and 1:1 notices. */
import type { webApi } from '@slack/bolt'

type WebClient = webApi.WebClient
import { screeningCard } from '../../cards/messages/referral-cards.js'
import { noticeCard } from '../../cards/messages/notices.js'
import { cardToBlocks } from '../../cards/render/blockkit.js'
import type { ChannelMessage, Notice, PersonTarget, PlatformNotifier } from '../../services/notifications/index.js'
import { LIMITS, RateLimiter } from '../core/rate-limit.js'
import { withRetry, type RetryOptions } from '../core/retry.js'

type SlackMessageRef = { channel: string; ts: string }
type SlackRef = SlackMessageRef & { deciders: SlackMessageRef[]; toDecider?: boolean }

/** Gives Slack client errors the HTTP shape the retry helper understands. */
function asHttpError(error: unknown): unknown {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } }
  if (e?.code === 'slack_webapi_rate_limited_error') return { statusCode: 429, retryAfter: e.retryAfter }
  if (e?.code === 'slack_webapi_http_error') return { statusCode: e.statusCode }
  if (e?.code === 'slack_webapi_platform_error') return { statusCode: 400, message: e.data?.error }
  return error
}

export class SlackNotifier implements PlatformNotifier {
  readonly platform = 'slack' as const
  private readonly perChannel = new RateLimiter(LIMITS.slackPerChannel.perSecond, LIMITS.slackPerChannel.burst)
  constructor(private readonly client: WebClient, private readonly retry: RetryOptions = {}) {}

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(what, async () => {
      try {
        return await fn()
      } catch (error) {
        throw asHttpError(error)
      }
    }, this.retry)
  }

  private async post(channel: string, blocks: unknown[], text: string): Promise<SlackMessageRef> {
    await this.perChannel.take(channel)
    const res = await this.call('slack post', () => this.client.chat.postMessage({ channel, blocks: blocks as never, text }))
    return { channel: String(res.channel ?? channel), ts: String(res.ts) }
  }

  private async update(ref: SlackMessageRef, blocks: unknown[], text: string): Promise<void> {
    await this.perChannel.take(ref.channel)
    await this.call('slack update', () => this.client.chat.update({ channel: ref.channel, ts: ref.ts, blocks: blocks as never, text }))
  }

  async postToChannel(channel: unknown, message: ChannelMessage): Promise<SlackRef> {
    const { view } = message
    const text = `Review referral ${view.reference}: ${view.statusLabel}`
    const channelId = (channel as { channelId: string }).channelId
    // With no channel set, the card goes to a chair 1:1: that copy carries the decision buttons.
    const toDecider = view.deciders.some((d) => d.slackUserId === channelId)
    const posted = await this.post(channelId, cardToBlocks(screeningCard(view, { canDecide: toDecider })), text)
    // A channel message looks the same to everyone, so the chair gets the decision buttons 1:1.
    const deciders: SlackMessageRef[] = []
    for (const d of view.deciders) {
      // When the card itself went to this chair 1:1 (no channel set), one copy is enough.
      if (!d.slackUserId || d.slackUserId === channelId) continue
      deciders.push(await this.post(d.slackUserId, cardToBlocks(screeningCard(view, { canDecide: true })), `For your decision: ${text}`))
    }
    return { ...posted, deciders, ...(toDecider ? { toDecider } : {}) }
  }

  async updateChannelMessage(ref: unknown, message: ChannelMessage): Promise<void> {
    const r = ref as SlackRef
    const text = `Review referral ${message.view.reference}: ${message.view.statusLabel}`
    await this.update(r, cardToBlocks(screeningCard(message.view, { canDecide: r.toDecider === true })), text)
    for (const dm of r.deciders ?? []) await this.update(dm, cardToBlocks(screeningCard(message.view, { canDecide: true })), text)
  }

  canReach(person: PersonTarget): boolean {
    return Boolean(person.slackUserId)
  }

  async sendToPerson(person: PersonTarget, _address: unknown, notice: Notice): Promise<void> {
    const card = noticeCard(notice)
    await this.post(person.slackUserId!, cardToBlocks(card), card.title)
  }
}
