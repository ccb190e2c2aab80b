/**
 * Write a learning product (`new briefing`, or the button on `briefings`): its kind, title, where the learning
 * comes from (a review's findings, an audit, national learning), its themes, and the 7-minute briefing's
 * headings (other kinds need only what we found and what it means for practice). The learning chair is asked
 * to approve it.
 */
import { randomUUID } from 'node:crypto'
import { PRODUCT_KINDS, PRODUCT_SOURCES, SECTION_HEADINGS } from '../../services/learning/learning.schema.js'
import { defineForm, type Option } from '../interaction.js'
import type { Field } from '../model.js'
import { productCard } from '../messages/learning-cards.js'
import { about, optionsOf } from './shared.js'
import { VERBS } from '../verbs.js'

const HELP: Record<keyof typeof SECTION_HEADINGS, string> = {
  background: 'What happened, with names, ages and family make-up changed or left out.',
  whyItMatters: 'Why this learning matters for children in the partnership.',
  whatWeFound: 'The findings, in plain words.',
  whatItMeans: 'What practitioners should do differently.',
  questions: 'Questions for teams to discuss.',
  furtherInformation: 'Where to read more: the review, guidance, training.',
}

const SECTION_FIELDS: Field[] = (Object.keys(SECTION_HEADINGS) as (keyof typeof SECTION_HEADINGS)[]).map((id) => ({
  id,
  label: SECTION_HEADINGS[id],
  kind: 'textarea',
  maxLength: 4000,
  help: HELP[id],
  required: id === 'whatWeFound' || id === 'whatItMeans',
}))

type Choices = { reviews: Option[]; national: Option[]; themes: Option[] }

export const learningCreateForm = defineForm({
  verb: VERBS.learningCreate,
  title: 'Write a learning product',
  submitLabel: 'Ask for approval',
  fields: [
    { id: 'kind', label: 'Kind', kind: 'select', required: true, options: optionsOf(PRODUCT_KINDS) },
    { id: 'title', label: 'Title', kind: 'text', required: true, maxLength: 150 },
    {
      id: 'sourceType',
      label: 'The learning comes from',
      kind: 'select',
      required: true,
      options: optionsOf(PRODUCT_SOURCES),
    },
    { id: 'reviewId', label: 'Review (its findings)', kind: 'select', options: [] },
    { id: 'nationalLearningId', label: 'National learning', kind: 'select', options: [] },
    { id: 'auditName', label: 'Audit (its name)', kind: 'text', maxLength: 200 },
    { id: 'themes', label: 'Themes', kind: 'multiselect', options: [] },
    ...SECTION_FIELDS,
  ],
  load: ({ services, actor }): Promise<Choices> => services.learning.getCreateProductChoices(actor),
  view: (c: Choices) => ({
    meta: { formKey: randomUUID() },
    intro: about(
      'A 7-minute briefing needs every heading; the other kinds need what we found and what it means for practice. ' +
        'Never name a child: change names, ages and family make-up.',
    ),
    options: { reviewId: c.reviews, nationalLearningId: c.national, themes: c.themes },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.learning.createProduct(actor, { ...values, formKey: meta.formKey })
    const view = await services.learning.getProductView(actor, r.productId)
    const message = r.isNew
      ? view.canApprove
        ? `${r.reference} is saved. Approve it when it is ready to send.`
        : `${r.reference} is saved. The chair of the Learning and Development Sub-group has been asked to approve it.`
      : `${r.reference} was already saved.`
    return [{ type: 'card', card: productCard(view, { text: message }) }]
  },
})
