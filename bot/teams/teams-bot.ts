/**
 * The Teams edge: turns activities into Incoming interactions and replies into activities or
 * Universal Action invoke responses, and runs dialogs as task modules (`task/fetch` opens one at its page,
 * `task/submit` carries a move and the answers; the answer is the next page, or the module closes with a
 * short message while the outcome is posted to the 1:1 chat). The only folder (with its siblings here) that
 * imports botbuilder.
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
  type TaskModuleRequest,
  type TaskModuleResponse,
} from 'botbuilder'
import type { DialogMove } from '../../cards/dialog.js'
import { messageCard } from '../../cards/messages/general.js'
import {
  cardToAdaptive,
  dialogPageToAdaptive,
  formToAdaptive,
  type AdaptiveCardJson,
} from '../../cards/render/adaptive.js'
import { valuesFromTeams } from '../../cards/submit.js'
import { handle, handleDialog } from '../core/interact.js'
import { recordReadReceipt } from '../core/read-receipts.js'
import type { PersonThrottle } from '../core/throttle.js'
import type { BotDeps, DialogAnswer, DialogIncoming, Incoming, MessageOrAction, Reply } from '../core/types.js'
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

const MOVES: readonly DialogMove[] = ['back', 'next', 'close', 'finish']
const isMove = (value: unknown): value is DialogMove => MOVES.includes(value as DialogMove)

/** A task module showing an Adaptive Card. */
const taskCard = (title: string, card: AdaptiveCardJson, size: 'small' | 'medium' | 'large'): TaskModuleResponse => ({
  task: { type: 'continue', value: { title, height: size, width: size, card: CardFactory.adaptiveCard(card) } },
})

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
    // Read receipts in the bot's 1:1 chats (where the person allows them): learning products read up to there.
    this.onTeamsReadReceiptEvent(async (receipt, ctx, next) => {
      const activity = ctx.activity
      await recordReadReceipt(this.deps, context(activity), {
        conversationId: String(activity.conversation?.id ?? ''),
        lastReadMessageId: String(receipt.lastReadMessageId ?? ''),
      })
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

  /** `task/fetch`: a dialog's opener was pressed (an Action.Submit asking for a task module). */
  protected override handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest) {
    return this.dialog(ctx, request, null)
  }

  /** `task/submit`: a move inside the task module, with the page's answers beside the hidden values. */
  protected override handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest) {
    const move = (request.data as { move?: unknown } | undefined)?.move
    return this.dialog(ctx, request, isMove(move) ? move : 'unknown')
  }

  private async dialog(
    ctx: TurnContext,
    request: TaskModuleRequest,
    move: DialogMove | null | 'unknown',
  ): Promise<TaskModuleResponse> {
    const data = (request.data ?? {}) as Record<string, unknown>
    const verb = typeof data.verb === 'string' ? data.verb : ''
    // Hidden values are the strings beside the answers; objects (Teams' own `msteams`) are not ours.
    const meta: Record<string, string> = Object.create(null)
    for (const [key, value] of Object.entries(data))
      if (typeof value === 'string' && key !== 'verb' && key !== 'move') meta[key] = value
    const incoming: DialogIncoming = {
      ...context(ctx.activity),
      kind: 'dialog',
      verb: move === 'unknown' ? '' : verb,
      move: move === 'unknown' ? null : move,
      meta,
      readValues: (fields) => valuesFromTeams(fields, data),
    }
    const slow = this.throttle.check(incoming)?.find((r) => r.type === 'card')
    const answer: DialogAnswer =
      slow?.type === 'card' ? { type: 'card', card: slow.card } : await handleDialog(this.deps, incoming)
    switch (answer.type) {
      case 'page':
        return taskCard(answer.page.title, dialogPageToAdaptive(answer.verb, answer.page), answer.size)
      case 'card':
        return taskCard(answer.card.title, cardToAdaptive(answer.card), 'small')
      case 'done': {
        // The outcome goes to the chat the dialog was opened from when that is the person's own; never a channel.
        const cards = answer.replies.flatMap((r) => (r.type === 'card' ? [r.card] : []))
        try {
          if (!incoming.repliesArePublic)
            for (const card of cards)
              await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(cardToAdaptive(card))))
        } catch (error) {
          // The answers are saved; only the copy in the chat is missing. Name and code only.
          this.deps.log.error({ err: errorSummary(error), platform: 'teams', verb }, 'dialog reply not posted')
        }
        return { task: { type: 'message', value: cards[0]?.title ?? 'Saved.' } }
      }
    }
  }
}
