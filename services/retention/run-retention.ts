/**
 * The nightly retention job: removes the narratives of cases closed longer ago than the partnership's retention
 * setting and keeps ids, references, statuses and dates, so lists, clocks, counts and the audit chain stay whole.
 * The cases of multi-agency case audits follow, counted from their audit discussion (redact-case-audits.ts).
 * Not bound to an actor (a scheduled job, like runNudges); registered in app/scheduler.ts.
 *
 * It claims its work twice over: one RetentionRun row per partnership and day (a second instance, or a re-run
 * the same day, finds it taken and does nothing), and each case by a conditional update of its `redactedAt`
 * (a case already redacted is never redacted or audited again). Each case is redacted in one transaction with
 * its CASE_REDACTED audit event (ids and counts only; the audit rows never held the texts).
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { recordAudit } from '../audit-log/record-audit.js'
import { redactCaseAudits } from './redact-case-audits.js'
import {
  caseClosedOn,
  REDACTED,
  type ReviewClosing,
  redactJson,
  retentionCutoff,
  retentionSettingsOf,
} from './retention.rules.js'

/** What is replaced, by table: the case narratives. Everything else (ids, references, dates, states) stays. */
const REDACTED_FIELDS = {
  referral: ['whatHappened', 'whyReview', 'decisionRationale'],
  referralQuestion: ['question', 'answer'],
  incidentNotification: ['reasons'],
  review: [
    'termsOfReference',
    'voiceOfChild',
    'familyInvolvementNote',
    'approvalRationale',
    'publicationReasons',
    'panelReply',
    'outcome.immediateLearning',
    'outcome.rationale',
  ],
  milestone: ['response.chronology', 'response.immediateLearning'],
  reviewContribution: ['perspective.wentWell', 'perspective.wasHard', 'perspective.wouldHelp'],
  reviewSignOff: ['reason'],
  reviewChallenge: ['text'],
  /** Only when the partnership sets `retention.redactFindings`: the learning it publishes. */
  findings: ['learningPoint.text', 'recommendation.text', 'review.partnershipResponse'],
} as const

export type RetentionReport = {
  /** Partnerships whose run for the day this call claimed (the others were claimed already). */
  partnerships: number
  cases: number
  /** Cases of multi-agency case audits (redact-case-audits.ts). */
  caseAudits: number
  texts: number
}

type ReviewRow = ReviewClosing & { referralId: string | null; redactedAt: Date | null }

const day = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** Runs retention for every partnership, once per day each. */
export async function runRetention(ctx: ServiceContext): Promise<RetentionReport> {
  const now = ctx.clock.now()
  const report: RetentionReport = { partnerships: 0, cases: 0, caseAudits: 0, texts: 0 }
  for (const p of await ctx.db.partnership.findMany({ select: { id: true, settings: true } })) {
    const claimed = await ctx.db.retentionRun.createMany({
      data: [{ partnershipId: p.id, day: day(now) }],
      skipDuplicates: true,
    })
    if (claimed.count === 0) continue
    report.partnerships++
    const settings = retentionSettingsOf(p.settings)
    const cutoff = retentionCutoff(now, settings.yearsAfterClose)
    let cases = 0
    for (const c of await dueCases(ctx, p.id, cutoff)) {
      const texts = await ctx.db.$transaction(async (tx) => {
        const replaced = await redactCase(tx, p.id, c, settings.redactFindings, now)
        if (replaced === null) return null
        await recordAudit(tx, {
          partnershipId: p.id,
          actorId: null,
          at: now,
          action: 'CASE_REDACTED',
          subjectType: 'case',
          subjectId: c.referralId ?? c.reviews[0]!.id,
          after: {
            closedOn: isoDay(c.closedOn),
            reviews: c.reviews.map((r) => r.id),
            texts: replaced,
            years: settings.yearsAfterClose,
          },
          fields: fieldNames(settings.redactFindings),
        })
        return replaced
      })
      if (texts === null) continue
      cases++
      report.texts += texts
    }
    report.cases += cases
    const audits = await redactCaseAudits(ctx, p.id, cutoff, settings)
    report.caseAudits += audits.cases
    report.texts += audits.texts
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, {
        partnershipId: p.id,
        actorId: null,
        at: now,
        action: 'RETENTION_RUN',
        subjectType: 'retention-run',
        subjectId: isoDay(now),
        after: { cases, caseAudits: audits.cases, cutoff: isoDay(cutoff), years: settings.yearsAfterClose },
      }),
    )
  }
  return report
}

