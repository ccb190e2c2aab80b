export * from './review.schema.js'
export { startRapidReview } from './start-rapid-review.js'
export { answerInformationRequest, recordPanelNotification, recordRapidReviewOutcome, approveRecommendation } from './review-use-cases.js'
export { reviewStatus, type ReviewStatusLine } from './review-status.js'
export { ensureReviewTypes, findReviewById } from './review.repo.js'
export { dueDateOf, nudgeFor, isWithinSendingHours, addMonths } from './review.rules.js'
export * from './local-review.schema.js'
export {
  setLeadReviewer, setTermsOfReference, invitePractitioners, addPerspective, recordFamilyInvolvement, recordVoiceOfChild,
  addLearningPoint, addRecommendation, completeMilestone,
} from './local-review.js'
export { editReviewTypeMilestone, listReviewTypes, ZEditMilestone } from './edit-review-type.js'
export { startReview, recordCdopNotification, recordPanelReply, STARTABLE_TYPES, ZStartReview, ZCdopNotification, ZPanelReply } from './other-reviews.js'
export { listThemes, setThemes, ZThemes } from './edit-themes.js'
