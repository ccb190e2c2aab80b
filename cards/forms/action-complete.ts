/** The owner completes an action with evidence; the verifying chair then checks it. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { type ActionRef, actionAnswer, actionIntro, actionMeta, loadActionRef } from './action-shared.js'

export const actionCompleteForm = defineForm({
  verb: VERBS.actionComplete,
  title: 'Mark complete',
  submitLabel: 'Send for verification',
  fields: [
    { id: 'description', label: 'What was done', kind: 'textarea', required: true, maxLength: 3000 },
    {
      id: 'links',
      label: 'Evidence: links or file references, one per line',
      kind: 'textarea',
      required: true,
      maxLength: 3000,
    },
  ],
  load: loadActionRef,
  view: (a: ActionRef) => ({ meta: actionMeta(a), intro: actionIntro(a) }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.actions.completeAction(actor, { ...values, actionId: meta.actionId })
    const [title, message] = ((r) => [
      `${r.reference} sent for verification`,
      'The verifying chair will check the evidence.',
    ])(result)
    return actionAnswer(scope, title, message)
  },
})
