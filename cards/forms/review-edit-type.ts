/** The business manager changes when a review type's milestone falls due (for reviews started from now on). */
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
  ],
  load: ({ services, actor }) => services.reviews.listReviewTypes(actor),
  view: (types: { key: string; name: string }[]) => ({
    meta: {},
    intro: about('Applies to reviews started from now on.'),
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
