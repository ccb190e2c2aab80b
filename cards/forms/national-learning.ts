/**
 * National learning (`national learning`): the business manager records a national review, a national Panel
 * report or a thematic review with its themes and links, and links local actions to it.
 */
import { randomUUID } from 'node:crypto'
import { NATIONAL_LEARNING_KINDS } from '../../services/learning/learning.schema.js'
import { defineForm, type Option } from '../interaction.js'
import { nationalLearningCard } from '../messages/learning-cards.js'
import { about, optionsOf } from './shared.js'
import { VERBS } from '../verbs.js'

export const nationalLearningRecordForm = defineForm({
  verb: VERBS.nationalLearningRecord,
  title: 'Record national learning',
  submitLabel: 'Record national learning',
  fields: [
    { id: 'kind', label: 'Kind', kind: 'select', required: true, options: optionsOf(NATIONAL_LEARNING_KINDS) },
    { id: 'title', label: 'Title', kind: 'text', required: true, maxLength: 200 },
    { id: 'publishedOn', label: 'Published on', kind: 'date' },
    { id: 'themes', label: 'Themes', kind: 'multiselect', options: [] },
    {
      id: 'links',
      label: 'Links (one or more web addresses)',
      kind: 'textarea',
      maxLength: 3000,
      placeholder: 'https://',
    },
  ],
  load: ({ services, actor }) => services.learning.getNationalLearningChoices(actor),
  view: (c: { themes: Option[] }) => ({
    meta: { formKey: randomUUID() },
    intro: about('Local actions, learning products and audits can then point to it.'),
    options: { themes: c.themes },
  }),
  submit: async ({ services, actor, meta, values }) => {
    await services.learning.recordNationalLearning(actor, { ...values, formKey: meta.formKey })
    const lines = await services.learning.listNationalLearning(actor)
    return [{ type: 'card', card: nationalLearningCard(lines, services.can(actor, 'national-learning.record')) }]
  },
})

export const nationalLearningLinkForm = defineForm({
  verb: VERBS.nationalLearningLink,
  title: 'Link an action',
  submitLabel: 'Link the action',
  fields: [{ id: 'actionId', label: 'Action', kind: 'select', required: true, options: [] }],
  load: async ({ services, actor, meta }) => ({
    nationalLearningId: meta.nationalLearningId ?? '',
    actions: await services.learning.listLinkableActions(actor),
  }),
  view: (d: { nationalLearningId: string; actions: Option[] }) => ({
    meta: { nationalLearningId: d.nationalLearningId },
    intro: about('The action will count towards what the partnership did about this national learning.'),
    options: { actionId: d.actions },
  }),
  submit: async ({ services, actor, meta, values }) => {
    await services.learning.linkNationalLearning(actor, {
      nationalLearningId: meta.nationalLearningId,
      subjectType: 'action',
      subjectId: values.actionId,
    })
    const lines = await services.learning.listNationalLearning(actor)
    return [{ type: 'card', card: nationalLearningCard(lines, services.can(actor, 'national-learning.record')) }]
  },
})
