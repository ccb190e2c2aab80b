/** The referrals domain's public surface: `referralService` for bot/ and web/, plus schemas and view types. */
import { answerQuestion } from './answer-question.js'
import { askReferrer } from './ask-referrer.js'
import { decideReferral } from './decide-referral.js'
import { recordIncidentNotified } from './record-incident-notified.js'
import { recordLaAwareness } from './record-la-awareness.js'
import { recordNotNotifiable } from './record-not-notifiable.js'
import { recordNotificationTask } from './record-notification-task.js'
import {
  getNotificationFor,
  getQuestionToAnswer,
  getReferralFor,
  listAwaitingMyDecision,
  listMyReferrals,
  listOpenNotifications,
  newReferralFormChoices,
} from './referral.queries.js'
import { submitReferral } from './submit-referral.js'

export * from './referral.schema.js'
export * from './incident-notification.schema.js'

export type { NotificationCase, ReferralSummary } from './referral.queries.js'
export type {
  ReferralView,
  OverdueClock,
} from './referral.view.js'

/** Every referral use case and query, each `(ctx, actor, …)`; services/index.ts binds them to a context. */
export const referralService = {
  submitReferral,
  decideReferral,
  askReferrer,
  answerQuestion,
  recordLaAwareness,
  recordIncidentNotified,
  recordNotNotifiable,
  recordNotificationTask,
  getReferralFor,
  getQuestionToAnswer,
  getNotificationFor,
  listOpenNotifications,
  newReferralFormChoices,
  listMyReferrals,
  listAwaitingMyDecision,
}
