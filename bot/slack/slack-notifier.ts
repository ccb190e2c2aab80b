/**
 * The Slack outbound port: channel posts (and the chair's decision copy), updates and 1:1 notices. A person
 * the bot has never heard from is reached by opening the DM with `conversations.open` (scope `im:write`;
 * without it, the post goes to their user id as before). Slack refusing a DM (user gone, disabled, cannot
 * DM the bot) means `NotReachable`: the notice waits. A channel post whose chair copies failed part-way is
 * `PartiallyDelivered`, and the next update posts the missing copies instead of the whole card again.
 */
import type { webApi } from '@slack/bolt'

type WebClient = webApi.WebClient
import { personNoticeCard } from '../../cards/messages/delivery-notices.js'
import { screeningCard } from '../../cards/messages/referral-cards.js'
import { cardToBlocks } from '../../cards/render/blockkit.js'
import type {
  ChannelMessage,
  PersonNotice,
  PersonTarget,
  PlatformNotifier,
} from '../../services/notifications/index.js'
import { DeliveryError, NotReachable, PartiallyDelivered } from '../../services/notifications/index.js'
import { LIMITS, RateLimiter } from '../core/rate-limit.js'
import { type RetryOptions, withRetry } from '../core/retry.js'

type SlackMessageRef = { channel: string; ts: string }
/** A chair's decision copy and whose it is. */
type DeciderRef = SlackMessageRef & { userId?: string }
/**
 * A screening card: where it went (`target`, the channel or chair id it was posted to) and the chairs'
 * copies. Refs stored before `target` was recorded do not say whose copies they hold, so nothing is added.
 */
type SlackRef = SlackMessageRef & { deciders: DeciderRef[]; toDecider?: boolean; target?: string }

/** Slack's answers meaning "this person cannot get a DM from the app": wait for them instead of retrying. */
export const SLACK_DM_UNREACHABLE: ReadonlySet<string> = new Set([
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'channel_not_found',
  'is_archived',
])
const meansNotReachable = (error: unknown) =>
  error instanceof DeliveryError && SLACK_DM_UNREACHABLE.has(error.platformCode ?? '')

/** Gives Slack client errors the HTTP shape the retry helper understands. */
function asHttpError(error: unknown): unknown {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } }
  if (e?.code === 'slack_webapi_rate_limited_error') return { statusCode: 429, retryAfter: e.retryAfter }
  if (e?.code === 'slack_webapi_http_error') return { statusCode: e.statusCode }
  if (e?.code === 'slack_webapi_platform_error') return { statusCode: 400, platformCode: e.data?.error }
  return error
}