const fieldNames = (findings: boolean) =>
  Object.entries(REDACTED_FIELDS)
    .filter(([table]) => findings || table !== 'findings')
    .flatMap(([table, fields]) => fields.map((f) => (table === 'findings' ? f : `${table}.${f}`)))

type DueCase = { referralId: string | null; reviews: ReviewRow[]; closedOn: Date }

/** The cases of a partnership that closed before `cutoff` and still hold narratives. */
async function dueCases(ctx: ServiceContext, partnershipId: string, cutoff: Date): Promise<DueCase[]> {
  const reviews: ReviewRow[] = await ctx.db.review.findMany({
    where: { partnershipId },
    select: {
      id: true,
      typeKey: true,
      status: true,
      parentReviewId: true,
      referralId: true,
      approvedAt: true,
      publishedOn: true,
      publishedAt: true,
      panelToldNotPublishedOn: true,
      redactedAt: true,
    },
  })
  const byId = new Map(reviews.map((r) => [r.id, r]))
  const rootOf = (r: ReviewRow): ReviewRow => {
    let at = r
    for (let hops = 0; at.parentReviewId && byId.has(at.parentReviewId) && hops < 20; hops++)
      at = byId.get(at.parentReviewId)!
    return at
  }
  // Every review belongs to the case of its root: the referral it came from, or the root review itself.
  const cases = new Map<string, { referralId: string | null; reviews: ReviewRow[] }>()
  for (const r of reviews) {
    const root = rootOf(r)
    const key = root.referralId ? `referral:${root.referralId}` : `review:${root.id}`
    const c = cases.get(key) ?? { referralId: root.referralId, reviews: [] }
    c.reviews.push(r)
    cases.set(key, c)
  }
  const referrals = await ctx.db.referral.findMany({
    where: { partnershipId, status: { notIn: ['AWAITING_SCREENING', 'INFO_REQUESTED'] } },
    select: { id: true, status: true, decidedAt: true, redactedAt: true },
  })
  const referralById = new Map(referrals.map((r) => [r.id, r]))
  for (const r of referrals)
    if (!cases.has(`referral:${r.id}`)) cases.set(`referral:${r.id}`, { referralId: r.id, reviews: [] })

  const due: DueCase[] = []
  for (const c of cases.values()) {
    const referral = c.referralId ? (referralById.get(c.referralId) ?? null) : null
    const pending = (referral && !referral.redactedAt) || c.reviews.some((r) => !r.redactedAt)
    if (!pending) continue
    const closedOn = caseClosedOn(referral, c.reviews)
    if (closedOn && closedOn < cutoff) due.push({ ...c, closedOn })
  }
  return due
}

/**
 * Redacts one case in `tx`. Claims it first (its referral's, or its first review's, `redactedAt` set where it
 * was null): null when another run has it. Returns how many stored texts were replaced.
 */
