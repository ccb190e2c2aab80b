/**
 * A survey definition is data: a title, an optional introduction and up to 12 questions of five kinds (a rating
 * scale, a single choice, a multiple choice, free text, and confidence before and after per learning outcome).
 * Stored as JSON in SurveyDefinition rows and versioned once answered (WARNING: keep old rows readable when
 * changing this shape). The same definition renders to an Adaptive Card and to a Slack modal
 * (cards/forms/survey-answer.ts) through fixed field slots, and its answers are read back here, with a message
 * per field for anything missing or out of range.
 */
import { z } from 'zod'

const ZQuestionId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/, 'A question id is a short camelCase word.')
const ZLabel = z.string().trim().min(3).max(300)
const ZOption = z.object({
  value: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/),
  label: z.string().trim().min(1).max(75),
})

/** `{about}` in a label is the name of the member of staff a line manager is asked about. */
const ZQuestion = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('scale'),
    id: ZQuestionId,
    label: ZLabel,
    min: z.number().int().min(0).max(1).default(1),
    max: z.number().int().min(2).max(10).default(5),
    /** What the lowest and highest points mean, e.g. "not at all" and "very". */
    lowLabel: z.string().max(40).optional(),
    highLabel: z.string().max(40).optional(),
    required: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('single'),
    id: ZQuestionId,
    label: ZLabel,
    options: z.array(ZOption).min(2).max(10),
    required: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('multiple'),
    id: ZQuestionId,
    label: ZLabel,
    options: z.array(ZOption).min(2).max(10),
    required: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('text'),
    id: ZQuestionId,
    label: ZLabel,
    maxLength: z.number().int().min(20).max(2000).default(1000),
    required: z.boolean().default(false),
  }),
  /**
   * Confidence for each of the course's learning outcomes on 1 to 5: before the session, now (after it), or
   * both. A straight-after survey also asks "before" of someone who did not answer the survey before.
   */
  z.object({
    kind: z.literal('confidence'),
    id: ZQuestionId,
    label: ZLabel,
    when: z.enum(['before', 'after']),
    required: z.boolean().default(true),
  }),
])

/** How many questions of each kind fit the card's field slots (a survey fits one card; see SLOTS). */
const SLOT_COUNTS = { scale: 8, single: 6, multiple: 4, text: 6 } as const
/** The most learning outcomes a course has, and so confidence fields per stage. */
export const MAX_OUTCOMES = 5

export const ZSurveyDefinition = z
  .object({
    title: z.string().trim().min(3).max(120),
    intro: z.string().trim().max(600).optional(),
    questions: z.array(ZQuestion).min(1).max(12),
  })
  .superRefine((d, ctx) => {
    const ids = d.questions.map((q) => q.id)
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'Question ids must be unique.' })
    for (const [kind, max] of Object.entries(SLOT_COUNTS))
      if (d.questions.filter((q) => q.kind === kind).length > max)
        ctx.addIssue({ code: 'custom', message: `At most ${max} questions of this kind fit one card.` })
    if (d.questions.filter((q) => q.kind === 'confidence').length > 1)
      ctx.addIssue({ code: 'custom', message: 'A survey asks about confidence once.' })
  })
export type SurveyDefinitionData = z.infer<typeof ZSurveyDefinition>

/** The field slots every survey card is made of: fixed ids and kinds, so a submit is read before anything loads. */
export const SURVEY_SLOTS = {
  scale: Array.from({ length: SLOT_COUNTS.scale }, (_, i) => `scale${i + 1}`),
  single: Array.from({ length: SLOT_COUNTS.single }, (_, i) => `single${i + 1}`),
  multiple: Array.from({ length: SLOT_COUNTS.multiple }, (_, i) => `multi${i + 1}`),
  text: Array.from({ length: SLOT_COUNTS.text }, (_, i) => `text${i + 1}`),
  before: Array.from({ length: MAX_OUTCOMES }, (_, i) => `before${i + 1}`),
  after: Array.from({ length: MAX_OUTCOMES }, (_, i) => `after${i + 1}`),
} as const

/** What a person sees of a survey: the questions with their slots, for this person and course. */
export type SurveyField = {
  slot: string
  questionId: string
  kind: 'scale' | 'single' | 'multiple' | 'text'
  label: string
  required: boolean
  options: { value: string; label: string }[]
  maxLength?: number
  /** A confidence field: which outcome (0-based) and stage. */
  outcome?: { index: number; stage: 'before' | 'after' }
}

/** Everything that changes a definition's fields: the course's outcomes, whom it asks about, whether to ask "before". */
export type SurveyContext = { outcomes: string[]; aboutName?: string; askBefore?: boolean }

