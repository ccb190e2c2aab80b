/**
 * Writing a survey from a card: a title, an introduction and up to 6 questions, each a kind (a 1 to 5 scale, one
 * choice, several choices, or free text), its wording and, for choices, the answers offered (one per line or
 * separated by commas). Turned into a survey definition (data, validated with zod) and saved as such: in place
 * while never sent, else as a new version (save-survey-definition.ts). Messages come back next to each field.
 */
import { z } from 'zod'
import { AppError } from '../../lib/errors.js'
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { saveSurveyDefinition } from './save-survey-definition.js'
import { ZSurveyDefinition } from './survey-definition.schema.js'
import { refuseIdentifyingDetails } from './training.rules.js'
import { DEFINE_ROWS, QUESTION_KINDS } from './training.schema.js'
import { assertCan } from '../people/policy.js'

const ZForm = z.record(z.unknown())
/** A key from a title: "Practitioner pulse, spring" → "practitioner-pulse-spring". */
const keyOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/^(?![a-z])/, 's-')

/** The free-text fields of the form (checked for identifying details). */
const DEFINE_FREE_TEXT = [
  'title',
  'intro',
  ...Array.from({ length: DEFINE_ROWS }, (_, i) => [`label${i + 1}`, `options${i + 1}`]).flat(),
]

/** Builds the definition from the card's rows, or refuses with a message per field; then saves it. */
export async function defineSurvey(ctx: ServiceContext, actor: Actor, raw: unknown) {
  assertCan(actor, 'survey.send')
  const values = ZForm.parse(raw ?? {})
  const text = (id: string) => (typeof values[id] === 'string' ? String(values[id]).trim() : '')
  const errors: Record<string, string> = {}
  const title = text('title')
  if (title.length < 3) errors.title = 'Enter a title (at least 3 characters).'
  const questions: unknown[] = []
  for (let n = 1; n <= DEFINE_ROWS; n++) {
    const kind = text(`kind${n}`)
    const label = text(`label${n}`)
    const options = text(`options${n}`)
      .split(/[\n,]+/)
      .map((o) => o.trim())
      .filter(Boolean)
    if (!kind && !label) continue
    if (!(kind in QUESTION_KINDS)) errors[`kind${n}`] = 'Choose the kind of question.'
    if (label.length < 3) errors[`label${n}`] = 'Enter the question (at least 3 characters).'
    if ((kind === 'single' || kind === 'multiple') && (options.length < 2 || options.length > 10))
      errors[`options${n}`] = 'Give 2 to 10 answers to choose from.'
    const id = `q${n}`
    const choice = options.map((label, i) => ({ value: `a${i + 1}`, label: label.slice(0, 75) }))
    questions.push(
      kind === 'scale'
        ? { kind, id, label, min: 1, max: 5 }
        : kind === 'text'
          ? { kind, id, label, maxLength: 1000 }
          : { kind, id, label, options: choice },
    )
  }
  if (!questions.length && !errors.title) errors.label1 = 'Add at least one question.'
  if (Object.keys(errors).length)
    throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })
  refuseIdentifyingDetails(values, DEFINE_FREE_TEXT)
  const definition = ZSurveyDefinition.safeParse({
    title,
    ...(text('intro') ? { intro: text('intro') } : {}),
    questions,
  })
  if (!definition.success)
    throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
      fieldErrors: { title: definition.error.issues[0]?.message ?? 'This survey cannot be saved as it is.' },
    })
  const key = typeof values.key === 'string' && values.key ? values.key : keyOf(title)
  return saveSurveyDefinition(ctx, actor, { key, definition: definition.data })
}
