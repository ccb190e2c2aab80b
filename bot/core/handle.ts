/**
 * The channel-neutral interaction layer: resolves who is acting, routes a message or an action to a use
 * case, and chooses the card or form to answer with. It decides nothing itself: services check
 * permissions and rules; this file only translates their answers and errors into replies.
 */
import { helpCard, messageCard } from '../../cards/messages/general.js'
import { localReviewCard } from '../../cards/messages/local-review-card.js'
import { awaitingDecisionCard, myReferralsCard, screeningCard } from '../../cards/messages/referral-cards.js'
import { reviewStatusCard, reviewTypesCard, themesCard } from '../../cards/messages/review-cards.js'
import { actionOverviewCard, escalationsCard, myActionsCard } from '../../cards/messages/action-cards.js'
import { actionOverview, listEscalations, listMyActions } from '../../services/actions/index.js'
import { VERBS } from '../../cards/verbs.js'
import { AppError, isAppError } from '../../lib/errors.js'
import { can, parseChannelPurpose, peopleService, type Actor } from '../../services/people/index.js'
import { referralService } from '../../services/referrals/index.js'
import { reviewService } from '../../services/reviews/index.js'
import { buildForm, fieldsOf, formAgain, newReferralForm } from './forms.js'
import { referralHandlers } from './handlers/referrals.js'
import { reviewHandlers } from './handlers/reviews.js'
import { actionHandlers } from './handlers/actions.js'
import type { ActionHandler } from './handlers/types.js'
import type { BotDeps, Incoming, Reply } from './types.js'

export async function handle(deps: BotDeps, incoming: Incoming): Promise<Reply[]> {
  let actor: Actor
  try {
    actor = await peopleService.resolveActor(deps, incoming.identity, incoming.personalAddress)
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_REGISTERED') {
      deps.log.info({ platform: incoming.platform, kind: incoming.kind }, 'unregistered person')
      return [{ type: 'card', card: messageCard('Not registered', error.userMessage), ephemeral: true }]
    }
    throw error
  }
  const started = Date.now()
  try {
    const replies = incoming.kind === 'message' ? await onMessage(deps, actor, incoming) : await onAction(deps, actor, incoming)
    return replies
  } catch (error) {
    return [await errorReply(deps, actor, incoming, error)]
  } finally {
    deps.log.debug({ platform: incoming.platform, kind: incoming.kind, verb: incoming.kind === 'action' ? incoming.verb : undefined, ms: Date.now() - started }, 'handled')
  }
}

function normalise(text: string): string {
  return text.replace(/<at>.*?<\/at>/g, '').replace(/[^\p{L}\p{N}\s-]/gu, ' ').replace(/\s+/g, ' ').trim().toLowerCase()
}

const GREETINGS = ['', 'hi', 'hello', 'hey', 'help', 'start', 'menu']
const SHARED_OK = /^set channel /

async function onMessage(deps: BotDeps, actor: Actor, incoming: Incoming & { kind: 'message' }): Promise<Reply[]> {
  const text = normalise(incoming.text)
  if (incoming.repliesArePublic && !SHARED_OK.test(text)) {
    // In a channel everyone would see the answer: forms and personal lists belong in a 1:1 chat.
    return [{ type: 'card', card: messageCard('Let\u2019s talk 1:1', 'Referrals, lists and reviews are personal, so I answer them in a 1:1 chat. Open a chat with Learning Loop and type "help".') }]
  }
  if (GREETINGS.includes(text)) {
    return [{ type: 'card', card: helpCard(actor.name) }, { type: 'form', form: await newReferralForm(deps, actor), reason: 'open' }]
  }
  if (/^(raise )?(a )?(review )?referral$|^raise$|^new referral$/.test(text)) {
    return [{ type: 'form', form: await newReferralForm(deps, actor), reason: 'open' }]
  }
  if (/^my referrals?$|^status$/.test(text)) return [{ type: 'card', card: myReferralsCard(await referralService.listMyReferrals(deps, actor)) }]
  if (/^awaiting( decision)?$|^decisions$/.test(text)) {
    return [{ type: 'card', card: awaitingDecisionCard(await referralService.listAwaitingMyDecision(deps, actor)) }]
  }
  if (/^reviews?( status)?$|^review status$/.test(text)) {
    const lines = await reviewService.reviewStatus(deps, actor)
    return [{ type: 'card', card: reviewStatusCard(lines, { canRecordOutcome: can(actor, 'review.record-outcome'), canRecordPanel: can(actor, 'review.record-panel-notification') }) }]
  }
  if (/^my actions?$/.test(text)) return [{ type: 'card', card: myActionsCard(await listMyActions(deps, actor)) }]
  if (/^actions?( overdue)?$|^overdue actions$/.test(text)) return [{ type: 'card', card: actionOverviewCard(await actionOverview(deps, actor)) }]
  if (/^escalations?$/.test(text)) return [{ type: 'card', card: escalationsCard(await listEscalations(deps, actor)) }]
  if (/^new actions?$/.test(text)) {
    // The form's query refuses anyone who may not create actions.
    return [{ type: 'form', form: await buildForm(deps.db, actor, VERBS.actionCreate, {}), reason: 'open' }]
  }
  if (/^(new|start a?) ?review$/.test(text)) return [{ type: 'form', form: await buildForm(deps.db, actor, VERBS.reviewStart, {}), reason: 'open' }]
  if (/^cdop( notification)?$/.test(text)) return [{ type: 'form', form: await buildForm(deps.db, actor, VERBS.reviewCdop, {}), reason: 'open' }]
  if (/^(learning )?themes$/.test(text)) {
    return [{ type: 'card', card: themesCard(await reviewService.listThemes(deps, actor), { canEdit: can(actor, 'review.edit-types') }) }]
  }
  if (/^review types?$/.test(text)) {
    const types = await reviewService.listReviewTypes(deps, actor)
    return [{ type: 'card', card: reviewTypesCard(types, { canEdit: can(actor, 'review.edit-types') }) }]
  }
  const reviewRef = /^review ([a-z]+-\d{4}-\d{4})$/.exec(text)
  if (reviewRef) {
    return [{ type: 'card', card: localReviewCard(await reviewService.findLocalReviewByReference(deps, actor, reviewRef[1]!)) }]
  }
  const setChannel = /^set channel (.+)$/.exec(text)
  if (setChannel) {
    if (!incoming.groupAddress) throw new AppError('INVALID_INPUT', 'Type this in the channel you want to use, not in a 1:1 chat.')
    const purpose = parseChannelPurpose(setChannel[1]!)
    await peopleService.setPartnershipChannel(deps, actor, { purpose, platform: incoming.platform, address: incoming.groupAddress })
    return [{ type: 'card', card: messageCard('Channel set', `This channel will now receive the ${purpose.replace('-', ' ')} cards.`, 'good') }]
  }
  return [{ type: 'card', card: messageCard('Sorry, I did not understand', 'Type "help" to see what I can do, or "referral" to raise a review referral.') }]
}

