/** Action ids: Teams Action.Execute verbs, Slack action and callback ids. `domain.verb`, lower case. */
export const VERBS = {
  referralOpenForm: 'referral.open-form',
  referralSubmit: 'referral.submit',
  referralRefresh: 'referral.refresh',
  referralStartRapidReview: 'referral.start-rapid-review',
  referralAsk: 'referral.ask',
  referralNoReview: 'referral.no-review',
  referralAnswer: 'referral.answer',
  referralMine: 'referral.mine',
  reviewAnswerInformation: 'review.answer-information',
  reviewRecordPanelNotification: 'review.record-panel-notification',
  reviewRecordOutcome: 'review.record-outcome',
  reviewApprove: 'review.approve',
  reviewSendBack: 'review.send-back',
  milestoneSnooze: 'milestone.snooze',
} as const
export type Verb = (typeof VERBS)[keyof typeof VERBS]
