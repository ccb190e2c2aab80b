/**
 * Training and survey results, as pure functions over answers already read: response rate, relevance and
 * quality, the confidence uplift per learning outcome (mean after minus mean before, each with its n), the share
 * who applied the learning at follow-up, the share of managers who saw a change, and a few example quotes.
 * Anything counted from fewer answers than the partnership's minimum is withheld (null), so a small group's
 * answers cannot be told apart. Uplift is unpaired: anonymous answers before and after cannot be matched, and
 * need not be.
 */
import type { SurveyAnswers, SurveyDefinitionData } from './survey-definition.schema.js'
import { surveyFields } from './survey-definition.schema.js'
import type { Figure, OutcomeUplift, QuestionResult, ResultsBlock } from './training.schema.js'

/** The answers of one session's surveys, and how many were asked. */
export type SessionAnswers = {
  sessionId: string
  date: string
  attended: number
  before: SurveyAnswers[]
  after: { invited: number; answers: SurveyAnswers[] }
  followUp: { invited: number; answers: SurveyAnswers[] }
  manager: { invited: number; answers: SurveyAnswers[] }
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
const figure = (xs: number[], min: number): Figure => ({
  n: xs.length,
  value: xs.length >= min ? round(mean(xs)) : null,
})
const share = (hits: number, n: number, min: number): Figure => ({
  n,
  value: n >= min && n > 0 ? round(hits / n) : null,
})
const numbers = (answers: SurveyAnswers[], id: string) =>
  answers.map((a) => a[id]).filter((v): v is number => typeof v === 'number')

/** Confidence ratings for outcome `i` at a stage, from answers that have a confidence question. */
function confidence(answers: SurveyAnswers[], i: number, stage: 'before' | 'after'): number[] {
  const out: number[] = []
  for (const a of answers) {
    const c = a.confidence
    if (!c || typeof c !== 'object' || Array.isArray(c)) continue
    const v = c[stage]?.[i]
    if (typeof v === 'number') out.push(v)
  }
  return out
}

/** Up to three example quotes: the fullest answers that still read as a sentence or two. */
function pickQuotes(texts: string[]): string[] {
  return texts
    .filter((t) => t.length >= 15 && t.length <= 280)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, 3)
}

/** One block of results (a session, or the whole course) from its sessions' answers. */
export function resultsBlock(sessions: SessionAnswers[], outcomes: string[], minAnswers: number): ResultsBlock {
  const after = sessions.flatMap((s) => s.after.answers)
  const before = sessions.flatMap((s) => s.before)
  const follow = sessions.flatMap((s) => s.followUp.answers)
  const manager = sessions.flatMap((s) => s.manager.answers)
  const invited = sessions.reduce((n, s) => n + s.after.invited, 0)
  const suppressed = after.length < minAnswers
  const outcomeFigures: OutcomeUplift[] = outcomes.map((outcome, i) => {
    const b = figure([...confidence(before, i, 'before'), ...confidence(after, i, 'before')], minAnswers)
    const a = figure(confidence(after, i, 'after'), minAnswers)
    return {
      outcome,
      before: b,
      after: a,
      uplift: b.value !== null && a.value !== null ? round(a.value - b.value) : null,
    }
  })
  const count = (answers: SurveyAnswers[], id: string, value: string) => answers.filter((x) => x[id] === value).length
  const texts = (answers: SurveyAnswers[], id: string) =>
    answers.map((x) => x[id]).filter((v): v is string => typeof v === 'string')
  const quotes = [
    ...(after.length >= minAnswers ? texts(after, 'doDifferently') : []),
    ...(follow.length >= minAnswers ? texts(follow, 'example') : []),
  ]
  return {
    invited,
    answered: after.length,
    responseRate: invited > 0 ? round(after.length / invited) : null,
    relevance: figure(numbers(after, 'relevance'), minAnswers),
    quality: figure(numbers(after, 'quality'), minAnswers),
    outcomes: outcomeFigures,
    followUp: {
      invited: sessions.reduce((n, s) => n + s.followUp.invited, 0),
      answered: follow.length,
      applied: share(count(follow, 'applied', 'yes'), follow.length, minAnswers),
      partly: share(count(follow, 'applied', 'partly'), follow.length, minAnswers),
    },
    managers: {
      invited: sessions.reduce((n, s) => n + s.manager.invited, 0),
      answered: manager.length,
      sawChange: share(count(manager, 'change', 'yes'), manager.length, minAnswers),
      partly: share(count(manager, 'change', 'partly'), manager.length, minAnswers),
      tooEarly: manager.length >= minAnswers ? count(manager, 'change', 'too-early') : 0,
    },
    quotes: pickQuotes(quotes),
    suppressed,
  }
}

/** Words that suggest a theme in a free-text answer, for the partnership's default themes (others match by name). */
const THEME_CUES: Record<string, string[]> = {
  Neglect: ['neglect', 'hungry', 'unwashed'],
  'Voice of the child': ['listen', 'voice', 'my views', 'wishes', 'heard'],
  'Information sharing': ['share', 'sharing', 'shared', 'told each other', 'information'],
  'Professional curiosity': ['curious', 'curiosity', 'asked more', 'questions'],
  Escalation: ['escalat', 'challenge'],
  'Domestic abuse': ['domestic', 'violence', 'abuse at home'],
  'Parental mental health': ['mental health', 'depress', 'anxiety'],
  'Substance misuse': ['drug', 'alcohol', 'drinking', 'substance'],
  Supervision: ['supervision', 'supervisor'],
  'Early help': ['early help', 'earlier', 'sooner'],
}

/** Themes mentioned in free-text answers, by the partnership's theme names and the cues above. */
export function themesIn(texts: string[], themes: string[]): { theme: string; count: number }[] {
  const lower = texts.map((t) => t.toLowerCase())
  return themes
    .map((theme) => {
      const cues = [theme.toLowerCase(), ...(THEME_CUES[theme] ?? [])]
      return { theme, count: lower.filter((t) => cues.some((c) => t.includes(c))).length }
    })
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || (a.theme < b.theme ? -1 : 1))
}

/** Per question of a survey: the mean of a scale, counts of choices, quotes of text; withheld below the minimum. */
export function summariseAnswers(
  def: SurveyDefinitionData,
  answers: SurveyAnswers[],
  minAnswers: number,
): QuestionResult[] {
  const shown = answers.length >= minAnswers
  return surveyFields(def, { outcomes: [] }).map((f): QuestionResult => {
    const values = answers.map((a) => a[f.questionId]).filter((v) => v !== undefined)
    const base = { label: f.label, kind: f.kind, n: values.length }
    if (!shown) return { ...base, mean: null, counts: [], quotes: [] }
    if (f.kind === 'scale') {
      const xs = values.filter((v): v is number => typeof v === 'number')
      const counts = f.options.map((o) => ({ label: o.label, count: xs.filter((x) => String(x) === o.value).length }))
      return { ...base, mean: xs.length ? round(mean(xs)) : null, counts, quotes: [] }
    }
    if (f.kind === 'text') return { ...base, mean: null, counts: [], quotes: pickQuotes(values.map(String)) }
    const chosen = values.flatMap((v) => (Array.isArray(v) ? v : [v])).map(String)
    const counts = f.options.map((o) => ({ label: o.label, count: chosen.filter((c) => c === o.value).length }))
    return { ...base, mean: null, counts, quotes: [] }
  })
}
