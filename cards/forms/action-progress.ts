/** The owner records progress on an action. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { type ActionRef, actionAnswer, actionIntro, actionMeta, loadActionRef } from './action-shared.js'

export const actionProgressForm = defineForm({
  verb: VERBS.actionProgress,
  title: 'Progress',
  submitLabel: 'Save progress',
  fields: [{ id: 'note', label: 'Progress so far', kind: 'textarea', required: true, maxLength: 2000 }],
  load: loadActionRef,
  view: (a: ActionRef) => ({ meta: actionMeta(a), intro: actionIntro(a) }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const result = await services.actions.updateProgress(actor, { ...values, actionId: meta.actionId })
    const [title, message] = ((r) => [`Progress saved on ${r.reference}`, 'Thank you.'])(result)
    return actionAnswer(scope, title, message)
  },
})
