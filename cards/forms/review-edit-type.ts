/**
 * The business manager changes when a review type's local milestone falls due (for reviews started from now on),
 * with a reason. Statutory timescales are refused: they are fixed in law and in code.
 */
import { defineForm, type Option } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

type TypeChoice = { key: string; name: string; templates?: { key: string; label: string }[] }

/** A milestone is chosen by its name under its review type; the answer carries both keys ("type/milestone"). */
const milestoneOptions = (types: TypeChoice[]): Option[] =>
  types.flatMap((t) => (t.templates ?? []).map((m) => ({ value: `${t.key}/${m.key}`, label: `${t.name}: ${m.label}` })))

export const reviewEditTypeForm = defineForm<TypeChoice[]>({
  verb: VERBS.reviewEditType,
  title: 'Change a milestone',
  submitLabel: 'Save',
  fields: [
    { id: 'milestoneKey', label: 'Milestone', kind: 'select', required: true, options: [] },
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
  view: (types: TypeChoice[]) => ({
    meta: {},
    intro: about('A local timescale: applies to reviews started from now on. Statutory timescales cannot be changed.'),
    options: { milestoneKey: milestoneOptions(types) },
  }),
  submit: async ({ services, actor, values }) => {
    const [typeKey, milestoneKey] = String(values.milestoneKey ?? '').includes('/')
      ? String(values.milestoneKey).split('/')
      : [values.typeKey, values.milestoneKey]
    const result = await services.reviews.editReviewTypeMilestone(actor, { ...values, typeKey, milestoneKey })
    const unit = String(values.unit)
      .replace('-', ' ')
      .replace(values.amount === '1' ? /s$/ : /$^/, '')
    return done(
      'Review type changed',
      `${result.typeName}: "${result.label}" now falls due ${values.amount} ${unit} ${result.from}. ` +
        'Reviews already running keep their dates.',
    )
  },
})
