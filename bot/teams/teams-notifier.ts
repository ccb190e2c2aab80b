/**
 * The Teams outbound port: proactive posts, card updates and 1:1 notices through the Bot Connector. A person
 * the bot has never heard from is reached by creating the 1:1 conversation from their Entra (AAD) object id
 * and the tenant's service URL, which works wherever the app is installed for them (for example by the
 * admin's setup policy); where it is not, Teams answers 403 and the notice waits (`NotReachable`).
 */
import {
  CardFactory,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  MessageFactory,
  TurnContext,
} from 'botbuilder'
import { personNoticeCard } from '../../cards/messages/delivery-notices.js'
import { screeningCard } from '../../cards/messages/referral-cards.js'
import { cardToAdaptive } from '../../cards/render/adaptive.js'
import type {
  ChannelMessage,
  PersonNotice,
  PersonTarget,
  PlatformNotifier,
} from '../../services/notifications/index.js'
import { DeliveryError, NotReachable } from '../../services/notifications/index.js'
import { LIMITS, RateLimiter } from '../core/rate-limit.js'
import { type RetryOptions, withRetry } from '../core/retry.js'

type TeamsRef = { reference: Partial<ConversationReference>; activityId: string }
/** What a 1:1 notice became: the conversation it went to and the activity id Teams gave it. */
type TeamsNoticeRef = { conversationId: string; activityId: string; created?: true }

/** The base card everyone in the channel sees; deciders' clients refresh it into their own view. */
const channelCard = (message: ChannelMessage) => cardToAdaptive(screeningCard(message.view, { canDecide: false }))
const noticeActivity = (notice: PersonNotice) =>
  MessageFactory.attachment(CardFactory.adaptiveCard(cardToAdaptive(personNoticeCard(notice))))

/** Teams answers 403 (app not installed for the person, or blocked) or 404 (conversation gone). */
const meansNotReachable = (error: unknown) =>
  error instanceof DeliveryError && (error.status === 403 || error.status === 404)

