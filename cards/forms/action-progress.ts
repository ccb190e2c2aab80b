/** The owner records progress on an action. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { actionIntro, type ActionRef } from './action-shared.js'
import { done } from './shared.js'

export const actionProgressForm = defineForm({
  verb: VERBS.actionProgress,
  title: 'Progress',
  submitLabel: 'Save progress',
  fields: [{ id: 'note', label: 'Progress so far', kind: 'textarea', required: true, maxLength: 2000 }],
  load: ({ services, actor, meta }) => services.actions.getActionSummary(actor, meta.actionId ?? ''),
  view: (a: ActionRef) => ({ meta: { actionId: a.id }, intro: actionIntro(a) }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.actions.updateProgress(actor, { ...values, actionId: meta.actionId })
    const [title, message] = ((r) => [`Progress saved on ${r.reference}`, 'Thank you.'])(result)
    return done(title, message)
  },
})
