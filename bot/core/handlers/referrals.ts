/** Actions on referrals: open and submit the form, refresh and decide the screening card, ask and answer. */
import { referralConfirmationCard, screeningCard } from '../../../cards/messages/referral-cards.js'
import { messageCard } from '../../../cards/messages/general.js'
import { VERBS } from '../../../cards/verbs.js'
import { can } from '../../../services/people/index.js'
import { referralService } from '../../../services/referrals/index.js'
import { newReferralForm } from '../forms.js'
import type { ActionHandler } from './types.js'

export const referralHandlers: Record<string, ActionHandler> = {
  [VERBS.referralOpenForm]: async ({ deps, actor }) => [
    { type: 'form', form: await newReferralForm(deps, actor), reason: 'open' },
  ],

  [VERBS.referralSubmit]: async ({ deps, actor, meta, values }) => {
    const result = await referralService.submitReferral(deps, actor, { ...values, formToken: meta.formToken })
    return [{ type: 'card', card: referralConfirmationCard(result.reference, result.isNew) }]
  },

  [VERBS.referralRefresh]: async ({ deps, actor, meta }) => {
    const view = await referralService.getReferralFor(deps, actor, meta.referralId)
    return [{ type: 'card', card: screeningCard(view, { canDecide: can(actor, 'referral.decide') }) }]
  },

  [VERBS.referralStartRapidReview]: (args) => decide(args, 'start-rapid-review'),
  [VERBS.referralNoReview]: (args) => decide(args, 'no-review'),

  [VERBS.referralAsk]: async ({ deps, actor, meta, values }) => {
    const input = { referralId: meta.referralId, question: values.question }
    const result = await referralService.askReferrer(deps, actor, input)
    const view = await referralService.getReferralFor(deps, actor, meta.referralId)
    return [{ type: 'card', card: screeningCard(view, { canDecide: true }, { text: `Question sent to the referrer of ${result.reference}.`, tone: 'good' }) }]
  },

  [VERBS.referralAnswer]: async ({ deps, actor, meta, values }) => {
    const input = { questionId: meta.questionId, answer: values.answer, confirmSensitive: values.confirmSensitive }
    const result = await referralService.answerQuestion(deps, actor, input)
    return [{
      type: 'card',
      card: messageCard(`Answer sent for ${result.reference}`, result.isNew ? 'Thank you. Your answer has been added to the referral for the Case Review Group.' : 'You already answered this question; nothing was sent twice.', 'good'),
    }]
  },
}

const decide: (args: Parameters<ActionHandler>[0], decision: 'start-rapid-review' | 'no-review') => ReturnType<ActionHandler> = async ({ deps, actor, meta, values }, decision) => {
  const input = { referralId: meta.referralId, decision, rationale: values.rationale }
  const result = await referralService.decideReferral(deps, actor, input)
  const view = await referralService.getReferralFor(deps, actor, meta.referralId)
  return [{ type: 'card', card: screeningCard(view, { canDecide: true }, { text: `Decision recorded for ${result.reference}. The referrer has been told.`, tone: 'good' }) }]
}