export class SlackNotifier implements PlatformNotifier {
  readonly platform = 'slack' as const
  private readonly perChannel = new RateLimiter(LIMITS.slackPerChannel.perSecond, LIMITS.slackPerChannel.burst)
  /** DM channel ids by user id, from conversations.open. */
  private readonly dms = new Map<string, string>()
  constructor(
    private readonly client: WebClient,
    private readonly retry: RetryOptions = {},
  ) {}

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(
      what,
      async () => {
        try {
          return await fn()
        } catch (error) {
          throw asHttpError(error)
        }
      },
      this.retry,
    )
  }

  private async post(channel: string, blocks: unknown[], text: string): Promise<SlackMessageRef> {
    await this.perChannel.take(channel)
    const res = await this.call('slack post', () =>
      this.client.chat.postMessage({ channel, blocks: blocks as never, text }),
    )
    return { channel: String(res.channel ?? channel), ts: String(res.ts) }
  }

  private async update(ref: SlackMessageRef, blocks: unknown[], text: string): Promise<void> {
    await this.perChannel.take(ref.channel)
    await this.call('slack update', () =>
      this.client.chat.update({ channel: ref.channel, ts: ref.ts, blocks: blocks as never, text }),
    )
  }

  async postToChannel(channel: unknown, message: ChannelMessage): Promise<SlackRef> {
    const { view } = message
    const text = `Review referral ${view.reference}: ${view.statusLabel}`
    const channelId = (channel as { channelId: string }).channelId
    // With no channel set, the card goes to a chair 1:1: that copy carries the decision buttons.
    const toDecider = view.deciders.some((d) => d.slackUserId === channelId)
    const posted = await this.post(channelId, cardToBlocks(screeningCard(view, { canDecide: toDecider })), text)
    const ref: SlackRef = { ...posted, target: channelId, deciders: [], ...(toDecider ? { toDecider } : {}) }
    return this.addDeciderCopies(ref, message, text)
  }

  /**
   * A channel message looks the same to everyone, so each chair gets the decision buttons 1:1. Posts the
   * copies `ref` does not have yet; if one fails, what was posted is handed back in `PartiallyDelivered`.
   */
  private async addDeciderCopies(ref: SlackRef, message: ChannelMessage, text: string): Promise<SlackRef> {
    if (ref.target === undefined) return ref
    const have = new Set(ref.deciders.map((d) => d.userId))
    const deciders = [...ref.deciders]
    for (const d of message.view.deciders) {
      // When the card itself went to this chair 1:1 (no channel set), one copy is enough.
      if (!d.slackUserId || d.slackUserId === ref.target || have.has(d.slackUserId)) continue
      try {
        const copy = await this.post(
          d.slackUserId,
          cardToBlocks(screeningCard(message.view, { canDecide: true })),
          `For your decision: ${text}`,
        )
        deciders.push({ ...copy, userId: d.slackUserId })
      } catch (error) {
        if (error instanceof DeliveryError) throw new PartiallyDelivered({ ...ref, deciders }, error)
        throw error
      }
    }
    return { ...ref, deciders }
  }

  async updateChannelMessage(ref: unknown, message: ChannelMessage): Promise<SlackRef | undefined> {
    const r = ref as SlackRef
    const text = `Review referral ${message.view.reference}: ${message.view.statusLabel}`
    await this.update(r, cardToBlocks(screeningCard(message.view, { canDecide: r.toDecider === true })), text)
    for (const dm of r.deciders ?? [])
      await this.update(dm, cardToBlocks(screeningCard(message.view, { canDecide: true })), text)
    const added = await this.addDeciderCopies({ ...r, deciders: r.deciders ?? [] }, message, text)
    return added.deciders.length > (r.deciders ?? []).length ? added : undefined
  }

  canReach(person: PersonTarget, address: unknown): boolean {
    return Boolean((address as { userId?: string } | null)?.userId ?? person.slackUserId)
  }

  async sendToPerson(person: PersonTarget, address: unknown, notice: PersonNotice): Promise<SlackMessageRef> {
    const card = personNoticeCard(notice)
    const stored = (address as { userId?: string } | null)?.userId
    const userId = stored ?? person.slackUserId
    if (!userId) throw new NotReachable('no Slack user id')
    try {
      // Where they last wrote to the app; someone never heard from gets their DM opened first.
      const channel = stored ?? (await this.openDm(userId))
      return await this.post(channel, cardToBlocks(card), card.title)
    } catch (error) {
      if (meansNotReachable(error))
        throw new NotReachable('slack cannot message this person', {
          platformCode: (error as DeliveryError).platformCode,
        })
      throw error
    }
  }

  /** The app's DM with a user, opened once per process (Slack returns the same channel every time). */
  private async openDm(userId: string): Promise<string> {
    const known = this.dms.get(userId)
    if (known) return known
    try {
      const res = await this.call('slack open dm', () => this.client.conversations.open({ users: userId }))
      const id = (res.channel as { id?: string } | undefined)?.id
      if (!id) throw new DeliveryError('slack open dm returned no channel', true)
      this.dms.set(userId, id)
      return id
    } catch (error) {
      // An install from before `im:write` was asked for: posting to the user id reaches the same DM.
      if (error instanceof DeliveryError && error.platformCode === 'missing_scope') return userId
      throw error
    }
  }
}
