/**
 * The dashboard of one scope over one period, in the three questions of outcomes based accountability
 * (DOMAIN.md §5), with a figure per quarter so a curve can be drawn. Each measure is read by
 * dashboard.repo.ts; this file turns the rows into panels, fills in quarters with nothing in them, and adds
 * the story behind the curve. Only references, counts, dates and themes: no case detail.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { addDays, todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import type { Actor } from '../people/people.schema.js'
import { findPartnership } from '../reviews/review.repo.js'
import { STATUTORY_TIMESCALES } from '../reviews/statutory-timescales.schema.js'
import { parseOrRefuse } from '../use-case.js'
import {
  actionsAgreed,
  actionsOnTime,
  actionsOnTimeByAgency,
  impactChecks,
  latestStories,
  localReviewsInTime,
  notificationsMade,
  rapidReviewsInTime,
  referralsRaised,
  reviewsStarted,
  type QuarterRow,
  type Window,
} from './dashboard.repo.js'
import {
  auditGradesBetter,
  auditReturnsOnTime,
  auditsOpened,
  briefingsRead,
  briefingsSent,
  confidenceUplift,
  followUpYes,
  peopleTrained,
  sessionsHeld,
  surveyResponses,
} from './dashboard-learning.repo.js'
import { assertMaySee, mayGenerateReport, mayWriteStory } from './insight-scope.js'
import {
  ZDashboardQuery,
  type Dashboard,
  type InsightScope,
  type ObaQuestion,
  type Panel,
  type QuarterFigure,
} from './insight.schema.js'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The first day of the quarter `date` is in. */
function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7))
  return `${date.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`
}

/** The first days of every quarter from the one `from` is in to the one `to` is in. */
function quartersBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let q = quarterStart(from); q <= to; ) {
    out.push(q)
    const month = Number(q.slice(5, 7)) + 3
    q = month > 12 ? `${Number(q.slice(0, 4)) + 1}-01-01` : `${q.slice(0, 4)}-${String(month).padStart(2, '0')}-01`
  }
  return out
}

/** "Apr–Jun 2026". */
function quarterLabel(first: string): string {
  const month = Number(first.slice(5, 7))
  return `${MONTHS[month - 1]}–${MONTHS[month + 1]} ${first.slice(0, 4)}`
}

/** The key a scope's stories are kept under. */
export const scopeKeyOf = (scope: InsightScope): string =>
  scope.kind === 'partnership' ? 'partnership' : `${scope.kind}:${scope.key}`

type Measure = {
  key: string
  question: ObaQuestion
  label: string
  unit: Panel['unit']
  read: () => Promise<QuarterRow[]>
  empty: string
  /** Answers to surveys: a figure from fewer answers than this is withheld, so no small group can be told apart. */
  minAnswers?: number
}

function panelOf(m: Measure, rows: QuarterRow[], quarters: string[]): Panel {
  const byQuarter = new Map(rows.map((r) => [r.quarter, r]))
  const min = m.minAnswers ?? 1
  const figure = (n: number, ok: number, points?: number | null): number | null => {
    if (m.unit === 'count') return n
    if (n === 0 || n < min) return null
    return m.unit === 'points' ? (points ?? null) : Math.round((1000 * ok) / n) / 10
  }
  const trend: QuarterFigure[] = quarters.map((q) => {
    const r = byQuarter.get(q)
    return { quarter: quarterLabel(q), value: figure(r?.n ?? 0, r?.ok ?? 0, r?.value), n: r?.n ?? 0 }
  })
  const n = rows.reduce((sum, r) => sum + r.n, 0)
  const ok = rows.reduce((sum, r) => sum + r.ok, 0)
  // Points over the period: each quarter's figure weighted by its answers.
  const weighted = rows.filter((r) => typeof r.value === 'number')
  const points = weighted.length
    ? Math.round(
        (100 * weighted.reduce((sum, r) => sum + (r.value as number) * r.n, 0)) /
          Math.max(
            1,
            weighted.reduce((sum, r) => sum + r.n, 0),
          ),
      ) / 100
    : null
  const value = figure(n, ok, points)
  const withheld = m.unit !== 'count' && n > 0 && n < min
  return {
    key: m.key,
    question: m.question,
    label: m.label,
    unit: m.unit,
    value,
    n,
    trend,
    ...(m.unit !== 'count' && n === 0 ? { empty: m.empty } : {}),
    ...(withheld ? { empty: `Fewer than ${min} answers: not shown, so no one can be told apart.` } : {}),
  }
}

/** The confidence uplift as quarter rows: after minus before, in points on the 1 to 5 scale. */
async function upliftRows(ctx: ServiceContext, w: Window): Promise<QuarterRow[]> {
  return (await confidenceUplift(ctx.db, w)).map((r) => ({
    quarter: r.quarter,
    n: Number(r.answers),
    ok: 0,
    value: r.before !== null && r.after !== null ? Math.round((r.after - r.before) * 100) / 100 : null,
  }))
}

