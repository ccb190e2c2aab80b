/** The verifying chair sends a completed action back to its owner, with the reason. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { type ActionRef, actionAnswer, actionIntro, actionMeta, loadActionRef } from './action-shared.js'

export const actionSendBackForm = defineForm<ActionRef>({
  verb: VERBS.actionSendBack,
  title: 'Send back',
  submitLabel: 'Send back to the owner',
  fields: [{ id: 'reason', label: 'Why it is not done yet', kind: 'textarea', required: true, maxLength: 2000 }],
  load: loadActionRef,
  view: (a: ActionRef) => ({ meta: actionMeta(a), intro: actionIntro(a) }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.actions.verifyAction(actor, {
      actionId: meta.actionId,
      accept: false,
      reason: values.reason,
    })
    const [title, message] = ((r) => [`${r.reference} sent back`, 'The owner has been told why.'])(result)
    return actionAnswer(scope, title, message)
  },
})
