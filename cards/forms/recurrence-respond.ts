/** A chair answers a recurrence flag: a new action, an audit to test it, or "not the same issue" with a reason. */
import { RECURRENCE_RESPONSES, type RecurrenceFlagView } from '../../services/insight/insight.schema.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done, optionsOf } from './shared.js'

export const recurrenceRespondForm = defineForm({
  verb: VERBS.recurrenceRespond,
  title: 'A lesson came back',
  submitLabel: 'Record response',
  fields: [
    {
      id: 'response',
      label: 'What will the partnership do?',
      kind: 'select',
      required: true,
      options: optionsOf(RECURRENCE_RESPONSES),
    },
    {
      id: 'note',
      label: 'Why (needed for "not the same issue")',
      kind: 'textarea',
      maxLength: 1500,
      help: 'No names or details of children or families.',
    },
  ],
  load: ({ services, actor, meta }) => services.insight.getRecurrenceFlag(actor, meta.flagId ?? ''),
  view: (f: RecurrenceFlagView) => ({
    meta: { flagId: f.id, version: String(f.version) },
    intro: about(f.sentence),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.insight.respondToRecurrence(actor, {
      ...values,
      flagId: meta.flagId,
      version: meta.version,
    })
    const next =
      r.response === 'new-action'
        ? `Agree the new action from ${r.findingReference}'s review card.`
        : r.response === 'audit'
          ? 'Ask the Quality Assurance and Audit Sub-group to add it to the audit programme.'
          : 'The flag is closed with your reason.'
    return done(`Response recorded: ${r.theme}`, `${RECURRENCE_RESPONSES[r.response]}. ${next}`)
  },
})