const HANDLERS: Record<string, ActionHandler> = { ...referralHandlers, ...reviewHandlers, ...actionHandlers }

async function onAction(deps: BotDeps, actor: Actor, incoming: Incoming & { kind: 'action' }): Promise<Reply[]> {
  const handler = HANDLERS[incoming.verb]
  if (handler) return handler({ deps, actor, meta: incoming.meta, values: incoming.readValues(fieldsOf(incoming.verb)) })
  if (incoming.verb.startsWith('open:')) return [{ type: 'form', form: await buildForm(deps.db, actor, incoming.verb.slice(5), incoming.meta), reason: 'open' }]
  throw new AppError('NOT_FOUND', 'That button is no longer available.')
}

const DECISION_VERBS: string[] = [VERBS.referralStartRapidReview, VERBS.referralNoReview, VERBS.referralAsk, VERBS.referralRefresh]

async function errorReply(deps: BotDeps, actor: Actor, incoming: Incoming, error: unknown): Promise<Reply> {
  if (!isAppError(error)) {
    deps.log.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error), platform: incoming.platform }, 'interaction failed')
    return { type: 'card', card: messageCard('Something went wrong', 'Sorry, that did not work and nothing was saved. Please try again in a moment.', 'attention'), ephemeral: true }
  }
  deps.log.info({ code: error.code, platform: incoming.platform, verb: incoming.kind === 'action' ? incoming.verb : undefined }, 'request refused')
  if (incoming.kind === 'action' && (error.code === 'INVALID_INPUT' || error.code === 'SENSITIVE_TEXT') && Object.keys(error.fieldErrors).length) {
    const form = await formAgain(deps.db, actor, incoming.verb, incoming.meta, {
      values: incoming.readValues(fieldsOf(incoming.verb)), errors: error.fieldErrors, sensitive: error.code === 'SENSITIVE_TEXT',
    })
    if (form) return { type: 'form', form, reason: error.code === 'SENSITIVE_TEXT' ? 'confirm' : 'invalid' }
  }
  // On the screening card, answer with the person's own view of it and the message on top, so the card
  // is not replaced by a bare message.
  if (incoming.kind === 'action' && DECISION_VERBS.includes(incoming.verb) && incoming.meta.referralId && error.code !== 'NOT_FOUND') {
    try {
      const view = await referralService.getReferralFor(deps, actor, incoming.meta.referralId)
      return { type: 'card', card: screeningCard(view, { canDecide: can(actor, 'referral.decide') }, { text: error.userMessage, tone: 'attention' }), ephemeral: true }
    } catch {
      // Not allowed to see the referral either: fall through to the plain message.
    }
  }
  return { type: 'card', card: messageCard(titleFor(error.code), error.userMessage, 'attention'), ephemeral: true }
}

function titleFor(code: AppError['code']): string {
  switch (code) {
    case 'NOT_PERMITTED': return 'Not allowed'
    case 'ALREADY_DONE': return 'Already decided'
    case 'NOT_FOUND': return 'Not found'
    case 'INVALID_TRANSITION': return 'No longer possible'
    case 'NOT_CONFIGURED': return 'Not set up yet'
    default: return 'Please check'
  }
}

