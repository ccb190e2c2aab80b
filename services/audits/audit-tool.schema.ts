/**
 * Audit tools as data: a versioned question set in sections, validated with zod, and the rules that turn one
 * section's answers into saved values (kinds, required answers, evidence for some answers, questions shown only
 * when an earlier answer calls for them).
 *
 * WARNING: tool definitions and answers are stored as JSON (AuditTool.definition, AuditSectionAnswer.answers)
 * for years. Only add optional keys; a question id, once used, keeps its meaning (carry-forward matches on it).
 */
import { z } from 'zod'

/** The kinds of question a tool may ask. */
export const QUESTION_KINDS = ['graded', 'rag', 'score', 'met', 'yesno', 'number', 'text', 'evidence'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

/** Each kind as people read it (the copy form offers them). */
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  graded: 'A graded judgement (Outstanding to Inadequate)',
  rag: 'Red, amber or green',
  score: 'A score from 0 to 3',
  met: 'Met, partly met, not met or not applicable',
  yesno: 'Yes or no',
  number: 'A number',
  text: 'Text',
  evidence: 'Evidence links',
}

/** The choices of each kind with a fixed list, best first, with what a person reads. */
export const SCALES = {
  /** Ofsted's 4 points (DOMAIN.md §3). */
  graded: {
    outstanding: 'Outstanding',
    good: 'Good',
    'requires-improvement': 'Requires improvement',
    inadequate: 'Inadequate',
  },
  /** Green is fully met (DOMAIN.md §2.3). */
  rag: { green: 'Green: fully met', amber: 'Amber: partly met', red: 'Red: not met' },
  /** A 0 to 3 score per standard, self-assessed then moderated (DOMAIN.md §2.3, the Greater Manchester template). */
  score: {
    '3': '3: embedded, with evidence of impact',
    '2': '2: in place and working',
    '1': '1: partly in place',
    '0': '0: not in place',
  },
  met: { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met', 'not-applicable': 'Not applicable' },
  yesno: { yes: 'Yes', no: 'No' },
} as const satisfies Partial<Record<QuestionKind, Record<string, string>>>
export type ScaleKind = keyof typeof SCALES

/** The kinds a standard's own rating may take: they are moderated, compared across cycles and reported. */
const RATING_KINDS = ['graded', 'rag', 'score', 'met'] as const
export type RatingKind = (typeof RATING_KINDS)[number]

/** Ratings as numbers, so standards on different scales can be compared with the last cycle (higher is better). */
const RATING_POINTS: Record<RatingKind, Record<string, number | null>> = {
  graded: { outstanding: 4, good: 3, 'requires-improvement': 2, inadequate: 1 },
  rag: { green: 3, amber: 2, red: 1 },
  score: { '3': 3, '2': 2, '1': 1, '0': 0 },
  met: { met: 3, 'partly-met': 2, 'not-met': 1, 'not-applicable': null },
}

/** Ratings below "good": a moderated standard rated so becomes a finding. */
const BELOW_GOOD: Record<RatingKind, readonly string[]> = {
  graded: ['requires-improvement', 'inadequate'],
  rag: ['amber', 'red'],
  score: ['1', '0'],
  met: ['partly-met', 'not-met'],
}

const isScaleKind = (kind: QuestionKind): kind is ScaleKind => kind in SCALES

/** A kind's choices, best first (an object's digit keys would sort 0 to 3, so the score's order is explicit). */
export function choicesOf(kind: ScaleKind): { value: string; label: string }[] {
  const labels = SCALES[kind] as Record<string, string>
  const order = kind === 'score' ? ['3', '2', '1', '0'] : Object.keys(labels)
  return order.map((value) => ({ value, label: labels[value]! }))
}
const isRatingKind = (kind: QuestionKind): kind is RatingKind => (RATING_KINDS as readonly string[]).includes(kind)

/** The label of a choice, or the value itself when the kind has no list. */
export function choiceLabel(kind: QuestionKind, value: string): string {
  return isScaleKind(kind) ? ((SCALES[kind] as Record<string, string>)[value] ?? value) : value
}

/** A rating's points (higher is better), or null when it has none (not applicable). */
export const ratingPoints = (kind: RatingKind, value: string | null | undefined): number | null =>
  value == null ? null : (RATING_POINTS[kind][value] ?? null)

/** Whether a rating is below "good" (a finding when moderated so). */
export const isBelowGood = (kind: RatingKind, value: string | null | undefined): boolean =>
  value != null && BELOW_GOOD[kind].includes(value)

const ZId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Use lower-case letters, digits and hyphens.')

const ZQuestion = z
  .object({
    /** Stable across versions: carry-forward matches answers by it. */
    id: ZId,
    label: z.string().trim().min(3).max(300),
    kind: z.enum(QUESTION_KINDS),
    required: z.boolean().default(false),
    help: z.string().trim().max(500).optional(),
    /** This question is the section's standard: its rating is moderated and reported. */
    isRating: z.boolean().default(false),
    /** Evidence asked alongside the answer (links, or where it is kept); required for the answers listed. */
    evidence: z
      .object({ prompt: z.string().trim().min(3).max(300), requiredFor: z.array(z.string()).default([]) })
      .optional(),
    /** Shown only when an earlier question (in this section or before) was answered with one of these. */
    showWhen: z.object({ question: ZId, in: z.array(z.string()).min(1) }).optional(),
    /** A number's bounds. */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict()
export type Question = z.infer<typeof ZQuestion>

const ZSection = z
  .object({
    key: ZId,
    title: z.string().trim().min(3).max(150),
    intro: z.string().trim().max(1000).optional(),
    /** The partnership themes a finding from this standard is tagged with (those the partnership uses). */
    themes: z.array(z.string()).default([]),
    questions: z.array(ZQuestion).min(1).max(40),
  })
  .strict()
export type Section = z.infer<typeof ZSection>

/** A tool's question set, checked as a whole: unique ids, conditions on earlier choice questions, one rating a section. */
export const ZToolDefinition = z
  .object({ sections: z.array(ZSection).min(1).max(30) })
  .strict()
  .superRefine((def, ctx) => {
    const seen = new Map<string, Question>()
    const sectionKeys = new Set<string>()
    def.sections.forEach((s, si) => {
      if (sectionKeys.has(s.key))
        ctx.addIssue({ code: 'custom', path: ['sections', si, 'key'], message: `Section ${s.key} appears twice.` })
      sectionKeys.add(s.key)
      if (s.questions.filter((q) => q.isRating).length > 1)
        ctx.addIssue({ code: 'custom', path: ['sections', si], message: `Section ${s.key} has two ratings.` })
      s.questions.forEach((q, qi) => {
        const at = ['sections', si, 'questions', qi]
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: at, message: `Question ${q.id} appears twice.` })
        if (q.isRating && !isRatingKind(q.kind))
          ctx.addIssue({ code: 'custom', path: at, message: `Rating ${q.id} must be graded, RAG, a score or met.` })
        const choices = isScaleKind(q.kind) ? Object.keys(SCALES[q.kind]) : null
        if (q.evidence?.requiredFor.length && (!choices || q.evidence.requiredFor.some((v) => !choices.includes(v))))
          ctx.addIssue({
            code: 'custom',
            path: at,
            message: `Evidence rule of ${q.id} names an answer it cannot have.`,
          })
        if (q.showWhen) {
          const source = seen.get(q.showWhen.question)
          const options = source && isScaleKind(source.kind) ? Object.keys(SCALES[source.kind]) : null
          if (!options || q.showWhen.in.some((v) => !options.includes(v)))
            ctx.addIssue({
              code: 'custom',
              path: at,
              message: `Question ${q.id} depends on ${q.showWhen.question}, which is not an earlier choice question.`,
            })
        }
        seen.set(q.id, q)
      })
    })
  })
export type ToolDefinition = z.infer<typeof ZToolDefinition>

/** A seeded or copied tool: its key, name, the audit type it is for and its question set. */
export const ZToolSeed = z.object({
  key: ZId,
  name: z.string().trim().min(3).max(120),
  auditType: z.enum(['section-11', 'section-175', 'case-audit', 'themed', 'single-agency']),
  /** Where its wording came from (DOMAIN.md sections): kept with the seed, not shown on cards. */
  source: z.string().optional(),
  definition: ZToolDefinition,
})

/** One answer as stored: a choice's value, a number, or text. */
type Answer = string | number
export type Answers = Record<string, Answer>

/** The field id of a question's evidence box, and of the box that confirms a carried-forward answer. */
export const evidenceId = (questionId: string) => `${questionId}--evidence`
export const confirmId = (questionId: string) => `${questionId}--confirm`

/** Every question of a definition, with its section. */
export function allQuestions(def: ToolDefinition): { section: Section; question: Question }[] {
  return def.sections.flatMap((section) => section.questions.map((question) => ({ section, question })))
}

/** Whether a question is shown, given every answer so far (of this section and the ones before). */
export function isShown(question: Question, answers: Answers): boolean {
  if (!question.showWhen) return true
  const given = answers[question.showWhen.question]
  return given !== undefined && question.showWhen.in.includes(String(given))
}

/** Whether an answer needs its evidence box filled in. */
const needsEvidence = (question: Question, answer: Answer | undefined): boolean =>
  answer !== undefined && (question.evidence?.requiredFor ?? []).includes(String(answer))

/** The longest text answer kept (Slack's plain-text input takes at most 3,000 characters). */
export const MAX_TEXT = 3000

/**
 * Parses one section's raw values (strings from the form) into stored answers: choices from their list, numbers
 * within their bounds, text trimmed; hidden questions dropped. `complete` also asks for every required answer
 * (on submit); a page saved on the way (`complete` false) may be partial, but what it holds must be valid, and a
 * rating that needs evidence must have it. Returns the answers and a message per field id.
 */
export function readSection(
  section: Section,
  raw: Record<string, unknown>,
  earlier: Answers,
  complete: boolean,
): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {}
  const errors: Record<string, string> = {}
  for (const q of section.questions) {
    if (!isShown(q, { ...earlier, ...answers })) continue
    const value = typeof raw[q.id] === 'string' ? (raw[q.id] as string).trim() : raw[q.id]
    if (value === undefined || value === null || value === '') {
      if (complete && q.required)
        errors[q.id] = q.kind === 'text' || q.kind === 'evidence' ? 'Enter an answer.' : 'Choose an answer.'
      continue
    }
    const parsed = parseAnswer(q, value)
    if ('error' in parsed) {
      errors[q.id] = parsed.error
      continue
    }
    answers[q.id] = parsed.value
    if (q.evidence) {
      const evidence = typeof raw[evidenceId(q.id)] === 'string' ? (raw[evidenceId(q.id)] as string).trim() : ''
      if (evidence.length > MAX_TEXT) errors[evidenceId(q.id)] = `Keep it under ${MAX_TEXT} characters.`
      else if (evidence) answers[evidenceId(q.id)] = evidence
      else if (needsEvidence(q, parsed.value))
        errors[evidenceId(q.id)] =
          `"${choiceLabel(q.kind, String(parsed.value))}" needs evidence: ${q.evidence.prompt.replace(/[.?]$/, '').toLowerCase()}.`
    }
  }
  return { answers, errors }
}

