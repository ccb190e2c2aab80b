/** Actions on reviews: the rapid review's steps, running a local review, milestones and nudges. */
import { localReviewCard } from '../../../cards/messages/local-review-card.js'
import { messageCard } from '../../../cards/messages/general.js'
import { VERBS } from '../../../cards/verbs.js'
import { formatDate } from '../../../services/calendar/dates.js'
import { snoozeMilestone } from '../../../services/nudges/index.js'
import {
  addLearningPoint, addPerspective, editReviewTypeMilestone, recordCdopNotification, recordPanelReply, setThemes, startReview, addRecommendation, answerInformationRequest, approveRecommendation, completeMilestone, invitePractitioners,
  recordFamilyInvolvement, recordPanelNotification, recordRapidReviewOutcome, recordVoiceOfChild, setLeadReviewer, setTermsOfReference,
  getLocalReviewView,
} from '../../../services/reviews/index.js'
import type { Actor } from '../../../services/people/index.js'
import type { BotDeps, Reply } from '../types.js'
import type { ActionHandler } from './types.js'

/** The chair's review card, with a message on top. */
async function reviewCard(deps: BotDeps, actor: Actor, reviewId: string, message: string): Promise<Reply[]> {
  const view = await getLocalReviewView(deps, actor, reviewId)
  return [{ type: 'card', card: localReviewCard(view, { text: message, tone: 'good' }) }]
}

/** A local-review change: run the use case, then show the updated review card. */
const onReview = (run: (args: Parameters<ActionHandler>[0]) => Promise<{ reference: string }>, message: string): ActionHandler =>
  async (args) => {
    const result = await run(args)
    return reviewCard(args.deps, args.actor, args.meta.reviewId ?? '', message.replace('{ref}', result.reference))
  }