export class TeamsNotifier implements PlatformNotifier {
  readonly platform = 'teams' as const
  private readonly perConversation = new RateLimiter(
    LIMITS.teamsPerConversation.perSecond,
    LIMITS.teamsPerConversation.burst,
  )
  private readonly perApp = new RateLimiter(LIMITS.teamsPerApp.perSecond, LIMITS.teamsPerApp.burst)

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly retry: RetryOptions = {},
  ) {}

  /**
   * Runs `work` in a proactive turn. Its failure is caught here and thrown from this call: the adapter would
   * otherwise hand it to `onTurnError`, which logs it and lets the send look successful.
   */
  private async send(
    reference: Partial<ConversationReference>,
    work: (ctx: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.perConversation.take(String(reference.conversation?.id ?? ''))
    await this.perApp.take(String(reference.conversation?.tenantId ?? 'tenant'))
    let failure = null as { error: unknown } | null
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
      try {
        await work(ctx)
      } catch (error) {
        failure = { error }
      }
    })
    if (failure) throw failure.error
  }

  async postToChannel(channel: unknown, message: ChannelMessage): Promise<TeamsRef> {
    const reference = channel as Partial<ConversationReference>
    let activityId = ''
    await withRetry(
      'teams post',
      () =>
        this.send(reference, async (ctx) => {
          const sent = await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(channelCard(message))))
          activityId = sent?.id ?? ''
        }),
      this.retry,
    )
    if (!activityId) throw new DeliveryError('teams post returned no activity id', true)
    return { reference, activityId }
  }

  async updateChannelMessage(ref: unknown, message: ChannelMessage): Promise<undefined> {
    const { reference, activityId } = ref as TeamsRef
    await withRetry(
      'teams update',
      () =>
        this.send(reference, async (ctx) => {
          const activity = MessageFactory.attachment(CardFactory.adaptiveCard(channelCard(message)))
          activity.id = activityId
          await ctx.updateActivity(activity)
        }),
      this.retry,
    )
    return undefined
  }

  canReach(person: PersonTarget, address: unknown): boolean {
    return Boolean(address) || this.creationParameters(person) !== null
  }

  async sendToPerson(person: PersonTarget, address: unknown, notice: PersonNotice): Promise<TeamsNoticeRef> {
    if (address) {
      const reference = address as Partial<ConversationReference>
      let activityId = ''
      try {
        await withRetry(
          'teams notice',
          () =>
            this.send(reference, async (ctx) => {
              activityId = (await ctx.sendActivity(noticeActivity(notice)))?.id ?? ''
            }),
          this.retry,
        )
      } catch (error) {
        // The stored chat is gone (app removed, or blocked): opening a new one may still work.
        if (!meansNotReachable(error)) throw error
        if (this.creationParameters(person, reference) === null)
          throw new NotReachable('teams chat refused', { status: (error as DeliveryError).status })
        return this.createAndSend(person, notice, reference)
      }
      return { conversationId: String(reference.conversation?.id ?? ''), activityId }
    }
    return this.createAndSend(person, notice)
  }

  /** What creating a 1:1 conversation needs: the person's id, the tenant, and where the connector is. */
  private creationParameters(
    person: PersonTarget,
    stored?: unknown,
  ): { memberId: string; tenantId: string; serviceUrl: string } | null {
    const memberId = person.teamsUserId ?? person.teamsAadObjectId
    // The person's own (refused) chat knows where the connector is; else someone else's in the partnership.
    const hint = (stored ?? person.serviceHints.teams) as Partial<ConversationReference> | undefined
    const serviceUrl = hint?.serviceUrl
    const tenantId = person.teamsTenantId ?? hint?.conversation?.tenantId
    return memberId && tenantId && serviceUrl ? { memberId, tenantId, serviceUrl } : null
  }

  /**
   * Creates (or, as Teams does for a 1:1 chat that exists, finds) the personal conversation, then sends the
   * notice there as any proactive message. Teams refuses with 403 when the app is not installed for them.
   */
  private async createAndSend(person: PersonTarget, notice: PersonNotice, stored?: unknown): Promise<TeamsNoticeRef> {
    const p = this.creationParameters(person, stored)
    if (!p) throw new NotReachable('no Teams chat with this person yet, and no service URL or tenant to create one')
    const parameters = {
      isGroup: false,
      bot: { id: this.appId ? `28:${this.appId}` : '28:learning-loop', name: 'Learning Loop' },
      members: [{ id: p.memberId, name: person.name }],
      tenantId: p.tenantId,
      channelData: { tenant: { id: p.tenantId } },
    } as unknown as ConversationParameters
    let reference = null as Partial<ConversationReference> | null
    await this.perApp.take(p.tenantId)
    try {
      await withRetry(
        'teams create chat',
        () =>
          this.adapter.createConversationAsync(
            this.appId,
            'msteams',
            p.serviceUrl,
            undefined as unknown as string,
            parameters,
            async (ctx) => {
              // The turn's activity stands for the creation, not a message: reply to nothing, just keep where it is.
              const { activityId: _none, ...created } = TurnContext.getConversationReference(ctx.activity)
              reference = created
            },
          ),
        this.retry,
      )
    } catch (error) {
      if (meansNotReachable(error))
        throw new NotReachable('teams app not installed for this person', { status: (error as DeliveryError).status })
      throw error
    }
    const chat = reference
    if (!chat?.conversation?.id) throw new DeliveryError('teams created no chat', true)
    let activityId = ''
    await withRetry(
      'teams notice',
      () =>
        this.send(chat, async (ctx) => {
          activityId = (await ctx.sendActivity(noticeActivity(notice)))?.id ?? ''
        }),
      this.retry,
    )
    return { conversationId: String(chat.conversation.id), activityId, created: true }
  }
}