function parseAnswer(q: Question, value: unknown): { value: Answer } | { error: string } {
  const s = String(value)
  if (isScaleKind(q.kind)) {
    return s in SCALES[q.kind] ? { value: s } : { error: 'Choose an answer from the list.' }
  }
  if (q.kind === 'number') {
    const n = Number(s.replace(/,/g, ''))
    if (!/^-?\d+(\.\d+)?$/.test(s.replace(/,/g, '')) || !Number.isFinite(n)) return { error: 'Enter a number.' }
    if (q.min !== undefined && n < q.min) return { error: `Enter ${q.min} or more.` }
    if (q.max !== undefined && n > q.max) return { error: `Enter ${q.max} or less.` }
    return { value: n }
  }
  if (s.length > MAX_TEXT) return { error: `Keep it under ${MAX_TEXT} characters.` }
  return { value: s }
}

/** The section's free-text answers (text, evidence and evidence boxes), for the identifying-details check. */
export function freeTextOf(section: Section, answers: Answers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const q of section.questions) {
    const a = answers[q.id]
    if ((q.kind === 'text' || q.kind === 'evidence') && typeof a === 'string') out[q.id] = a
    const e = answers[evidenceId(q.id)]
    if (typeof e === 'string') out[evidenceId(q.id)] = e
  }
  return out
}