const scaleOptions = (min: number, max: number, low?: string, high?: string) =>
  Array.from({ length: max - min + 1 }, (_, i) => {
    const n = min + i
    const note = n === min && low ? ` (${low})` : n === max && high ? ` (${high})` : ''
    return { value: String(n), label: `${n}${note}` }
  })

/** The fields of a definition, in order, each in its slot. */
export function surveyFields(def: SurveyDefinitionData, context: SurveyContext): SurveyField[] {
  const used = { scale: 0, single: 0, multiple: 0, text: 0 }
  const fill = (label: string) => label.replaceAll('{about}', context.aboutName ?? 'this member of staff')
  const out: SurveyField[] = []
  for (const q of def.questions) {
    if (q.kind === 'confidence') {
      const stages: ('before' | 'after')[] =
        q.when === 'before' ? ['before'] : context.askBefore ? ['before', 'after'] : ['after']
      for (const stage of stages)
        context.outcomes.slice(0, MAX_OUTCOMES).forEach((outcome, index) => {
          const when = stage === 'before' ? 'before the session' : 'now'
          out.push({
            slot: SURVEY_SLOTS[stage][index]!,
            questionId: q.id,
            kind: 'scale',
            label: `${fill(q.label)} ${when}: ${outcome}`,
            required: q.required,
            options: scaleOptions(1, 5, 'not confident', 'very confident'),
            outcome: { index, stage },
          })
        })
      continue
    }
    const slot = SURVEY_SLOTS[q.kind][used[q.kind]++]!
    const base = { slot, questionId: q.id, label: fill(q.label), required: q.required }
    if (q.kind === 'scale')
      out.push({ ...base, kind: 'scale', options: scaleOptions(q.min, q.max, q.lowLabel, q.highLabel) })
    else if (q.kind === 'text') out.push({ ...base, kind: 'text', options: [], maxLength: q.maxLength })
    else out.push({ ...base, kind: q.kind, options: q.options })
  }
  return out
}

/** One answer as stored: a number (scale), an option (single), options (multiple), text, or confidence per outcome. */
type AnswerValue = number | string | string[] | { before?: (number | null)[]; after?: (number | null)[] }
export type SurveyAnswers = Record<string, AnswerValue>

/** The free-text slots of a survey (for the identifying-details check). */
export const textSlots = (fields: SurveyField[]): string[] => fields.filter((f) => f.kind === 'text').map((f) => f.slot)

/**
 * Reads a submit's values (by slot) into answers by question id. Every problem comes back at once, keyed by
 * slot: a missing answer, a number out of range, an option that is not offered, text too long.
 */
export function readSurveyAnswers(
  fields: SurveyField[],
  values: Record<string, unknown>,
): { answers: SurveyAnswers; errors: Record<string, string> } {
  const answers: SurveyAnswers = {}
  const errors: Record<string, string> = {}
  for (const f of fields) {
    const raw = values[f.slot]
    const blank = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)
    if (blank) {
      if (f.required) errors[f.slot] = f.kind === 'text' ? 'Please answer this question.' : 'Please choose an answer.'
      continue
    }
    if (f.kind === 'scale') {
      const n = Number(raw)
      const allowed = f.options.map((o) => Number(o.value))
      if (!Number.isInteger(n) || !allowed.includes(n)) {
        errors[f.slot] = `Choose a number from ${allowed[0]} to ${allowed.at(-1)}.`
        continue
      }
      if (f.outcome) {
        const entry = (answers[f.questionId] ?? {}) as { before?: (number | null)[]; after?: (number | null)[] }
        const list = entry[f.outcome.stage] ?? []
        entry[f.outcome.stage] = list
        list[f.outcome.index] = n
        for (let i = 0; i < list.length; i++) list[i] ??= null
        answers[f.questionId] = entry
      } else answers[f.questionId] = n
    } else if (f.kind === 'single') {
      const v = String(raw)
      if (!f.options.some((o) => o.value === v)) errors[f.slot] = 'Choose one of the answers offered.'
      else answers[f.questionId] = v
    } else if (f.kind === 'multiple') {
      const list = (Array.isArray(raw) ? raw : String(raw).split(',')).map((x) => String(x).trim()).filter(Boolean)
      if (list.some((v) => !f.options.some((o) => o.value === v))) errors[f.slot] = 'Choose from the answers offered.'
      else answers[f.questionId] = [...new Set(list)]
    } else {
      const text = String(raw).trim()
      if (text.length > (f.maxLength ?? 1000)) errors[f.slot] = `Keep this to ${f.maxLength ?? 1000} characters.`
      else if (text) answers[f.questionId] = text
      else if (f.required) errors[f.slot] = 'Please answer this question.'
    }
  }
  return { answers, errors }
}
