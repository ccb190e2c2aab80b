/** One-press steps of an action's life: the owner accepts; the verifying chair decides a date and verifies. */
import { formatDate } from '../../services/calendar/dates.js'
import { defineButton } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { actionAnswer } from './action-shared.js'
import { done } from './shared.js'

export const actionAcceptButton = defineButton({
  verb: VERBS.actionAccept,
  run: async (scope) => {
    const r = await scope.services.actions.acceptAction(scope.actor, { actionId: scope.meta.actionId })
    return actionAnswer(
      scope,
      `${r.reference} accepted`,
      'Thank you. You will get a reminder when it is due; update it from "my actions".',
    )
  },
})

export const actionApproveDateButton = defineButton({
  verb: VERBS.actionApproveDate,
  run: async ({ services, actor, meta }) => {
    const r = await services.actions.decideDateChange(actor, { actionId: meta.actionId, approve: true })
    return done(`${r.reference}: new date agreed`, `Now due ${formatDate(r.dueDate)}. The owner has been told.`)
  },
})

export const actionRejectDateButton = defineButton({
  verb: VERBS.actionRejectDate,
  run: async ({ services, actor, meta }) => {
    const r = await services.actions.decideDateChange(actor, { actionId: meta.actionId, approve: false })
    return done(`${r.reference}: original date kept`, `Still due ${formatDate(r.dueDate)}. The owner has been told.`)
  },
})

export const actionVerifyButton = defineButton({
  verb: VERBS.actionVerify,
  run: async (scope) => {
    const r = await scope.services.actions.verifyAction(scope.actor, { actionId: scope.meta.actionId, accept: true })
    const when = r.impactCheckDue ? formatDate(r.impactCheckDue) : 'the agreed date'
    return actionAnswer(
      scope,
      `${r.reference} verified`,
      `You will be asked on ${when} whether the measure of success was met.`,
    )
  },
})
