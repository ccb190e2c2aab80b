/**
 * The reviews domain's public surface. `reviewService` is what the bot is given (bound to a context by
 * services/index.ts): every use case `(ctx, actor, raw)` and every query `(ctx, actor, ...ids)`, each with
 * its permission check inside. The other exports are schemas, types and the pieces other services and the
 * scheduled jobs use.
 */
import { addLearningPoint } from './local-review/add-learning-point.js'
import { addPerspective } from './local-review/add-perspective.js'
import { addRecommendation } from './local-review/add-recommendation.js'
import { completeMilestone } from './local-review/complete-milestone.js'
import { invitePractitioners } from './local-review/invite-practitioners.js'
import { findLocalReviewByReference, getLocalReviewView } from './local-review.view.js'
import { recordFamilyInvolvement } from './local-review/record-family-involvement.js'
import { recordVoiceOfChild } from './local-review/record-voice-of-child.js'
import { setLeadReviewer } from './local-review/set-lead-reviewer.js'
import { setTermsOfReference } from './local-review/set-terms-of-reference.js'
import { startReview } from './local-review/start-review.js'
import { answerInformationRequest } from './rapid-review/answer-information-request.js'
import { passOnInformationRequest } from './rapid-review/pass-on-information-request.js'
import { recordPanelNotification } from './rapid-review/record-panel-notification.js'
import { recordPanelReply } from './rapid-review/record-panel-reply.js'
import { recordRapidReviewOutcome } from './rapid-review/record-rapid-review-outcome.js'
import { signOffRecommendation } from './rapid-review/sign-off-recommendation.js'
import { publishReview } from './local-review/publish-review.js'
import { recordPartnershipResponse } from './local-review/record-partnership-response.js'
import { getDecisionToChallenge, recordChallenge } from './record-challenge.js'
import { editReviewTypeMilestone } from './edit-review-type.js'
import { getReviewForNationalReview, recordNationalReview } from './national-review.js'
import { recordCdopNotification } from './record-cdop-notification.js'
import { listReviewTypes, listThemes, listThemesToEdit } from './review-settings.queries.js'
import { reviewStatus } from './review-status.js'
import {
  cdopFormChoices,
  getInformationRequest,
  getOutcomeContext,
  getMilestoneSummary,
  getPassOnChoices,
  getReviewSummary,
  newReviewFormChoices,
} from './review.queries.js'
import { setThemes } from './set-themes.js'

/** Every review use case and query the bot may call. */
export const reviewService = {
  // rapid reviews
  answerInformationRequest,
  passOnInformationRequest,
  recordPanelNotification,
  recordRapidReviewOutcome,
  signOffRecommendation,
  recordChallenge,
  recordPanelReply,
  recordNationalReview,
  // local reviews and other review types
  startReview,
  recordCdopNotification,
  setLeadReviewer,
  setTermsOfReference,
  invitePractitioners,
  addPerspective,
  recordFamilyInvolvement,
  recordVoiceOfChild,
  addLearningPoint,
  addRecommendation,
  completeMilestone,
  recordPartnershipResponse,
  publishReview,
  // settings
  editReviewTypeMilestone,
  setThemes,
  // queries
  getReviewSummary,
  getReviewForNationalReview,
  getDecisionToChallenge,
  getInformationRequest,
  getOutcomeContext,
  getPassOnChoices,
  getMilestoneSummary,
  getLocalReviewView,
  findLocalReviewByReference,
  reviewStatus,
  listReviewTypes,
  listThemes,
  listThemesToEdit,
  newReviewFormChoices,
  cdopFormChoices,
}

export * from './review.schema.js'
export * from './local-review.schema.js'

export { setTermsOfReference }
