/**
 * The channel-neutral interaction layer: resolves who is acting, routes a message or an action to a use
 * case, and chooses the card or form to answer with. It decides nothing itself: services check
 * permissions and rules; this file only translates their answers and errors into replies.
 */
import { answerForm, askForm, noReviewForm } from '../../cards/forms/decision-forms.js'
import { referralForm } from '../../cards/forms/referral-form.js'
import { helpCard, messageCard } from '../../cards/messages/general.js'
import {
  awaitingDecisionCard, myReferralsCard, referralConfirmationCard, screeningCard,
} from '../../cards/messages/referral-cards.js'
import type { Form } from '../../cards/model.js'
import { VERBS } from '../../cards/verbs.js'
import { AppError, isAppError } from '../../lib/errors.js'
import {
  can, parseChannelPurpose, resolveActor, setPartnershipChannel, type Actor,
} from '../../services/people/index.js'
import {
  answerQuestion, askReferrer, decideReferral, getReferralFor, listAgencyOptions, listAwaitingMyDecision,
  listMyReferrals, submitReferral,
} from '../../services/referrals/index.js'
import { informationForm, outcomeForm, panelNotificationForm, sendBackForm } from '../../cards/forms/review-forms.js'
import { reviewStatusCard } from '../../cards/messages/review-cards.js'
import { snoozeMilestone } from '../../services/nudges/index.js'
import {
  answerInformationRequest, approveRecommendation, recordPanelNotification, recordRapidReviewOutcome, reviewStatus,
} from '../../services/reviews/index.js'
import { formatDate } from '../../services/calendar/dates.js'
import { buildForm, fieldsOf, newReferralForm } from './forms.js'
import type { BotDeps, Incoming, Reply } from './types.js'

export async function handle(deps: BotDeps, incoming: Incoming): Promise<Reply[]> {
  let actor: Actor
  try {
    actor = await resolveActor(deps.db, incoming.identity, incoming.personalAddress)
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
    return [{ type: 'card', card: helpCard(actor.name) }, { type: 'form', form: await newReferralForm(deps.db, actor), reason: 'open' }]
  }
  if (/^(raise )?(a )?(review )?referral$|^raise$|^new referral$/.test(text)) {
    return [{ type: 'form', form: await newReferralForm(deps.db, actor), reason: 'open' }]
  }
  if (/^my referrals?$|^status$/.test(text)) return [{ type: 'card', card: myReferralsCard(await listMyReferrals(deps.db, actor)) }]
  if (/^awaiting( decision)?$|^decisions$/.test(text)) {
    return [{ type: 'card', card: awaitingDecisionCard(await listAwaitingMyDecision(deps.db, actor)) }]
  }
  if (/^reviews?( status)?$|^review status$/.test(text)) {
    const lines = await reviewStatus(deps.db, actor, deps.clock.now())
    return [{ type: 'card', card: reviewStatusCard(lines, { canRecordOutcome: can(actor, 'review.record-outcome') }) }]
  }
  const setChannel = /^set channel (.+)$/.exec(text)
  if (setChannel) {
    if (!incoming.groupAddress) throw new AppError('INVALID_INPUT', 'Type this in the channel you want to use, not in a 1:1 chat.')
    const purpose = parseChannelPurpose(setChannel[1]!)
    await setPartnershipChannel(deps, actor, { purpose, platform: incoming.platform, address: incoming.groupAddress })
    return [{ type: 'card', card: messageCard('Channel set', `This channel will now receive the ${purpose.replace('-', ' ')} cards.`, 'good') }]
  }
  return [{ type: 'card', card: messageCard('Sorry, I did not understand', 'Type "help" to see what I can do, or "referral" to raise a review referral.') }]
}

