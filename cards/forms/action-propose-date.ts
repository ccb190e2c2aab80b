/** The owner of an action asks for another due date; the verifying chair decides. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { type ActionRef, actionAnswer, actionIntro, actionMeta, loadActionRef } from './action-shared.js'

export const actionProposeDateForm = defineForm({
  verb: VERBS.actionProposeDate,
  title: 'Another date',
  submitLabel: 'Ask for this date',
  fields: [
    { id: 'proposedDueDate', label: 'Proposed due date', kind: 'date', required: true },
    { id: 'reason', label: 'Reason', kind: 'textarea', required: true, maxLength: 1000 },
  ],
  load: loadActionRef,
  view: (a: ActionRef) => ({ meta: actionMeta(a), intro: actionIntro(a) }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.actions.proposeDate(actor, { ...values, actionId: meta.actionId })
    const [title, message] = ((r) => [
      `New date asked for ${r.reference}`,
      'The verifying chair will agree it or keep the original date.',
    ])(result)
    return actionAnswer(scope, title, message)
  },
})
