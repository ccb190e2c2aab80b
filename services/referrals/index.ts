/** The referrals domain's public surface: `referralService` for bot/ and web/, plus schemas and view types. */
import { answerQuestion } from './answer-question.js'
import { askReferrer } from './ask-referrer.js'
import { decideReferral } from './decide-referral.js'
import {
  getQuestionToAnswer,
  getReferralFor,
  listAwaitingMyDecision,
  listMyReferrals,
  newReferralFormChoices,
} from './referral.queries.js'
import { submitReferral } from './submit-referral.js'

export * from './referral.schema.js'
export type { SubmitReferralResult } from './submit-referral.js'
export type { Choice, ReferralSummary } from './referral.queries.js'
export { loadReferralView, type ReferralView, type Decider } from './referral.view.js'
export { computeClocks, isSeriousIncident } from './referral.rules.js'
export { REFERRAL_TRANSITIONS, nextStatus, assertTransition } from './referral.transitions.js'

/** Every referral use case and query, each `(ctx, actor, …)`; services/index.ts binds them to a context. */
export const referralService = {
  submitReferral,
  decideReferral,
  askReferrer,
  answerQuestion,
  getReferralFor,
  getQuestionToAnswer,
  newReferralFormChoices,
  listMyReferrals,
  listAwaitingMyDecision,
}
