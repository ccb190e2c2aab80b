/** Action ids: Teams Action.Execute verbs, Slack action and callback ids. `domain.verb`, lower case. */
export const VERBS = {
  referralSubmit: 'referral.submit',
  referralRefresh: 'referral.refresh',
  referralStartRapidReview: 'referral.start-rapid-review',
  referralAsk: 'referral.ask',
  referralNoReview: 'referral.no-review',
  referralAnswer: 'referral.answer',
  reviewAnswerInformation: 'review.answer-information',
  reviewRecordPanelNotification: 'review.record-panel-notification',
  reviewRecordOutcome: 'review.record-outcome',
  reviewApprove: 'review.approve',
  reviewSendBack: 'review.send-back',
  milestoneSnooze: 'milestone.snooze',
  milestoneComplete: 'milestone.complete',
  reviewOpen: 'review.open',
  reviewEditType: 'review.edit-type',
  reviewStart: 'review.start',
  themesSet: 'themes.set',
  reviewCdop: 'review.cdop',
  reviewRecordPanelReply: 'review.record-panel-reply',
  actionCreate: 'action.create',
  actionAccept: 'action.accept',
  actionProposeDate: 'action.propose-date',
  actionApproveDate: 'action.approve-date',
  actionRejectDate: 'action.reject-date',
  actionHandBack: 'action.hand-back',
  actionReassign: 'action.reassign',
  actionProgress: 'action.progress',
  actionComplete: 'action.complete',
  actionVerify: 'action.verify',
  actionSendBack: 'action.send-back',
  actionImpact: 'action.impact',
  reviewSetLeadReviewer: 'review.set-lead-reviewer',
  reviewSetTerms: 'review.set-terms',
  reviewInvite: 'review.invite',
  reviewAddPerspective: 'review.add-perspective',
  reviewFamily: 'review.family',
  reviewVoiceOfChild: 'review.voice-of-child',
  reviewAddLearningPoint: 'review.add-learning-point',
  reviewAddRecommendation: 'review.add-recommendation',
} as const
export type Verb = (typeof VERBS)[keyof typeof VERBS]

const ALL_VERBS: ReadonlySet<string> = new Set(Object.values(VERBS))

/** True when `value` is one of our verbs (a Set, so names like `constructor` are never found). */
export const isVerb = (value: string): value is Verb => ALL_VERBS.has(value)
