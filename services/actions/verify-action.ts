/**
 * The verifying chair accepts the evidence (the action is verified and its impact check is dated), or sends
 * it back to the owner with a reason.
 */
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { dueInMonths } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { findPartnershipBasics } from './action.repo.js'
import { asDate, isoDay, loadAction, moveAction, noticeTo } from './action.change.js'
import { ZVerify } from './action.schema.js'

/** Verifies or sends back; a send-back needs a reason of at least 10 characters. */
export const verifyAction = useCase({
  input: ZVerify,
  load: async (ctx, actor, input) => {
    const action = await loadAction(ctx, actor, input.actionId)
    return { action, timeZone: (await findPartnershipBasics(ctx.db, action.partnershipId)).timeZone }
  },
  policy: (actor, input, { action }) => {
    assertCan(actor, 'action.verify', { subGroupKey: action.verifyingSubGroupKey })
    if (!input.accept && (!input.reason || input.reason.length < 10)) {
      throw new AppError('INVALID_INPUT', 'Please say why.', {
        fieldErrors: { reason: 'Say why it goes back (at least 10 characters).' },
      })
    }
  },
  change: async (w, input, { action: a, timeZone }) => {
    if (input.accept) {
      const checkDue = dueInMonths(todayIn(timeZone, w.now), a.impactMonths)
      await moveAction(w, a, 'verify', {
        audit: 'ACTION_VERIFIED',
        data: {
          verifiedById: w.actor.personId,
          verifiedAt: w.now,
          impactCheckDue: asDate(checkDue),
          sendBackReason: null,
        },
        after: { verifiedById: w.actor.personId, impactCheckDue: checkDue },
        fields: ['verifiedById', 'verifiedAt', 'impactCheckDue', 'sendBackReason'],
      })
      await w.notify(
        noticeTo(a.ownerId, {
          template: 'action.update',
          actionId: a.id,
          reference: a.reference,
          message: `${w.actor.name} verified it as done. Thank you.`,
          dueDate: isoDay(a.dueDate),
        }),
      )
      return { reference: a.reference, impactCheckDue: checkDue as string | null }
    }
    await moveAction(w, a, 'send-back', {
      audit: 'ACTION_SENT_BACK',
      data: { sendBackReason: input.reason ?? null },
      fields: ['sendBackReason'],
    })
    await w.notify(
      noticeTo(a.ownerId, {
        template: 'action.update',
        actionId: a.id,
        reference: a.reference,
        message: `${w.actor.name} sent it back: ${input.reason}`,
        dueDate: isoDay(a.dueDate),
        isOwnersAgain: true,
      }),
    )
    return { reference: a.reference, impactCheckDue: null as string | null }
  },
})
