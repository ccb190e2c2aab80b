/**
 * Every form, button and dialog, once. Teams routing, Slack's listeners, the playground and the tests all read
 * this list, so adding a form or a dialog is one file in cards/forms/ and one line here (tests/registry.test.ts
 * checks that every verb has exactly one definition and that Teams and Slack can reach it). A test may route
 * definitions of its own beside these (`createRegistry`, passed to startApp), so nothing here exists only
 * for a test.
 */
import {
  actionAcceptButton,
  actionApproveDateButton,
  actionRejectDateButton,
  actionVerifyButton,
} from './forms/action-buttons.js'
import { actionCompleteForm } from './forms/action-complete.js'
import { actionCreateForm } from './forms/action-create.js'
import { actionHandBackForm } from './forms/action-hand-back.js'
import { actionImpactForm } from './forms/action-impact.js'
import { actionProgressForm } from './forms/action-progress.js'
import { actionProposeDateForm } from './forms/action-propose-date.js'
import { actionReassignForm } from './forms/action-reassign.js'
import { actionSendBackForm } from './forms/action-send-back.js'
import { formCancelButton } from './forms/form-cancel.js'
import { milestoneCompleteButton } from './forms/milestone-complete.js'
import { milestoneSnoozeButton } from './forms/milestone-snooze.js'
import { referralAnswerForm } from './forms/referral-answer.js'
import { referralAskForm } from './forms/referral-ask.js'
import { referralNoReviewForm } from './forms/referral-no-review.js'
import { referralOtherReviewForm } from './forms/referral-other-review.js'
import { notificationLaAwarenessForm } from './forms/notification-la-awareness.js'
import { notificationNotNotifiableForm } from './forms/notification-not-notifiable.js'
import { notificationOpenButton } from './forms/notification-open.js'
import { notificationTaskDoneForm } from './forms/notification-task-done.js'
import { referralRefreshButton, referralStartRapidReviewButton } from './forms/referral-screening.js'
import { referralSubmitForm } from './forms/referral-submit.js'
import { reviewAddLearningPointForm } from './forms/review-add-learning-point.js'
import { reviewAddPerspectiveForm } from './forms/review-add-perspective.js'
import { reviewAddRecommendationForm } from './forms/review-add-recommendation.js'
import { reviewAnswerInformationForm } from './forms/review-answer-information.js'
import { reviewPassOnForm } from './forms/review-pass-on.js'
import { reviewApproveButton } from './forms/review-approve.js'
import { reviewCdopForm } from './forms/review-cdop.js'
import { reviewChallengeForm } from './forms/review-challenge.js'
import { reviewEditTypeForm } from './forms/review-edit-type.js'
import { reviewFamilyForm } from './forms/review-family.js'
import { reviewInviteForm } from './forms/review-invite.js'
import { reviewOpenButton } from './forms/review-open.js'
import { reviewPartnershipResponseForm } from './forms/review-partnership-response.js'
import { reviewPublishForm } from './forms/review-publish.js'
import { reviewRecordOutcomeForm } from './forms/review-record-outcome.js'
import { notificationNotifiedForm } from './forms/review-record-panel-notification.js'
import { reviewRecordNationalReviewForm } from './forms/review-record-national-review.js'
import { reviewRecordPanelReplyForm } from './forms/review-record-panel-reply.js'
import { reviewSendBackForm } from './forms/review-send-back.js'
import { reviewSetLeadReviewerForm } from './forms/review-set-lead-reviewer.js'
import { reviewSetTermsForm } from './forms/review-set-terms.js'
import { reviewStartForm } from './forms/review-start.js'
import { reviewVoiceOfChildForm } from './forms/review-voice-of-child.js'
import { themesSetForm } from './forms/themes-set.js'
import { recurrenceRespondForm } from './forms/recurrence-respond.js'
import {
  learningApproveButton,
  learningCancelButton,
  learningOpenButton,
  learningReachButton,
  learningReadButton,
} from './forms/learning-buttons.js'
import { learningBriefForm } from './forms/learning-brief.js'
import { learningCreateForm } from './forms/learning-create.js'
import { learningSendForm } from './forms/learning-send.js'
import { nationalLearningLinkForm, nationalLearningRecordForm } from './forms/national-learning.js'
import { surveyAnswerForm, surveyStopButton } from './forms/survey-answer.js'
import { surveyDefineForm, surveyResultsButton, surveySendForm, trainingResultsButton } from './forms/survey-send.js'
import { trainingCourseCreateForm, trainingSessionCreateForm } from './forms/training-course.js'
import {
  trainingAttendanceForm,
  trainingBookButton,
  trainingCancelPlaceButton,
  trainingCourseOpenButton,
  trainingRegisterForm,
  trainingSessionCancelButton,
  trainingSessionRescheduleForm,
} from './forms/training-session.js'
import { auditReturnDialog } from './forms/audit-return.js'
import { auditOpenButton, auditPlanForm, auditToolCopyForm } from './forms/audit-plan.js'
import { auditViewButton, auditViewCaseButton, auditViewReturnButton } from './forms/audit-view.js'
import { auditSignOffButton, auditSignOffSchoolForm } from './forms/audit-sign-off.js'
import {
  auditAgreeButton,
  auditFinalRatingForm,
  auditFinishModerationButton,
  auditModerateForm,
  auditReopenButton,
  auditRespondForm,
} from './forms/audit-moderate.js'
import { auditAgreeGradeForm, auditDiscussionForm, auditSelectCaseForm } from './forms/audit-case.js'
import { auditFindingActionsForm } from './forms/audit-finding-actions.js'
import { splitActionId } from './action-id.js'
import type { Interaction } from './interaction.js'
import type { Verb } from './verbs.js'

