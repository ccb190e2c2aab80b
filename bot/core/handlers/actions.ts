/** Actions on actions: create in bulk, respond, decide dates, reassign, progress, complete, verify, impact. */
import { BULK_ROWS } from '../../../cards/forms/action-forms.js'
import { messageCard } from '../../../cards/messages/general.js'
import { VERBS } from '../../../cards/verbs.js'
import { formatDate } from '../../../services/calendar/dates.js'
import {
  acceptAction, completeAction, createActions, decideDateChange, handBack, proposeDate, reassignAction, recordImpact, updateProgress, verifyAction,
} from '../../../services/actions/index.js'
import type { Reply } from '../types.js'
import type { ActionHandler } from './types.js'

const done = (title: string, message: string): Reply[] => [{ type: 'card', card: messageCard(title, message, 'good') }]

/** A plain use case on one action, answered with a confirmation (the use case asks for delivery itself). */
const simple = (run: (args: Parameters<ActionHandler>[0]) => Promise<{ reference: string }>, say: (ref: string) => [string, string]): ActionHandler =>
  async (args) => done(...say((await run(args)).reference))

export const actionHandlers: Record<string, ActionHandler> = {
  [VERBS.actionCreate]: async ({ deps, actor, meta, values }) => {
    const rows = []
    for (let n = 1; n <= BULK_ROWS; n++) {
      const row = {
        what: values[`what${n}`], agencyKey: values[`agencyKey${n}`], ownerId: values[`ownerId${n}`], dueDate: values[`dueDate${n}`],
        measureOfSuccess: values[`measureOfSuccess${n}`], verifyingSubGroupKey: values[`verifyingSubGroupKey${n}`],
      }
      // Later rows left empty are not actions; the first row always counts, so its blanks are reported.
      if (n === 1 || Object.values(row).some((v) => v !== undefined && v !== '')) rows.push({ ...row, ...(values[`impactMonths${n}`] ? { impactMonths: values[`impactMonths${n}`] } : {}) })
    }
    // No source: the service records 'review' when there is a recommendation, else 'other'.
    const result = await createActions(deps, actor, { recommendationId: meta.recommendationId, formToken: meta.formToken, actions: rows })
    return done(`Actions ${result.isNew ? 'created' : 'already created'}`, `${result.references.join(', ')}. Each owner has been asked to accept.`)
  },
  [VERBS.actionAccept]: simple(({ deps, actor, meta }) => acceptAction(deps, actor, { actionId: meta.actionId }), (ref) => [`${ref} accepted`, 'Thank you. You will get a reminder when it is due; update it from "my actions".']),
  [VERBS.actionProposeDate]: simple(({ deps, actor, meta, values }) => proposeDate(deps, actor, { ...values, actionId: meta.actionId }), (ref) => [`New date asked for ${ref}`, 'The verifying chair will agree it or keep the original date.']),
  [VERBS.actionApproveDate]: async ({ deps, actor, meta }) => {
    const r = await decideDateChange(deps, actor, { actionId: meta.actionId, approve: true })
    return done(`${r.reference}: new date agreed`, `Now due ${formatDate(r.dueDate)}. The owner has been told.`)
  },
  [VERBS.actionRejectDate]: async ({ deps, actor, meta }) => {
    const r = await decideDateChange(deps, actor, { actionId: meta.actionId, approve: false })
    return done(`${r.reference}: original date kept`, `Still due ${formatDate(r.dueDate)}. The owner has been told.`)
  },
  [VERBS.actionHandBack]: simple(({ deps, actor, meta, values }) => handBack(deps, actor, { ...values, actionId: meta.actionId }), (ref) => [`${ref} handed back`, 'The chair will find the right owner.']),
  [VERBS.actionReassign]: async ({ deps, actor, meta, values }) => {
    const r = await reassignAction(deps, actor, { ...values, actionId: meta.actionId })
    return done(`${r.reference} reassigned`, `${r.owner} has been asked to accept it.`)
  },
  [VERBS.actionProgress]: simple(({ deps, actor, meta, values }) => updateProgress(deps, actor, { ...values, actionId: meta.actionId }), (ref) => [`Progress saved on ${ref}`, 'Thank you.']),
  [VERBS.actionComplete]: simple(({ deps, actor, meta, values }) => completeAction(deps, actor, { ...values, actionId: meta.actionId }), (ref) => [`${ref} sent for verification`, 'The verifying chair will check the evidence.']),
  [VERBS.actionVerify]: async ({ deps, actor, meta }) => {
    const r = await verifyAction(deps, actor, { actionId: meta.actionId, accept: true })
    return done(`${r.reference} verified`, `You will be asked on ${formatDate(r.impactCheckDue!)} whether the measure of success was met.`)
  },
  [VERBS.actionSendBack]: simple(({ deps, actor, meta, values }) => verifyAction(deps, actor, { actionId: meta.actionId, accept: false, reason: values.reason }), (ref) => [`${ref} sent back`, 'The owner has been told why.']),
  [VERBS.actionImpact]: async ({ deps, actor, meta, values }) => {
    const r = await recordImpact(deps, actor, { ...values, actionId: meta.actionId })
    return done(`Impact recorded for ${r.reference}`, r.reopened ? `Not met: the learning has not taken hold, so a new action ${r.reopened} has been proposed to the owner.` : 'Thank you: the action is closed.')
  },
}
