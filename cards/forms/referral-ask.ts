/** The chair asks the referrer a question; it goes to them 1:1 and their answer comes back to the card. */
import { defineForm } from '../interaction.js'
import { screeningCard } from '../messages/referral-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'
import { screeningRefusal } from './referral-screening.js'

export const referralAskForm = defineForm<{ id: string; reference: string }>({
  verb: VERBS.referralAsk,
  title: 'Ask the referrer',
  submitLabel: 'Send question',
  fields: [
    {
      id: 'question',
      label: 'Your question',
      kind: 'textarea',
      required: true,
      maxLength: 1000,
      help: 'Do not name the child or family members.',
    },
  ],
  load: ({ services, actor, meta }) => services.referrals.getReferralFor(actor, meta.referralId ?? ''),
  view: (referral: { id: string; reference: string }) => ({
    meta: { referralId: referral.id },
    intro: about(
      `Your question about ${referral.reference} goes to the referrer 1:1. ` +
        'Their answer will appear in your view of the screening card.',
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.askReferrer(actor, {
      referralId: meta.referralId,
      question: values.question,
      confirmSensitive: values.confirmSensitive,
    })
    const view = await services.referrals.getReferralFor(actor, meta.referralId ?? '')
    const notice = { text: `Question sent to the referrer of ${result.reference}.`, tone: 'good' as const }
    return [{ type: 'card', card: screeningCard(view, { canDecide: true }, notice) }]
  },
  onRefused: screeningRefusal,
})
