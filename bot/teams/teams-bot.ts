/**
 * The Teams edge: turns activities into Incoming interactions and replies into activities or
 * Universal Action invoke responses. The only folder (with its siblings here) that imports botbuilder.
 * The tenant goes with the identity (services refuse a tenant that is not the partnership's), and each
 * person's interactions are counted (bot/core/throttle.ts) before anyone is resolved.
 */
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
} from 'botbuilder'
import { messageCard } from '../../cards/messages/general.js'
import { cardToAdaptive, formToAdaptive, type AdaptiveCardJson } from '../../cards/render/adaptive.js'
import { valuesFromTeams } from '../../cards/submit.js'
import { handle } from '../core/interact.js'
import type { PersonThrottle } from '../core/throttle.js'
import type { BotDeps, Incoming, MessageOrAction, Reply } from '../core/types.js'
import { errorSummary } from '../../lib/db-errors.js'

const CARD = 'application/vnd.microsoft.card.adaptive'

function replyToCard(reply: Reply): AdaptiveCardJson | null {
  if (reply.type === 'card') return cardToAdaptive(reply.card)
  if (reply.type === 'form') return formToAdaptive(reply.form)
  return null
}

/**
 * The tenant the activity comes from. Teams puts it in the conversation and in channelData; when both are
 * there and disagree, there is none, and the person is refused.
 */
function tenantOf(activity: Activity): string | undefined {
  const fromConversation = activity.conversation?.tenantId
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id
  const channelTenant = typeof fromChannelData === 'string' ? fromChannelData : undefined
  if (fromConversation && channelTenant && fromConversation !== channelTenant) return undefined
  return fromConversation ?? channelTenant
}

/** What the activity says about who sent it and where. */
function context(activity: Activity): Pick<Incoming, 'platform' | 'identity' | 'personalAddress' | 'groupAddress'> {
  // Without the activity id, a later proactive message starts a new message rather than a reply.
  const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(activity)
  const type = activity.conversation?.conversationType
  const isPersonal = type === 'personal' || (!type && !activity.conversation?.isGroup)
  const groupReference = {
    ...reference,
    conversation: { ...reference.conversation, id: String(reference.conversation?.id ?? '').split(';')[0] },
  }
  return {
    platform: 'teams',
    identity: {
      platform: 'teams',
      aadObjectId: activity.from?.aadObjectId ?? '',
      userId: activity.from?.id,
      tenantId: tenantOf(activity),
    },
    ...(isPersonal
      ? { personalAddress: JSON.parse(JSON.stringify(reference)) }
      : { groupAddress: JSON.parse(JSON.stringify(groupReference)), repliesArePublic: true }),
  }
}

function actionIncoming(activity: Activity, verb: string, data: Record<string, unknown>): MessageOrAction {
  // Hidden values (ids, tokens) travel as strings in the action's data, next to the inputs' values. No
  // prototype: a key like `constructor` finds nothing inherited.
  const meta: Record<string, string> = Object.create(null)
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && key !== 'verb') meta[key] = value
  return { ...context(activity), kind: 'action', verb, meta, readValues: (fields) => valuesFromTeams(fields, data) }
}

const SOMETHING_WENT_WRONG = messageCard(
  'Something went wrong',
  'Sorry, that did not work and nothing was saved. Please try again in a moment.',
  'attention',
)

/** The Teams bot: messages, Action.Submit fallbacks and Universal Action invokes, each through bot/core. */
export class LearningLoopTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: BotDeps,
    private readonly throttle: PersonThrottle,
  ) {
    super()
    this.onMessage(async (ctx, next) => {
      const activity = ctx.activity
      const value = activity.value as Record<string, unknown> | undefined
      // An Action.Submit fallback (clients without Universal Actions) arrives as a message with a value.
      const incoming: MessageOrAction =
        value && typeof value.verb === 'string'
          ? actionIncoming(activity, value.verb, value)
          : {
              ...context(activity),
              kind: 'message',
              text: TurnContext.removeRecipientMention(activity) ?? activity.text ?? '',
            }
      const replies = this.throttle.check(incoming) ?? (await handle(this.deps, incoming))
      for (const reply of replies) {
        const card = replyToCard(reply)
        if (card) await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)))
      }
      await next()
    })
  }

  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = (invoke.action.data ?? {}) as Record<string, unknown>
    const verb = invoke.action.verb ?? (typeof data.verb === 'string' ? data.verb : '')
    const incoming = actionIncoming(ctx.activity, verb, data)
    // Teams refreshes a card by itself whenever someone sees it: that is reading, and not the person's doing.
    const isAutomatic = (invoke as { trigger?: unknown }).trigger === 'automatic'
    let replies: Reply[]
    try {
      replies = (isAutomatic ? null : this.throttle.check(incoming)) ?? (await handle(this.deps, incoming))
    } catch (error) {
      // Without an answer Teams shows a bare error; the person should know nothing was saved.
      // Name, code and model only: a Prisma error's message quotes the input, and so the case.
      this.deps.log.error({ err: errorSummary(error), platform: 'teams', verb }, 'teams invoke failed')
      replies = [{ type: 'card', card: SOMETHING_WENT_WRONG }]
    }
    // Universal Actions answer with one card, which replaces the card the person acted on (for them).
    const cards = replies.map(replyToCard).filter((c): c is AdaptiveCardJson => c !== null)
    const card = cards.at(-1)
    if (!card) return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' as never }
    return { statusCode: 200, type: CARD, value: card as never }
  }
}