/** Notifications as quarter rows: within 5 working days of the local authority becoming aware. */
async function notificationRows(ctx: ServiceContext, w: Window): Promise<QuarterRow[]> {
  const limit = STATUTORY_TIMESCALES.panelNotification.workingDays
  const rows = new Map<string, QuarterRow>()
  for (const n of await notificationsMade(ctx.db, w)) {
    const quarter = quarterStart(n.notifiedOn)
    const row = rows.get(quarter) ?? { quarter, n: 0, ok: 0 }
    row.n += 1
    if (workingDaysBetween(n.awareOn, n.notifiedOn) <= limit) row.ok += 1
    rows.set(quarter, row)
  }
  return [...rows.values()]
}

/** The measures that mean something for a scope (a theme has no referrals; only the LA notifies). */
function measuresFor(ctx: ServiceContext, w: Window, today: string, minAnswers: number): Measure[] {
  const s = w.scope
  const audits = s.kind !== 'sub-group' || s.key === 'qa-audit'
  const learning = s.kind !== 'sub-group' || s.key === 'learning'
  const all: (Measure & { applies: boolean })[] = [
    {
      key: 'referrals',
      question: 'how-much',
      label: 'Review referrals raised',
      unit: 'count',
      read: () => referralsRaised(ctx.db, w),
      empty: 'No referrals were raised.',
      applies: s.kind === 'partnership' || s.kind === 'agency' || (s.kind === 'sub-group' && s.key === 'case-review'),
    },
    {
      key: 'rapid-reviews',
      question: 'how-much',
      label: 'Rapid reviews started',
      unit: 'count',
      read: () => reviewsStarted(ctx.db, w, true),
      empty: 'No rapid reviews were started.',
      applies: true,
    },
    {
      key: 'local-reviews',
      question: 'how-much',
      label: 'Local reviews started',
      unit: 'count',
      read: () => reviewsStarted(ctx.db, w, false),
      empty: 'No local reviews were started.',
      applies: true,
    },
    {
      key: 'actions',
      question: 'how-much',
      label: 'Actions agreed',
      unit: 'count',
      read: () => actionsAgreed(ctx.db, w),
      empty: 'No actions were agreed.',
      applies: true,
    },
    {
      key: 'audits',
      question: 'how-much',
      label: 'Audits opened',
      unit: 'count',
      read: () => auditsOpened(ctx.db, w),
      empty: 'No audit was opened.',
      applies: audits,
    },
    {
      key: 'briefings',
      question: 'how-much',
      label: 'Briefings and learning products sent',
      unit: 'count',
      read: () => briefingsSent(ctx.db, w),
      empty: 'No learning product was sent.',
      applies: learning && s.kind !== 'agency',
    },
    {
      key: 'training-sessions',
      question: 'how-much',
      label: 'Training sessions held',
      unit: 'count',
      read: () => sessionsHeld(ctx.db, w),
      empty: 'No training session was held.',
      applies: learning,
    },
    {
      key: 'people-trained',
      question: 'how-much',
      label: 'People trained',
      unit: 'count',
      read: () => peopleTrained(ctx.db, w),
      empty: 'Nobody attended training.',
      applies: learning,
    },
    {
      key: 'notifications-in-time',
      question: 'how-well',
      label: 'Serious incidents notified to the Panel within 5 working days',
      unit: 'share',
      read: () => notificationRows(ctx, w),
      empty: 'No serious incident was notified in this period.',
      applies: s.kind === 'partnership' || (s.kind === 'sub-group' && s.key === 'case-review'),
    },
    {
      key: 'rapid-reviews-in-time',
      question: 'how-well',
      label: 'Rapid reviews sent to the Panel within 15 working days',
      unit: 'share',
      read: () => rapidReviewsInTime(ctx.db, w, today),
      empty: 'No rapid review fell due in this period.',
      applies: true,
    },
    {
      key: 'local-reviews-in-time',
      question: 'how-well',
      label: 'Local reviews completed within 6 months',
      unit: 'share',
      read: () => localReviewsInTime(ctx.db, w, today),
      empty: 'No local review fell due in this period.',
      applies: true,
    },
    {
      key: 'actions-on-time',
      question: 'how-well',
      label: 'Actions completed by their due date',
      unit: 'share',
      read: () => actionsOnTime(ctx.db, w, today),
      empty: 'No action fell due in this period.',
      applies: true,
    },
    {
      key: 'survey-response',
      question: 'how-well',
      label: 'Straight-after training surveys answered',
      unit: 'share',
      read: () => surveyResponses(ctx.db, w),
      empty: 'No training survey was sent.',
      applies: learning && s.kind !== 'agency',
    },
    {
      key: 'audit-returns-on-time',
      question: 'how-well',
      label: 'Audit returns submitted by their deadline',
      unit: 'share',
      read: () => auditReturnsOnTime(ctx.db, w, today),
      empty: 'No audit return fell due in this period.',
      applies: audits,
    },
    {
      key: 'briefings-read',
      question: 'how-well',
      label: 'Learning products read by the people they reached',
      unit: 'share',
      read: () => briefingsRead(ctx.db, w),
      empty: 'No learning product reached anyone in this period.',
      applies: learning,
    },
    {
      key: 'confidence-uplift',
      question: 'better-off',
      label: 'Confidence uplift after training (points on a 1 to 5 scale)',
      unit: 'points',
      read: () => upliftRows(ctx, w),
      empty: 'No confidence ratings were given.',
      applies: learning && s.kind !== 'agency',
      minAnswers,
    },
    {
      key: 'applied',
      question: 'better-off',
      label: 'People who applied the learning, weeks later',
      unit: 'share',
      read: () => followUpYes(ctx.db, w, 'follow-up'),
      empty: 'No follow-up was answered.',
      applies: learning && s.kind !== 'agency',
      minAnswers,
    },
    {
      key: 'managers-saw-change',
      question: 'better-off',
      label: "Line managers who saw a change in their staff's practice",
      unit: 'share',
      read: () => followUpYes(ctx.db, w, 'manager'),
      empty: "No manager's card was answered.",
      applies: learning && s.kind !== 'agency',
      minAnswers,
    },
    {
      key: 'audit-grades-better',
      question: 'better-off',
      label: 'Moderated audit ratings better than last cycle',
      unit: 'share',
      read: () => auditGradesBetter(ctx.db, w),
      empty: 'No standard could be compared with a last cycle.',
      applies: audits,
    },
    {
      key: 'impact-met',
      question: 'better-off',
      label: 'Impact checks that found the measure of success met',
      unit: 'share',
      read: () => impactChecks(ctx.db, w),
      empty: 'No impact check was recorded in this period.',
      applies: true,
    },
  ]
  return all.filter((m) => m.applies)
}