async function onAction(deps: BotDeps, actor: Actor, incoming: Incoming & { kind: 'action' }): Promise<Reply[]> {
  const { meta } = incoming
  const values = incoming.readValues(fieldsOf(incoming.verb))
  switch (incoming.verb) {
    case VERBS.referralOpenForm:
      return [{ type: 'form', form: await newReferralForm(deps.db, actor), reason: 'open' }]
    case VERBS.referralSubmit: {
      const result = await submitReferral(deps, actor, { ...values, formToken: meta.formToken })
      if (result.isNew) deps.kickOutbox()
      return [{ type: 'card', card: referralConfirmationCard(result.reference, result.isNew) }]
    }
    case VERBS.referralRefresh: {
      const view = await getReferralFor(deps.db, actor, meta.referralId ?? '')
      return [{ type: 'card', card: screeningCard(view, { canDecide: can(actor, 'referral.decide') }) }]
    }
    case VERBS.referralStartRapidReview:
    case VERBS.referralNoReview: {
      const decision = incoming.verb === VERBS.referralStartRapidReview ? 'start-rapid-review' : 'no-review'
      const result = await decideReferral(deps, actor, { referralId: meta.referralId, decision, rationale: values.rationale })
      deps.kickOutbox()
      const view = await getReferralFor(deps.db, actor, meta.referralId ?? '')
      return [{ type: 'card', card: screeningCard(view, { canDecide: true }, { text: `Decision recorded for ${result.reference}. The referrer has been told.`, tone: 'good' }) }]
    }
    case VERBS.referralAsk: {
      const result = await askReferrer(deps, actor, { referralId: meta.referralId, question: values.question })
      deps.kickOutbox()
      const view = await getReferralFor(deps.db, actor, meta.referralId ?? '')
      return [{ type: 'card', card: screeningCard(view, { canDecide: true }, { text: `Question sent to the referrer of ${result.reference}.`, tone: 'good' }) }]
    }
    case VERBS.referralAnswer: {
      const result = await answerQuestion(deps, actor, { questionId: meta.questionId, answer: values.answer, confirmSensitive: values.confirmSensitive })
      if (result.isNew) deps.kickOutbox()
      return [{ type: 'card', card: messageCard(`Answer sent for ${result.reference}`, result.isNew ? 'Thank you. Your answer has been added to the referral for the Case Review Group.' : 'You already answered this question; nothing was sent twice.', 'good') }]
    }
    case VERBS.reviewAnswerInformation: {
      const result = await answerInformationRequest(deps, actor, { ...values, milestoneId: meta.milestoneId })
      return [{ type: 'card', card: messageCard(`Information sent for ${result.reference}`, result.isNew ? 'Thank you. The Case Review Group will use it in the rapid review.' : 'This was already answered; nothing was sent twice.', 'good') }]
    }
    case VERBS.reviewRecordPanelNotification: {
      const result = await recordPanelNotification(deps, actor, { ...values, reviewId: meta.reviewId })
      return [{ type: 'card', card: messageCard(`Panel notification recorded for ${result.reference}`, `Recorded as sent on ${formatDate(String(values.sentOn))}.`, 'good') }]
    }
    case VERBS.reviewRecordOutcome: {
      const result = await recordRapidReviewOutcome(deps, actor, { ...values, reviewId: meta.reviewId })
      deps.kickOutbox()
      return [{ type: 'card', card: messageCard(`Outcome recorded for ${result.reference}`, 'The recommendation has gone to the independent chair for approval.', 'good') }]
    }
    case VERBS.reviewApprove:
    case VERBS.reviewSendBack: {
      const decision = incoming.verb === VERBS.reviewApprove ? 'approve' : 'send-back'
      const result = await approveRecommendation(deps, actor, { reviewId: meta.reviewId, decision, note: values.note })
      deps.kickOutbox()
      return [{ type: 'card', card: messageCard(`Rapid review ${result.reference}`, decision === 'approve' ? 'You approved the recommendation. The Case Review Group chair has been told.' : 'Sent back to the Case Review Group chair.', 'good') }]
    }
    case VERBS.milestoneSnooze: {
      const result = await snoozeMilestone(deps, actor, { milestoneId: meta.milestoneId })
      return [{ type: 'card', card: messageCard('Reminder snoozed', `No reminders about "${result.label}" until ${formatDate(result.until)}.`, 'good') }]
    }
    default:
      if (incoming.verb.startsWith('open:')) return [{ type: 'form', form: await buildForm(deps.db, actor, incoming.verb.slice(5), meta), reason: 'open' }]
      throw new AppError('NOT_FOUND', 'That button is no longer available.')
  }
}

/** The form to show again after a validation or sensitive-text error, with the person's answers kept. */
async function formAgain(deps: BotDeps, actor: Actor, incoming: Incoming & { kind: 'action' }, error: AppError): Promise<Form | null> {
  const values = incoming.readValues(fieldsOf(incoming.verb))
  const errors = error.fieldErrors
  const sensitive = error.code === 'SENSITIVE_TEXT'
  switch (incoming.verb) {
    case VERBS.referralSubmit: {
      const agencies = (await listAgencyOptions(deps.db, actor.partnershipId)).filter((a) => a.key !== actor.agencyKey)
      return referralForm({ formToken: incoming.meta.formToken ?? '', agencies, values, errors, sensitiveWarning: sensitive })
    }
    case VERBS.referralAsk:
      return askForm(incoming.meta.referralId ?? '', '', values, errors)
    case VERBS.referralNoReview:
      return noReviewForm(incoming.meta.referralId ?? '', '', values, errors)
    case VERBS.referralAnswer:
      return answerForm(incoming.meta.questionId ?? '', '', '', { values, errors, sensitiveWarning: sensitive })
    case VERBS.reviewAnswerInformation:
      return informationForm(incoming.meta.milestoneId ?? '', '', '', '', { values, errors, sensitiveWarning: sensitive })
    case VERBS.reviewRecordPanelNotification:
      return panelNotificationForm(incoming.meta.reviewId ?? '', '', { values, errors })
    case VERBS.reviewRecordOutcome:
      return outcomeForm(incoming.meta.reviewId ?? '', '', { values, errors })
    case VERBS.reviewSendBack:
      return sendBackForm(incoming.meta.reviewId ?? '', '', { values, errors })
    default:
      return null
  }
}

const DECISION_VERBS: string[] = [VERBS.referralStartRapidReview, VERBS.referralNoReview, VERBS.referralAsk, VERBS.referralRefresh]

async function errorReply(deps: BotDeps, actor: Actor, incoming: Incoming, error: unknown): Promise<Reply> {
  if (!isAppError(error)) {
    deps.log.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error), platform: incoming.platform }, 'interaction failed')
    return { type: 'card', card: messageCard('Something went wrong', 'Sorry, that did not work and nothing was saved. Please try again in a moment.', 'attention'), ephemeral: true }
  }
  deps.log.info({ code: error.code, platform: incoming.platform, verb: incoming.kind === 'action' ? incoming.verb : undefined }, 'request refused')
  if (incoming.kind === 'action' && (error.code === 'INVALID_INPUT' || error.code === 'SENSITIVE_TEXT') && Object.keys(error.fieldErrors).length) {
    const form = await formAgain(deps, actor, incoming, error)
    if (form) return { type: 'form', form, reason: error.code === 'SENSITIVE_TEXT' ? 'confirm' : 'invalid' }
  }
  // On the screening card, answer with the person's own view of it and the message on top, so the card
  // is not replaced by a bare message.
  if (incoming.kind === 'action' && DECISION_VERBS.includes(incoming.verb) && incoming.meta.referralId && error.code !== 'NOT_FOUND') {
    try {
      const view = await getReferralFor(deps.db, actor, incoming.meta.referralId)
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

