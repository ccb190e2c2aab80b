/** Actions on referrals: open and submit the form, refresh and decide the screening card, ask and answer. */
import { referralConfirmationCard, screeningCard } from '../../../cards/messages/referral-cards.js'
import { messageCard } from '../../../cards/messages/general.js'
import { VERBS } from '../../../cards/verbs.js'
import { can } from '../../../services/people/index.js'
import { answerQuestion, askReferrer, decideReferral, getReferralFor, submitReferral } from '../../../services/referrals/index.js'
import { newReferralForm } from '../forms.js'
import type { ActionHandler } from './types.js'

export const referralHandlers: Record<string, ActionHandler> = {
  [VERBS.referralOpenForm]: async ({ deps, actor }) => [{ type: 'form', form: await newReferralForm(deps.db, actor), reason: 'open' }],

  [VERBS.referralSubmit]: async ({ deps, actor, meta, values }) => {
    const result = await submitReferral(deps, actor, { ...values, formToken: meta.formToken })
    if (result.isNew) deps.kickOutbox()
    return [{ type: 'card', card: referralConfirmationCard(result.reference, result.isNew) }]
  },

  [VERBS.referralRefresh]: async ({ deps, actor, meta }) => {
    const view = await getReferralFor(deps.db, actor, meta.referralId ?? '')
    return [{ type: 'card', card: screeningCard(view, { canDecide: can(actor, 'referral.decide') }) }]
  },

  [VERBS.referralStartRapidReview]: (args) => decide(args, 'start-rapid-review'),
  [VERBS.referralNoReview]: (args) => decide(args, 'no-review'),

  [VERBS.referralAsk]: async ({ deps, actor, meta, values }) => {
    const result = await askReferrer(deps, actor, { referralId: meta.referralId, question: values.question })
    deps.kickOutbox()
    const view = await getReferralFor(deps.db, actor, meta.referralId ?? '')
    return [{ type: 'card', card: screeningCard(view, { canDecide: true }, { text: `Question sent to the referrer of ${result.reference}.`, tone: 'good' }) }]
  },

  [VERBS.referralAnswer]: async ({ deps, actor, meta, values }) => {
    const result = await answerQuestion(deps, actor, { questionId: meta.questionId, answer: values.answer, confirmSensitive: values.confirmSensitive })
    if (result.isNew) deps.kickOutbox()
    return [{
      type: 'card',
      card: messageCard(`Answer sent for ${result.reference}`, result.isNew ? 'Thank you. Your answer has been added to the referral for the Case Review Group.' : 'You already answered this question; nothing was sent twice.', 'good'),
    }]
  },
}

const decide: (args: Parameters<ActionHandler>[0], decision: 'start-rapid-review' | 'no-review') => ReturnType<ActionHandler> = async ({ deps, actor, meta, values }, decision) => {
  const result = await decideReferral(deps, actor, { referralId: meta.referralId, decision, rationale: values.rationale })
  deps.kickOutbox()
  const view = await getReferralFor(deps.db, actor, meta.referralId ?? '')
  return [{ type: 'card', card: screeningCard(view, { canDecide: true }, { text: `Decision recorded for ${result.reference}. The referrer has been told.`, tone: 'good' }) }]
}
