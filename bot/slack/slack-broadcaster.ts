/**
 * The broadcast engine's Slack port: one Web API call per message (the client rejects rate-limited calls
 * instead of waiting, so a 429 reaches the engine, which slows the whole send). A DM with someone never heard
 * from is opened with `conversations.open` and handed back to be kept; Slack refusing a DM is NotReachable.
 */
import type { webApi } from '@slack/bolt'
import { productMessageCard, progressCard } from '../../cards/messages/learning-cards.js'
import { cardToBlocks } from '../../cards/render/blockkit.js'
import type { BroadcastMessage, BroadcastPort, BroadcastSent } from '../../services/broadcast/index.js'
import type { PersonTarget } from '../../services/notifications/index.js'
import { DeliveryError, NotReachable } from '../../services/notifications/index.js'
import { SLACK_DM_UNREACHABLE } from './slack-notifier.js'

/** The notifier's "cannot get a DM" answers, and a channel the app was removed from (a send to chosen channels). */
const UNREACHABLE = new Set([...SLACK_DM_UNREACHABLE, 'not_in_channel'])

const cardOf = (m: BroadcastMessage) => (m.template === 'learning.product' ? productMessageCard(m) : progressCard(m))
/** A message's blocks, rendered once per message object. */
const rendered = new WeakMap<BroadcastMessage, { blocks: unknown[]; text: string }>()
function renderedOf(m: BroadcastMessage) {
  let r = rendered.get(m)
  if (!r) {
    const card = cardOf(m)
    r = { blocks: cardToBlocks(card), text: card.title }
    rendered.set(m, r)
  }
  return r
}

/** A Slack client error as the engine understands it. */
function asDeliveryError(error: unknown): DeliveryError {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } }
  if (e?.code === 'slack_webapi_rate_limited_error')
    return new DeliveryError('slack rate limited', true, { status: 429, retryAfterMs: (e.retryAfter ?? 1) * 1000 })
  if (e?.code === 'slack_webapi_platform_error') {
    const platformCode = e.data?.error
    if (UNREACHABLE.has(platformCode ?? ''))
      return new NotReachable('slack cannot message this person', { platformCode })
    return new DeliveryError(`slack refused (${platformCode})`, false, { status: 400, platformCode })
  }
  if (e?.code === 'slack_webapi_http_error')
    return new DeliveryError('slack http error', (e.statusCode ?? 500) >= 500, { status: e.statusCode })
  return new DeliveryError('slack unreachable', true)
}

export class SlackBroadcaster implements BroadcastPort {
  readonly platform = 'slack' as const

  constructor(
    private readonly client: webApi.WebClient,
    private readonly teamId: string,
  ) {}

  scopeOf(): string {
    return this.teamId
  }

  canReach(target: PersonTarget, address: unknown): boolean {
    return Boolean((address as { userId?: string; channel?: string } | null)?.userId ?? target.slackUserId)
  }

  private async post(channel: string, message: BroadcastMessage): Promise<BroadcastSent> {
    const { blocks, text } = renderedOf(message)
    try {
      const res = await this.client.chat.postMessage({ channel, blocks: blocks as never, text })
      const ref = { channel: String(res.channel ?? channel), ts: String(res.ts) }
      return { conversationId: ref.channel, messageId: ref.ts, ref }
    } catch (error) {
      throw asDeliveryError(error)
    }
  }

  async sendToPerson(target: PersonTarget, address: unknown, message: BroadcastMessage): Promise<BroadcastSent> {
    const stored = address as { userId?: string; channel?: string } | null
    if (stored?.channel) return this.post(stored.channel, message)
    if (stored?.userId) return this.post(stored.userId, message)
    if (!target.slackUserId) throw new NotReachable('no Slack user id')
    let channel: string
    try {
      const res = await this.client.conversations.open({ users: target.slackUserId })
      channel = String((res.channel as { id?: string } | undefined)?.id ?? '')
    } catch (error) {
      throw asDeliveryError(error)
    }
    if (!channel) throw new DeliveryError('slack opened no DM', true)
    return { ...(await this.post(channel, message)), opened: { userId: target.slackUserId, channel } }
  }

  postToChannel(channel: unknown, message: BroadcastMessage): Promise<BroadcastSent> {
    return this.post(String((channel as { channelId?: string }).channelId ?? ''), message)
  }

  async update(ref: unknown, message: BroadcastMessage): Promise<void> {
    const r = ref as { channel: string; ts: string }
    const card = cardOf(message)
    try {
      await this.client.chat.update({
        channel: r.channel,
        ts: r.ts,
        blocks: cardToBlocks(card) as never,
        text: card.title,
      })
    } catch (error) {
      throw asDeliveryError(error)
    }
  }
}