export const INTERACTIONS: readonly Interaction[] = [
  // Every form shown as a whole card in Teams (cards/render/adaptive.ts offers it)
  formCancelButton,
  // Referrals and screening
  referralSubmitForm,
  referralRefreshButton,
  referralStartRapidReviewButton,
  referralAskForm,
  referralNoReviewForm,
  referralOtherReviewForm,
  referralAnswerForm,
  // The local authority's serious incident notification
  notificationOpenButton,
  notificationLaAwarenessForm,
  notificationNotifiedForm,
  notificationNotNotifiableForm,
  notificationTaskDoneForm,
  // Rapid reviews
  reviewAnswerInformationForm,
  reviewPassOnForm,
  reviewRecordOutcomeForm,
  reviewApproveButton,
  reviewSendBackForm,
  reviewRecordPanelReplyForm,
  reviewRecordNationalReviewForm,
  reviewChallengeForm,
  milestoneSnoozeButton,
  // Local reviews
  reviewOpenButton,
  reviewSetLeadReviewerForm,
  reviewSetTermsForm,
  reviewInviteForm,
  reviewAddPerspectiveForm,
  reviewFamilyForm,
  reviewVoiceOfChildForm,
  reviewAddLearningPointForm,
  reviewAddRecommendationForm,
  milestoneCompleteButton,
  reviewPartnershipResponseForm,
  reviewPublishForm,
  // Review administration
  reviewStartForm,
  reviewCdopForm,
  reviewEditTypeForm,
  themesSetForm,
  recurrenceRespondForm,
  // Actions
  actionCreateForm,
  actionAcceptButton,
  actionProposeDateForm,
  actionApproveDateButton,
  actionRejectDateButton,
  actionHandBackForm,
  actionReassignForm,
  actionProgressForm,
  actionCompleteForm,
  actionVerifyButton,
  actionSendBackForm,
  actionImpactForm,
  // Learning products, their reach, and national learning (issue 14)
  learningCreateForm,
  learningOpenButton,
  learningApproveButton,
  learningSendForm,
  learningCancelButton,
  learningReadButton,
  learningBriefForm,
  learningReachButton,
  nationalLearningRecordForm,
  nationalLearningLinkForm,
  // Training and surveys
  trainingCourseCreateForm,
  trainingCourseOpenButton,
  trainingSessionCreateForm,
  trainingSessionRescheduleForm,
  trainingSessionCancelButton,
  trainingBookButton,
  trainingCancelPlaceButton,
  trainingRegisterForm,
  trainingAttendanceForm,
  trainingResultsButton,
  surveyAnswerForm,
  surveyStopButton,
  surveySendForm,
  surveyResultsButton,
  surveyDefineForm,
  // Audits (issue 12)
  auditReturnDialog,
  auditPlanForm,
  auditOpenButton,
  auditToolCopyForm,
  auditViewButton,
  auditViewReturnButton,
  auditViewCaseButton,
  auditSignOffButton,
  auditSignOffSchoolForm,
  auditAgreeButton,
  auditModerateForm,
  auditFinishModerationButton,
  auditRespondForm,
  auditFinalRatingForm,
  auditReopenButton,
  auditSelectCaseForm,
  auditAgreeGradeForm,
  auditDiscussionForm,
  auditFindingActionsForm,
]

const BY_VERB: ReadonlyMap<Verb, Interaction> = new Map(INTERACTIONS.map((i) => [i.verb, i]))

/** The definition of a verb, if there is one. */
export const interactionFor = (verb: Verb): Interaction | undefined => BY_VERB.get(verb)

/** The definitions the bot routes by: the app's, and any a test adds beside them. */
export type Registry = {
  readonly all: readonly Interaction[]
  /** The definition a platform action id names (`verb`, or `open:verb` to open it), or null. */
  find(actionId: string): { def: Interaction; open: boolean } | null
}

/** The app's definitions and `extra` (a test's own), each verb once: a repeated verb is a mistake, refused. */
export function createRegistry(extra: readonly Interaction[] = []): Registry {
  const all = [...INTERACTIONS, ...extra]
  // A Map, not an object: ids like `constructor` find nothing inherited.
  const byVerb = new Map<string, Interaction>()
  for (const def of all) {
    if (byVerb.has(def.verb)) throw new Error(`two definitions for ${def.verb}`)
    byVerb.set(def.verb, def)
  }
  return {
    all,
    find(actionId) {
      const { verb, open } = splitActionId(actionId)
      const def = byVerb.get(verb)
      return def ? { def, open } : null
    },
  }
}

/** The app's own definitions, as the bot routes them. */
export const REGISTRY = createRegistry()
