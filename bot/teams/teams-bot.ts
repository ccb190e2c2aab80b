/**
 * The Teams edge: turns activities into Incoming interactions and replies into activities or
 * Universal Action invoke responses. The only folder (with its siblings here) that imports botbuilder.
 */
import {
  CardFactory, MessageFactory, TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type Activity,
} from 'botbuilder'
import { cardToAdaptive, formToAdaptive, type AdaptiveCardJson } from '../../cards/render/adaptive.js'
import { valuesFromTeams } from '../../cards/submit.js'
import { handle } from '../core/interact.js'
import type { BotDeps, Incoming, Reply } from '../core/types.js'

const CARD = 'application/vnd.microsoft.card.adaptive'

function replyToCard(reply: Reply): AdaptiveCardJson | null {
  if (reply.type === 'card') return cardToAdaptive(reply.card)
  if (reply.type === 'form') return formToAdaptive(reply.form)
  return null
}

/** What the activity says about who sent it and where. */
function context(activity: Activity): Pick<Incoming, 'platform' | 'identity' | 'personalAddress' | 'groupAddress'> {
  // Without the activity id, a later proactive message starts a new message rather than a reply.
  const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(activity)
  const type = activity.conversation?.conversationType
  const isPersonal = type === 'personal' || (!type && !activity.conversation?.isGroup)
  const groupReference = { ...reference, conversation: { ...reference.conversation, id: String(reference.conversation?.id ?? '').split(';')[0] } }
  return {
    platform: 'teams',
    identity: {
      platform: 'teams',
      aadObjectId: activity.from?.aadObjectId ?? '',
      userId: activity.from?.id,
      tenantId: activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
    },
    ...(isPersonal
      ? { personalAddress: JSON.parse(JSON.stringify(reference)) }
      : { groupAddress: JSON.parse(JSON.stringify(groupReference)), repliesArePublic: true }),
  }
}

function actionIncoming(activity: Activity, verb: string, data: Record<string, unknown>): Incoming {
  // Hidden values (ids, tokens) travel as strings in the action's data, next to the inputs' values.
  const meta: Record<string, string> = {}
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && key !== 'verb') meta[key] = value
  return { ...context(activity), kind: 'action', verb, meta, readValues: (fields) => valuesFromTeams(fields, data) }
}

export class LearningLoopTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super()
    this.onMessage(async (ctx, next) => {
      const activity = ctx.activity
      const value = activity.value as Record<string, unknown> | undefined
      // An Action.Submit fallback (clients without Universal Actions) arrives as a message with a value.
      const incoming: Incoming = value && typeof value.verb === 'string'
        ? actionIncoming(activity, value.verb, value)
        : { ...context(activity), kind: 'message', text: TurnContext.removeRecipientMention(activity) ?? activity.text ?? '' }
      const replies = await handle(this.deps, incoming)
      for (const reply of replies) {
        const card = replyToCard(reply)
        if (card) await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)))
      }
      await next()
    })
  }

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (invoke.action.data ?? {}) as Record<string, unknown>
    const verb = invoke.action.verb ?? (typeof data.verb === 'string' ? data.verb : '')
    const replies = await handle(this.deps, actionIncoming(ctx.activity, verb, data))
    // Universal Actions answer with one card, which replaces the card the person acted on (for them).
    const cards = replies.map(replyToCard).filter((c): c is AdaptiveCardJson => c !== null)
    const card = cards.at(-1)
    if (!card) return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' as never }
    return { statusCode: 200, type: CARD, value: card as never }
  }
}