export const reviewHandlers: Record<string, ActionHandler> = {
  [VERBS.reviewAnswerInformation]: async ({ deps, actor, meta, values }) => {
    const result = await answerInformationRequest(deps, actor, { ...values, milestoneId: meta.milestoneId })
    return [{ type: 'card', card: messageCard(`Information sent for ${result.reference}`, result.isNew ? 'Thank you. The Case Review Group will use it in the rapid review.' : 'This was already answered; nothing was sent twice.', 'good') }]
  },
  [VERBS.reviewRecordPanelNotification]: async ({ deps, actor, meta, values }) => {
    const result = await recordPanelNotification(deps, actor, { ...values, reviewId: meta.reviewId })
    return [{ type: 'card', card: messageCard(`Panel notification recorded for ${result.reference}`, `Recorded as sent on ${formatDate(String(values.sentOn))}.`, 'good') }]
  },
  [VERBS.reviewRecordOutcome]: async ({ deps, actor, meta, values }) => {
    const result = await recordRapidReviewOutcome(deps, actor, { ...values, reviewId: meta.reviewId })
    return [{ type: 'card', card: messageCard(`Outcome recorded for ${result.reference}`, 'The recommendation has gone to the independent chair for approval.', 'good') }]
  },
  [VERBS.reviewApprove]: (args) => approve(args, 'approve'),
  [VERBS.reviewSendBack]: (args) => approve(args, 'send-back'),
  [VERBS.milestoneSnooze]: async ({ deps, actor, meta }) => {
    const result = await snoozeMilestone(deps, actor, { milestoneId: meta.milestoneId })
    return [{ type: 'card', card: messageCard('Reminder snoozed', `No reminders about "${result.label}" until ${formatDate(result.until)}.`, 'good') }]
  },

  [VERBS.reviewOpen]: async ({ deps, actor, meta }) => {
    return [{ type: 'card', card: localReviewCard(await getLocalReviewView(deps, actor, meta.reviewId ?? '')) }]
  },
  [VERBS.reviewSetLeadReviewer]: onReview(({ deps, actor, meta, values }) => setLeadReviewer(deps, actor, { ...values, reviewId: meta.reviewId }), 'Lead reviewer saved for {ref}.'),
  [VERBS.reviewSetTerms]: onReview(({ deps, actor, meta, values }) => setTermsOfReference(deps, actor, { ...values, reviewId: meta.reviewId }), 'Terms of reference agreed for {ref}.'),
  [VERBS.reviewInvite]: onReview(({ deps, actor, meta, values }) => invitePractitioners(deps, actor, { ...values, reviewId: meta.reviewId }), 'Invitations sent for {ref}.'),
  [VERBS.reviewFamily]: onReview(({ deps, actor, meta, values }) => recordFamilyInvolvement(deps, actor, { ...values, reviewId: meta.reviewId }), 'Family involvement recorded for {ref}.'),
  [VERBS.reviewVoiceOfChild]: onReview(({ deps, actor, meta, values }) => recordVoiceOfChild(deps, actor, { ...values, reviewId: meta.reviewId }), "The child's lived experience is recorded for {ref}."),
  [VERBS.reviewAddLearningPoint]: onReview(({ deps, actor, meta, values }) => addLearningPoint(deps, actor, { ...values, reviewId: meta.reviewId }), 'Finding added to {ref}.'),
  [VERBS.reviewAddRecommendation]: onReview(({ deps, actor, meta, values }) => addRecommendation(deps, actor, { ...values, reviewId: meta.reviewId }), 'Recommendation added to {ref}.'),

  [VERBS.reviewEditType]: async ({ deps, actor, values }) => {
    const result = await editReviewTypeMilestone(deps, actor, values)
    return [{ type: 'card', card: messageCard('Review type changed', `${result.typeName}: "${result.label}" now falls due ${values.amount} ${String(values.unit).replace('-', ' ')} after ${result.from}. Reviews already running keep their dates.`, 'good') }]
  },
  [VERBS.themesSet]: async ({ deps, actor, values }) => {
    const themes = await setThemes(deps, actor, values)
    return [{ type: 'card', card: messageCard('Themes saved', `New findings can be tagged with: ${themes.join(', ')}.`, 'good') }]
  },
  [VERBS.reviewStart]: async ({ deps, actor, values }) => {
    const result = await startReview(deps, actor, values)
    return reviewCard(deps, actor, result.reviewId, `Review started for ${result.reference}.`)
  },
  [VERBS.reviewCdop]: async ({ deps, actor, meta, values }) => {
    const result = await recordCdopNotification(deps, actor, { ...values, formToken: meta.formToken })
    return [{
      type: 'card',
      card: messageCard(`${result.reference} recorded`, result.referral
        ? `The CDOP found possible abuse or neglect, so it is now referral ${result.referral}, sent to the Case Review Group for screening.`
        : 'Recorded for the Case Review Group to screen.', 'good'),
    }]
  },
  [VERBS.reviewRecordPanelReply]: async ({ deps, actor, meta, values }) => {
    const result = await recordPanelReply(deps, actor, { ...values, reviewId: meta.reviewId })
    return [{ type: 'card', card: messageCard(`Panel reply recorded for ${result.reference}`, 'Thank you.', 'good') }]
  },
  [VERBS.reviewAddPerspective]: async ({ deps, actor, meta, values }) => {
    const result = await addPerspective(deps, actor, { ...values, reviewId: meta.reviewId })
    return [{ type: 'card', card: messageCard(`Perspective added to ${result.reference}`, 'Thank you. The lead reviewer will use it in the learning event.', 'good') }]
  },
  [VERBS.milestoneComplete]: async ({ deps, actor, meta, values }) => {
    const result = await completeMilestone(deps, actor, { milestoneId: meta.milestoneId, publicationUrl: values.publicationUrl })
    return reviewCard(deps, actor, result.reviewId, result.published ? `${result.reference} is published.` : result.isNew ? `Milestone done for ${result.reference}.` : 'That milestone was already done.')
  },
}

async function approve({ deps, actor, meta, values }: Parameters<ActionHandler>[0], decision: 'approve' | 'send-back'): Promise<Reply[]> {
  const result = await approveRecommendation(deps, actor, { reviewId: meta.reviewId, decision, note: values.note })
  return [{ type: 'card', card: messageCard(`Rapid review ${result.reference}`, decision === 'approve' ? 'You approved the recommendation. The Case Review Group chair has been told.' : 'Sent back to the Case Review Group chair.', 'good') }]
}
