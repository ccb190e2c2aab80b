/**
 * The business manager changes when a review type's local milestone falls due (for reviews started from now on),
 * with a reason. Statutory timescales are refused: they are fixed in law and in code.
 */
import { defineForm, type Option } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

export const reviewEditTypeForm = defineForm<{ key: string; name: string }[]>({
  verb: VERBS.reviewEditType,
  title: 'Change a milestone',
  submitLabel: 'Save',
  fields: [
    { id: 'typeKey', label: 'Review type', kind: 'select', required: true, options: [] },
    { id: 'milestoneKey', label: 'Milestone (its key, as listed)', kind: 'text', required: true, maxLength: 60 },
    { id: 'amount', label: 'How many', kind: 'text', required: true, maxLength: 3 },
    {
      id: 'unit',
      label: 'Unit',
      kind: 'select',
      required: true,
      options: [
        { value: 'working-days', label: 'Working days' },
        { value: 'calendar-days', label: 'Calendar days' },
        { value: 'calendar-months', label: 'Calendar months' },
      ],
    },
    {
      id: 'reason',
      label: 'Reason for the change',
      kind: 'textarea',
      required: true,
      maxLength: 1000,
      help: 'Kept with the change and named in the audit log.',
    },
  ],
  load: ({ services, actor }) => services.reviews.listReviewTypes(actor),
  view: (types: { key: string; name: string }[]) => ({
    meta: {},
    intro: about('A local timescale: applies to reviews started from now on. Statutory timescales cannot be changed.'),
    options: { typeKey: types.map((t): Option => ({ value: t.key, label: t.name })) },
  }),
  submit: async ({ services, actor, values }) => {
    const result = await services.reviews.editReviewTypeMilestone(actor, values)
    const unit = String(values.unit).replace('-', ' ')
    return done(
      'Review type changed',
      `${result.typeName}: "${result.label}" now falls due ${values.amount} ${unit} ${result.from}. ` +
        'Reviews already running keep their dates.',
    )
  },
})
