/** Forms for running a local review (LCSPR or another learning review). */
import { FAMILY_INVOLVEMENT, LEARNING_KINDS } from '../../services/reviews/local-review.schema.js'
import type { Form } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'

type Option = { value: string; label: string }
const options = (o: Record<string, string>): Option[] => Object.entries(o).map(([value, label]) => ({ value, label }))
const intro = (reference: string, what: string) => [text(`${reference}: ${what}`, 'default', true)]

export const leadReviewerForm = (reviewId: string, reference: string, agencies: Option[]): Form => ({
  id: VERBS.reviewSetLeadReviewer, title: 'Lead reviewer', submitLabel: 'Save lead reviewer', meta: { reviewId },
  intro: intro(reference, 'the lead reviewer must be independent of every agency involved in the case.'),
  fields: [
    { id: 'name', label: 'Name', kind: 'text', required: true, maxLength: 120 },
    { id: 'organisation', label: 'Organisation', kind: 'text', required: true, maxLength: 120 },
    { id: 'agencies', label: 'Partnership agencies they belong to or have worked for', kind: 'multiselect', options: agencies },
  ],
})

export const termsForm = (reviewId: string, reference: string): Form => ({
  id: VERBS.reviewSetTerms, title: 'Terms of reference', submitLabel: 'Agree terms', meta: { reviewId },
  intro: intro(reference, 'the questions the review will answer, its scope and period.'),
  fields: [{ id: 'termsOfReference', label: 'Terms of reference', kind: 'textarea', required: true, maxLength: 8000 }],
})

export const inviteForm = (reviewId: string, reference: string, people: Option[]): Form => ({
  id: VERBS.reviewInvite, title: 'Learning event', submitLabel: 'Send invitations', meta: { reviewId },
  intro: intro(reference, 'invite the practitioners involved to the learning event and to add their perspective.'),
  fields: [{ id: 'people', label: 'Practitioners to invite', kind: 'multiselect', required: true, options: people }],
})

export const perspectiveForm = (reviewId: string, reference: string): Form => ({
  id: VERBS.reviewAddPerspective, title: 'Your perspective', submitLabel: 'Add my perspective', meta: { reviewId },
  intro: [text(`Review ${reference}. This is a learning review, not a blame exercise: say what it was like to work on this case.`), text('Do not name the child or family members.', 'warning', true)],
  fields: [
    { id: 'wentWell', label: 'What went well?', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'wasHard', label: 'What was hard, and why?', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'wouldHelp', label: 'What would help next time?', kind: 'textarea', required: true, maxLength: 3000 },
  ],
})

export const familyForm = (reviewId: string, reference: string): Form => ({
  id: VERBS.reviewFamily, title: 'Family involvement', submitLabel: 'Record', meta: { reviewId },
  intro: intro(reference, 'the offer to the family to contribute.'),
  fields: [
    { id: 'status', label: 'What happened?', kind: 'select', required: true, options: options(FAMILY_INVOLVEMENT) },
    { id: 'reason', label: 'Reason (needed if not appropriate)', kind: 'textarea', maxLength: 2000 },
  ],
})

export const voiceOfChildForm = (reviewId: string, reference: string): Form => ({
  id: VERBS.reviewVoiceOfChild, title: 'Voice of the child', submitLabel: 'Save', meta: { reviewId },
  intro: intro(reference, "the child's lived experience: what life was like for them, and what they said or showed."),
  fields: [{ id: 'voiceOfChild', label: "The child's lived experience", kind: 'textarea', required: true, maxLength: 8000 }],
})

export const learningPointForm = (reviewId: string, reference: string, themes: string[]): Form => ({
  id: VERBS.reviewAddLearningPoint, title: 'Learning point', submitLabel: 'Add finding', meta: { reviewId },
  intro: intro(reference, 'a finding of the review.'),
  fields: [
    { id: 'kind', label: 'Kind', kind: 'select', required: true, options: options(LEARNING_KINDS) },
    { id: 'text', label: 'Finding', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'themes', label: 'Themes', kind: 'multiselect', required: true, options: themes.map((t) => ({ value: t, label: t })) },
  ],
})

export const recommendationForm = (reviewId: string, reference: string, points: Option[]): Form => ({
  id: VERBS.reviewAddRecommendation, title: 'Recommendation', submitLabel: 'Add recommendation', meta: { reviewId },
  intro: intro(reference, 'a recommendation, drawn from findings, ready to become actions.'),
  fields: [
    { id: 'recommendation', label: 'Recommendation', kind: 'textarea', required: true, maxLength: 2000 },
    { id: 'learningPoints', label: 'From these findings', kind: 'multiselect', required: true, options: points },
  ],
})

export const publishForm = (milestoneId: string, reference: string): Form => ({
  id: VERBS.milestoneComplete, title: 'Publish', submitLabel: 'Mark published', meta: { milestoneId },
  intro: intro(reference, 'where the report is published (it stays online for at least a year).'),
  fields: [{ id: 'publicationUrl', label: 'Web address of the published report', kind: 'text', required: true, maxLength: 500, placeholder: 'https://' }],
})