/** One question of a page as a dialog shows it. */
export type PageQuestion = {
  id: string
  label: string
  kind: QuestionKind
  required: boolean
  help: string | null
  options: { value: string; label: string }[] | null
  evidencePrompt: string | null
  evidenceRequiredFor: string[]
  /** Carried from the last cycle, not yet confirmed or changed. */
  isCarried: boolean
}

/** The section's questions shown, given every answer so far, with which are carried from the last cycle. */
export function pageQuestions(section: Section, answers: Answers, carried: ReadonlySet<string>): PageQuestion[] {
  return section.questions
    .filter((q) => isShown(q, answers))
    .map((q) => ({
      id: q.id,
      label: q.label,
      kind: q.kind,
      required: q.required,
      help: q.help ?? null,
      options: isScaleKind(q.kind) ? choicesOf(q.kind) : null,
      evidencePrompt: q.evidence?.prompt ?? null,
      evidenceRequiredFor: q.evidence?.requiredFor ?? [],
      isCarried: carried.has(q.id),
    }))
}

/** The section's standard (its rating question), if it has one. */
export const ratingOf = (section: Section): (Question & { kind: RatingKind }) | undefined =>
  section.questions.find((q): q is Question & { kind: RatingKind } => q.isRating && isRatingKind(q.kind))
