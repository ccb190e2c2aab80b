/**
 * The independent scrutineer records a challenge against a review decision, from the card that told them of
 * it. The challenge never changes the decision: it goes to the safeguarding partners and the business manager.
 */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

/** The decision challenged, as the card that told of it names it. */
export type DecisionRef = { id: string; reference: string; decision: string; decisionLabel: string; round: number }

export const reviewChallengeForm = defineForm<DecisionRef>({
  verb: VERBS.reviewChallenge,
  title: 'Challenge',
  submitLabel: 'Record challenge',
  fields: [{ id: 'text', label: 'What you challenge, and why', kind: 'textarea', required: true, maxLength: 4000 }],
  load: ({ services, actor, meta }) =>
    services.reviews.getDecisionToChallenge(actor, meta.reviewId ?? '', meta.decision ?? '', meta.round ?? ''),
  view: (d: DecisionRef) => ({
    meta: { reviewId: d.id, decision: d.decision, round: String(d.round) },
    intro: about(
      `${d.reference}: ${d.decisionLabel}. Your challenge is recorded against this decision ` +
        'and sent to the safeguarding partners and the business manager.',
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordChallenge(actor, { ...values, ...meta })
    return done(
      `Challenge recorded for ${result.reference}`,
      result.isNew
        ? 'The safeguarding partners and the business manager have it. It does not change the decision.'
        : 'This challenge was already recorded.',
    )
  },
})
