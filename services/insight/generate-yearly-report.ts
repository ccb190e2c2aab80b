/**
 * The business manager generates a draft of the partnership's yearly report (WT2023; DOMAIN.md §1.7 and §5):
 * the figures of the period in the three questions with their stories, the reviews undertaken and published,
 * action progress by agency, and the lessons that came back with the chairs' responses. The draft is theirs to
 * edit (web/tab renders it as Word, XLSX and CSV); Learning Loop records when it was generated, by whom and for
 * which period. References, counts, dates and themes only: no case detail.
 */
import { z } from 'zod'
import { AppError } from '../../lib/errors.js'
import { isRealCalendarDate } from '../../lib/validation.js'
import { todayIn } from '../calendar/dates.js'
import { REVIEW_STATUSES, type ReviewStatus } from '../reviews/review.schema.js'
import { findPartnership } from '../reviews/review.repo.js'
import { useCase } from '../use-case.js'
import { readDashboard } from './dashboard.queries.js'
import { mayGenerateReport } from './insight-scope.js'
import { listRecurrences } from './recurrence.queries.js'
import type { Dashboard, RecurrenceFlagView } from './insight.schema.js'
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'

const ZDate = z
  .string({ required_error: 'Give a date.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-04-01.')
  .refine(isRealCalendarDate, 'That date does not exist.')

const ZYearlyReportRequest = z
  .object({ from: ZDate, to: ZDate })
  .refine((r) => r.from <= r.to, { message: 'The period must end after it starts.', path: ['to'] })

/** One review in the period: undertaken (started) or published in it. */
type ReportReview = { reference: string; type: string; started: string; status: string; publishedOn?: string }

export type YearlyReport = {
  partnership: string
  from: string
  to: string
  generatedOn: string
  generatedBy: string
  dashboard: Dashboard
  reviews: ReportReview[]
  recurrences: RecurrenceFlagView[]
}

/** Reads the period's figures and records that a draft was generated; returns what the documents show. */
export const generateYearlyReport = useCase({
  input: ZYearlyReportRequest,
  load: async (ctx, actor, input): Promise<Omit<YearlyReport, 'generatedOn' | 'generatedBy'> | null> => {
    if (!mayGenerateReport(actor)) return null
    const [dashboard, partnership, reviews, types, recurrences] = await Promise.all([
      readDashboard(ctx, actor, { scope: { kind: 'partnership' }, from: input.from, to: input.to }),
      ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId }, select: { name: true } }),
      ctx.db.review.findMany({
        where: {
          partnershipId: actor.partnershipId,
          OR: [
            { startedAt: { gte: new Date(`${input.from}T00:00:00Z`), lt: dayAfter(input.to) } },
            { publishedOn: { gte: new Date(`${input.from}T00:00:00Z`), lt: dayAfter(input.to) } },
          ],
        },
        orderBy: [{ startedAt: 'asc' }, { reference: 'asc' }],
        select: { reference: true, typeKey: true, startedAt: true, status: true, publishedOn: true },
      }),
      ctx.db.reviewType.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true, name: true } }),
      listRecurrences(ctx, actor),
    ])
    const typeName = new Map(types.map((t) => [t.key, t.name]))
    const inPeriod = (d: string) => d >= input.from && d <= input.to
    return {
      partnership: partnership.name,
      from: input.from,
      to: input.to,
      dashboard,
      reviews: reviews.map((r) => ({
        reference: r.reference,
        type: typeName.get(r.typeKey) ?? r.typeKey,
        started: r.startedAt.toISOString().slice(0, 10),
        status: REVIEW_STATUSES[r.status as ReviewStatus] ?? r.status,
        ...(r.publishedOn ? { publishedOn: r.publishedOn.toISOString().slice(0, 10) } : {}),
      })),
      recurrences: recurrences.filter((f) => inPeriod(f.raisedOn)),
    }
  },
  policy: (_actor, _input, loaded) => {
    if (!loaded)
      throw new AppError(
        'NOT_PERMITTED',
        'The yearly report is drafted by the business manager or the partnership chair.',
      )
  },
  change: async (w, input, loaded): Promise<YearlyReport> => {
    const run = await w.tx.yearlyReportRun.create({
      data: {
        partnershipId: w.actor.partnershipId,
        periodFrom: new Date(`${input.from}T00:00:00Z`),
        periodTo: new Date(`${input.to}T00:00:00Z`),
        generatedById: w.actor.personId,
        generatedAt: w.now,
      },
    })
    await w.audit({
      action: 'YEARLY_REPORT_GENERATED',
      subjectType: 'yearly-report',
      subjectId: run.id,
      after: { from: input.from, to: input.to },
    })
    const { timeZone } = await findPartnership(w.tx, w.actor.partnershipId)
    return { ...loaded!, generatedOn: todayIn(timeZone, w.now), generatedBy: w.actor.name }
  },
})

const dayAfter = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000)

/** The report form's defaults: the last full financial year (April to March) before today. */
export async function yearlyReportDefaults(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ allowed: boolean; from: string; to: string }> {
  const { timeZone } = await findPartnership(ctx.db, actor.partnershipId)
  const today = todayIn(timeZone, ctx.clock.now())
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0)
  return { allowed: mayGenerateReport(actor), from: `${year - 1}-04-01`, to: `${year}-03-31` }
}
