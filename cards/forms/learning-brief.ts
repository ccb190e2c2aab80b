/**
 * "I briefed my team": a manager records a 7-minute briefing delivered in a team meeting: the date, how many
 * staff, and the team's reflections on the three questions (the partnership's 7-minute briefing proforma).
 */
import { randomUUID } from 'node:crypto'
import { type ProductView, REFLECTION_QUESTIONS } from '../../services/learning/learning.schema.js'
import { defineForm } from '../interaction.js'
import { productCard } from '../messages/learning-cards.js'
import { about } from './shared.js'
import { VERBS } from '../verbs.js'

export const learningBriefForm = defineForm({
  verb: VERBS.learningBrief,
  title: 'I briefed my team',
  submitLabel: 'Record the briefing',
  fields: [
    { id: 'briefedOn', label: 'Date of the team meeting', kind: 'date', required: true },
    { id: 'staffCount', label: 'How many staff were there', kind: 'text', required: true, maxLength: 5 },
    { id: 'keyThoughts', label: REFLECTION_QUESTIONS.keyThoughts, kind: 'textarea', required: true, maxLength: 2000 },
    { id: 'embedding', label: REFLECTION_QUESTIONS.embedding, kind: 'textarea', required: true, maxLength: 2000 },
    { id: 'plans', label: REFLECTION_QUESTIONS.plans, kind: 'textarea', required: true, maxLength: 2000 },
  ],
  load: ({ services, actor, meta }) => services.learning.getBriefingForm(actor, meta.productId ?? ''),
  view: (v: ProductView) => ({
    meta: { productId: v.id, formKey: randomUUID() },
    intro: about(`${v.reference}: ${v.title}. What your team made of it, without naming any child or family.`),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.learning.recordBriefing(actor, {
      ...values,
      productId: meta.productId,
      formKey: meta.formKey,
    })
    const view = await services.learning.getProductView(actor, r.productId)
    const message = r.isNew ? 'Thank you: your team briefing is recorded.' : 'This briefing was already recorded.'
    return [{ type: 'card', card: productCard(view, { text: message }) }]
  },
})