/** The words for a scope: "Northshire Police", "Case Review Group", "Theme: Neglect". */
async function scopeLabel(ctx: ServiceContext, partnershipId: string, scope: InsightScope): Promise<string> {
  if (scope.kind === 'partnership') {
    const p = await ctx.db.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { name: true } })
    return p.name
  }
  if (scope.kind === 'theme') return `Theme: ${scope.key}`
  const found =
    scope.kind === 'agency'
      ? await ctx.db.agency.findUnique({ where: { partnershipId_key: { partnershipId, key: scope.key } } })
      : await ctx.db.subGroup.findUnique({ where: { partnershipId_key: { partnershipId, key: scope.key } } })
  if (!found) throw new AppError('NOT_FOUND', 'There is no such agency or sub-group in this partnership.')
  return found.name
}

/** The period asked for, or the four quarters up to today in the partnership's time zone. */
function periodOf(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = query.to ?? today
  const from = query.from ?? quartersBetween(addDays(quarterStart(to), -3 * 92), to).at(-4)!
  return { from, to }
}

/** The dashboard of a scope over a period, for someone allowed to see it. */
export async function readDashboard(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<Dashboard> {
  const query = parseOrRefuse(ZDashboardQuery, raw)
  assertMaySee(actor, query.scope)
  const partnership = await ctx.db.partnership.findUniqueOrThrow({
    where: { id: actor.partnershipId },
    select: { timeZone: true },
  })
  const today = todayIn(partnership.timeZone, ctx.clock.now())
  const { from, to } = periodOf(query, today)
  const [label, agency] = await Promise.all([
    scopeLabel(ctx, actor.partnershipId, query.scope),
    query.scope.kind === 'agency'
      ? ctx.db.agency.findUnique({
          where: { partnershipId_key: { partnershipId: actor.partnershipId, key: query.scope.key } },
        })
      : null,
  ])
  const w: Window = { partnershipId: actor.partnershipId, from, to, scope: query.scope, agencyId: agency?.id }
  const quarters = quartersBetween(from, to)
  const { settings } = await findPartnership(ctx.db, actor.partnershipId)
  const measures = measuresFor(ctx, w, today, settings.training.minAnswers)
  const [results, stories, byAgency] = await Promise.all([
    Promise.all(measures.map((m) => m.read())),
    latestStories(ctx.db, actor.partnershipId, scopeKeyOf(query.scope)),
    actionsOnTimeByAgency(ctx.db, w, today),
  ])
  const storyOf = new Map(stories.map((s) => [s.panelKey, { text: s.text, by: s.by, on: s.on }]))
  const panels = measures.map((m, i) => {
    const panel = panelOf(m, results[i]!, quarters)
    const story = storyOf.get(m.key)
    if (m.key === 'actions-on-time' && query.scope.kind !== 'agency')
      panel.breakdown = byAgency.map((b) => ({
        label: b.agency,
        n: Number(b.n),
        value: Number(b.n) === 0 ? null : Math.round((1000 * Number(b.ok)) / Number(b.n)) / 10,
      }))
    return story ? { ...panel, story } : panel
  })
  return {
    scope: query.scope,
    scopeLabel: label,
    from,
    to,
    quarters: quarters.map(quarterLabel),
    panels,
    canWriteStory: mayWriteStory(actor, query.scope),
    canDraftReport: mayGenerateReport(actor),
  }
}
