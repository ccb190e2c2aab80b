/**
 * Some months after verification the verifying chair records whether the measure of success was met. The
 * action closes; "not met" proposes a new action to the same owner, due in three months.
 */
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { dueInMonths } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { findPartnershipBasics, insertAction, nextActionReference } from './action.repo.js'
import { asDate, auditCreated, loadAction, moveAction, noticeTo } from './action.change.js'
import { ZImpact } from './action.schema.js'
import type { ActionEvent } from './action.transitions.js'

const EVENT_OF = { met: 'impact-met', partly: 'impact-partly', 'not-met': 'impact-not-met' } as const satisfies Record<
  string,
  ActionEvent
>

/** Closes the action with its impact; returns the reference of the follow-up action when the measure was not met. */
export const recordImpact = useCase({
  input: ZImpact,
  load: async (ctx, actor, input) => {
    const action = await loadAction(ctx, actor, input.actionId)
    return {
      action,
      partnership: { id: action.partnershipId, ...(await findPartnershipBasics(ctx.db, action.partnershipId)) },
    }
  },
  policy: (actor, _input, { action }) =>
    assertCan(actor, 'action.verify', { subGroupKey: action.verifyingSubGroupKey }),
  change: async (w, input, { action: a, partnership }) => {
    await moveAction(w, a, EVENT_OF[input.result], {
      audit: 'ACTION_IMPACT_RECORDED',
      data: { impactResult: input.result, impactNote: input.note, impactRecordedAt: w.now },
      after: { impactResult: input.result },
      fields: ['impactResult', 'impactNote', 'impactRecordedAt'],
    })
    if (input.result !== 'not-met') return { reference: a.reference, reopened: null as string | null }
    // The learning did not take hold: a new action is proposed to the same owner, due in three months. Its
    // ACTION_CREATED event names this one as reopenedFromId.
    const today = todayIn(partnership.timeZone, w.now)
    const due = dueInMonths(today, 3)
    const created = await insertAction(w.tx, {
      partnershipId: a.partnershipId,
      reference: await nextActionReference(w.tx, partnership, today),
      source: a.source,
      recommendationId: a.recommendationId,
      reviewId: a.reviewId,
      sourceNote: `Measure not met on ${a.reference}: ${input.note}`.slice(0, 500),
      what: `Revisit: ${a.what}`.slice(0, 2000),
      agencyKey: a.agencyKey,
      ownerId: a.ownerId,
      dueDate: asDate(due),
      measureOfSuccess: a.measureOfSuccess,
      verifyingSubGroupKey: a.verifyingSubGroupKey,
      impactMonths: a.impactMonths,
      status: 'PROPOSED',
      createdById: w.actor.personId,
      createdAt: w.now,
      reopenedFromId: a.id,
    })
    await auditCreated(w, created)
    await w.notify(
      noticeTo(a.ownerId, {
        template: 'action.assigned',
        actionId: created.id,
        reference: created.reference,
        what: created.what,
        dueDate: due,
        measure: a.measureOfSuccess,
        by: w.actor.name,
      }),
    )
    return { reference: a.reference, reopened: created.reference as string | null }
  },
})
