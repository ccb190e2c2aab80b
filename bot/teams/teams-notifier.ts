/** The Teams outbound port: proactive posts, card updates and 1:1 notices through the Bot Connector. */
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder'
import { screeningCard } from '../../cards/messages/referral-cards.js'
import { noticeCard } from '../../cards/messages/notices.js'
import { cardToAdaptive } from '../../cards/render/adaptive.js'
import type { ChannelMessage, Notice, PersonTarget, PlatformNotifier } from '../../services/notifications/index.js'
import { DeliveryError } from '../../services/notifications/index.js'
import { LIMITS, RateLimiter } from '../core/rate-limit.js'
import { withRetry, type RetryOptions } from '../core/retry.js'

type TeamsRef = { reference: Partial<ConversationReference>; activityId: string }

/** The base card everyone in the channel sees; deciders' clients refresh it into their own view. */
const channelCard = (message: ChannelMessage) => cardToAdaptive(screeningCard(message.view, { canDecide: false }))

export class TeamsNotifier implements PlatformNotifier {
  readonly platform = 'teams' as const
  private readonly perConversation = new RateLimiter(LIMITS.teamsPerConversation.perSecond, LIMITS.teamsPerConversation.burst)
  private readonly perApp = new RateLimiter(LIMITS.teamsPerApp.perSecond, LIMITS.teamsPerApp.burst)

  constructor(private readonly adapter: CloudAdapter, private readonly appId: string, private readonly retry: RetryOptions = {}) {}

  private async send(reference: Partial<ConversationReference>, work: Parameters<CloudAdapter['continueConversationAsync']>[2]): Promise<void> {
    await this.perConversation.take(String(reference.conversation?.id ?? ''))
    await this.perApp.take(String(reference.conversation?.tenantId ?? 'tenant'))
    await this.adapter.continueConversationAsync(this.appId, reference, work as never)
  }

  async postToChannel(channel: unknown, message: ChannelMessage): Promise<TeamsRef> {
    const reference = channel as Partial<ConversationReference>
    let activityId = ''
    await withRetry('teams post', () =>
      this.send(reference, async (ctx) => {
        const sent = await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(channelCard(message))))
        activityId = sent?.id ?? ''
      }), this.retry)
    if (!activityId) throw new DeliveryError('teams post returned no activity id', true)
    return { reference, activityId }
  }

  async updateChannelMessage(ref: unknown, message: ChannelMessage): Promise<void> {
    const { reference, activityId } = ref as TeamsRef
    await withRetry('teams update', () =>
      this.send(reference, async (ctx) => {
        const activity = MessageFactory.attachment(CardFactory.adaptiveCard(channelCard(message)))
        activity.id = activityId
        await ctx.updateActivity(activity)
      }), this.retry)
  }

  canReach(_person: PersonTarget, address: unknown): boolean {
    return Boolean(address)
  }

  async sendToPerson(_person: PersonTarget, address: unknown, notice: Notice): Promise<void> {
    const reference = address as Partial<ConversationReference>
    await withRetry('teams notice', () =>
      this.send(reference, async (ctx) => {
        await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(cardToAdaptive(noticeCard(notice)))))
      }), this.retry)
  }
}