async function redactCase(
  tx: Prisma.TransactionClient,
  partnershipId: string,
  c: DueCase,
  findings: boolean,
  now: Date,
): Promise<number | null> {
  const claim = c.referralId
    ? await tx.referral.updateMany({
        where: { id: c.referralId, partnershipId, redactedAt: null },
        data: { redactedAt: now, version: { increment: 1 } },
      })
    : await tx.review.updateMany({
        where: { id: c.reviews[0]!.id, partnershipId, redactedAt: null },
        data: { redactedAt: now, version: { increment: 1 } },
      })
  if (claim.count === 0) return null
  let texts = 0
  const set = async (run: () => Promise<{ count: number }>) => {
    texts += (await run()).count
  }
  if (c.referralId) {
    const referralId = c.referralId
    await set(() => tx.referral.updateMany({ where: { id: referralId }, data: { whatHappened: REDACTED } }))
    await set(() => tx.referral.updateMany({ where: { id: referralId }, data: { whyReview: REDACTED } }))
    await set(() =>
      tx.referral.updateMany({
        where: { id: referralId, decisionRationale: { not: null } },
        data: { decisionRationale: REDACTED },
      }),
    )
    await set(() => tx.referralQuestion.updateMany({ where: { referralId }, data: { question: REDACTED } }))
    await set(() =>
      tx.referralQuestion.updateMany({ where: { referralId, answer: { not: null } }, data: { answer: REDACTED } }),
    )
    await set(() =>
      tx.incidentNotification.updateMany({
        where: { referralId, reasons: { not: null } },
        data: { reasons: REDACTED },
      }),
    )
  }
  for (const review of c.reviews) texts += await redactReview(tx, review.id, findings, now)
  return texts
}

/** The review's own texts, and those of its milestones, perspectives, sign-offs and challenges. */
async function redactReview(tx: Prisma.TransactionClient, reviewId: string, findings: boolean, now: Date) {
  const r = await tx.review.findUniqueOrThrow({ where: { id: reviewId } })
  const data: Prisma.ReviewUpdateInput = { redactedAt: now }
  let texts = 0
  const columns = ['termsOfReference', 'voiceOfChild', 'familyInvolvementNote', 'approvalRationale']
  columns.push('publicationReasons', 'panelReply', ...(findings ? ['partnershipResponse'] : []))
  for (const column of columns) {
    const value = (r as Record<string, unknown>)[column]
    if (typeof value === 'string' && value !== REDACTED) {
      ;(data as Record<string, unknown>)[column] = REDACTED
      texts++
    }
  }
  const outcome = redactJson(r.outcome, ['immediateLearning', 'rationale'])
  if (outcome.replaced) {
    data.outcome = outcome.value as Prisma.InputJsonValue
    texts += outcome.replaced
  }
  if (!r.redactedAt) data.version = { increment: 1 }
  await tx.review.update({ where: { id: reviewId }, data })

  for (const m of await tx.milestone.findMany({ where: { reviewId, response: { not: { equals: null } } } })) {
    const response = redactJson(m.response, ['chronology', 'immediateLearning'])
    if (!response.replaced) continue
    await tx.milestone.update({ where: { id: m.id }, data: { response: response.value as Prisma.InputJsonValue } })
    texts += response.replaced
  }
  for (const p of await tx.reviewContribution.findMany({ where: { reviewId } })) {
    const perspective = redactJson(p.perspective, ['wentWell', 'wasHard', 'wouldHelp'])
    if (!perspective.replaced) continue
    await tx.reviewContribution.update({
      where: { id: p.id },
      data: { perspective: perspective.value as Prisma.InputJsonValue },
    })
    texts += perspective.replaced
  }
  texts += (
    await tx.reviewSignOff.updateMany({
      where: { reviewId, reason: { not: null }, NOT: { reason: REDACTED } },
      data: { reason: REDACTED },
    })
  ).count
  texts += (
    await tx.reviewChallenge.updateMany({ where: { reviewId, NOT: { text: REDACTED } }, data: { text: REDACTED } })
  ).count
  if (findings) {
    texts += (
      await tx.learningPoint.updateMany({ where: { reviewId, NOT: { text: REDACTED } }, data: { text: REDACTED } })
    ).count
    texts += (
      await tx.recommendation.updateMany({ where: { reviewId, NOT: { text: REDACTED } }, data: { text: REDACTED } })
    ).count
  }
  return texts
}
