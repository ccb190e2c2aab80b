/**
 * A review's timeline: the milestones its type's templates plan, with every statutory timescale taken from
 * statutory-timescales.ts whatever a stored type says. One path plans the dates a new review gets and the dates
 * a card promises before it starts (the screening card's rapid review clocks), so two cards never disagree.
 *
 * Creates a review with its timeline inside the caller's transaction: a rapid review from a referral decision, a
 * local review commissioned on approval, a review started by hand, a CDOP notification. The caller records the
 * audit event and the notices, which differ between them. Re-bases a review on the local authority's awareness.
 */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { ensureReviewTypes, findAgencyNames, findResponsible, findReviewType, insertMilestones } from './review.repo.js'
import { type Anchors, type Assignees, dueDateOf, type PlannedMilestone, planMilestones } from './review.rules.js'
import type { MilestoneTemplate } from './review.schema.js'
import { statutoryDue, statutoryMilestone } from './statutory-timescales.js'
import { initialReviewStatus } from './review.transitions.js'

export type NewReview = {
  partnershipId: string
  typeKey: string
  reference: string
  startedById: string
  at: Date
  /** The partnership's today, the anchor of milestones due from the start. */
  today: string
  /**
   * The anchor of milestones due from awareness (ISO date): for a rapid review, the local authority's awareness
   * of the serious incident (the agency's until that is recorded).
   */
  awarenessDate: string
  /** The agencies involved: each gets its own milestone for an agency lead's template. */
  agencies: string[]
  isSeriousIncident?: boolean
  referralId?: string
  parentReviewId?: string
  /** Completion due (ISO date), for commissioned local reviews. */
  dueBy?: string
  /** The date the national Panel was notified, for a rapid review of a notified incident. */
  panelNotifiedOn?: string
}

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)
/** "agency-information:police" → "agency-information": the template a planned milestone came from. */
const templateKeyOf = (milestoneKey: string) => milestoneKey.split(':')[0]!

/**
 * The templates a timeline is planned from. A rapid review's own Panel notification is left out: the local
 * authority's notification (services/referrals) starts when the referral is submitted and carries it.
 */
function templatesFor(typeKey: string, templates: MilestoneTemplate[]): MilestoneTemplate[] {
  return typeKey === 'rapid-review' ? templates.filter((t) => t.key !== 'panel-notification') : templates
}

/** A milestone's due date: statutory ones from statutory-timescales.ts, local ones from the type's template. */
function dueOf(typeKey: string, template: MilestoneTemplate, anchors: Anchors, planned: string): string {
  const statutory = statutoryMilestone(typeKey, template.key)
  return statutory ? statutoryDue(statutory, anchors.awareness) : planned
}

/** Plans a review's milestones (not stored), with who each is for: what `insertReviewWithTimeline` stores. */
async function planTimeline(db: Db, input: TimelineInput) {
  const type = await typeFor(db, input)
  const [who, names] = await Promise.all([
    findResponsible(db, input.partnershipId),
    findAgencyNames(db, input.partnershipId),
  ])
  return { type, planned: plan(type, input, who, (key) => names.get(key) ?? key) }
}

/**
 * The dates a review would get if it started now, for a card's preview: the same planning without reading who
 * each milestone would be for (cards render on every change, and those reads were most of a render's work).
 */
export async function previewTimelineDates(db: Db, input: TimelineInput) {
  const type = await typeFor(db, input)
  return plan(type, input, NOBODY, (key) => key).map((m) => ({ key: m.key, dueDate: m.dueDate }))
}

type TimelineInput = Pick<
  NewReview,
  'partnershipId' | 'typeKey' | 'today' | 'awarenessDate' | 'agencies' | 'isSeriousIncident'
>
type ReviewTypeRow = NonNullable<Awaited<ReturnType<typeof findReviewType>>>

const NOBODY: Assignees = { withRole: () => null, chairOf: () => null, leadOf: () => null }

/**
 * The review's type. A partnership set up before this type existed gets the default types the first time one
 * is missing (a write, so only then: cards preview timelines on every render).
 */
async function typeFor(db: Db, input: TimelineInput): Promise<ReviewTypeRow> {
  let type = await findReviewType(db, input.partnershipId, input.typeKey)
  if (!type) {
    await ensureReviewTypes(db, input.partnershipId)
    type = await findReviewType(db, input.partnershipId, input.typeKey)
  }
  if (!type) throw new AppError('NOT_FOUND', 'That kind of review is not set up.')
  return type
}

function plan(
  type: ReviewTypeRow,
  input: TimelineInput,
  who: Assignees,
  agencyName: (key: string) => string,
): PlannedMilestone[] {
  const anchors = { awareness: input.awarenessDate, start: input.today }
  const templates = templatesFor(input.typeKey, type.templates)
  return planMilestones(
    templates,
    {
      anchors,
      agencies: [...new Set(input.agencies)],
      isSeriousIncident: input.isSeriousIncident ?? false,
      owningSubGroupKey: type.owningSubGroupKey,
    },
    who,
    agencyName,
  ).map((m) => {
    const template = templates.find((t) => t.key === templateKeyOf(m.key))
    return template ? { ...m, dueDate: dueOf(input.typeKey, template, anchors, m.dueDate) } : m
  })
}

/** Inserts the review in its type's first status, with its milestones, and returns both. */
export async function insertReviewWithTimeline(tx: Prisma.TransactionClient, input: NewReview) {
  const { planned } = await planTimeline(tx, input)
  const review = await tx.review.create({
    data: {
      partnershipId: input.partnershipId,
      typeKey: input.typeKey,
      reference: input.reference,
      status: initialReviewStatus(input.typeKey),
      awarenessDate: asDate(input.awarenessDate),
      startedAt: input.at,
      startedById: input.startedById,
      isSeriousIncident: input.isSeriousIncident ?? false,
      referralId: input.referralId ?? null,
      parentReviewId: input.parentReviewId ?? null,
      dueBy: input.dueBy ? asDate(input.dueBy) : null,
      panelNotifiedOn: input.panelNotifiedOn ? asDate(input.panelNotifiedOn) : null,
    },
  })
  const milestones = await insertMilestones(tx, review.id, planned)
  return { review, milestones }
}

/**
 * Moves a review's open milestones that count from awareness onto a new anchor (the date the local authority
 * became aware, recorded after the review started). Done milestones keep their dates. Returns what moved, by
 * milestone key: before and after.
 */
export async function rebaseOnAwareness(
  tx: Prisma.TransactionClient,
  reviewId: string,
  awareness: string,
): Promise<Record<string, [string, string]>> {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, include: { milestones: true } })
  const type = await findReviewType(tx, review.partnershipId, review.typeKey)
  if (!type) return {}
  const start = review.startedAt.toISOString().slice(0, 10)
  const anchors = { awareness, start }
  const moved: Record<string, [string, string]> = {}
  for (const m of review.milestones) {
    if (m.status !== 'OPEN') continue
    const template = type.templates.find((t) => t.key === templateKeyOf(m.key))
    if (template?.from !== 'awareness') continue
    const due = dueOf(review.typeKey, template, anchors, dueDateOf(template, anchors))
    const before = m.dueDate.toISOString().slice(0, 10)
    if (due === before) continue
    await tx.milestone.update({ where: { id: m.id }, data: { dueDate: asDate(due) } })
    moved[m.key] = [before, due]
  }
  await tx.review.update({ where: { id: reviewId }, data: { awarenessDate: asDate(awareness) } })
  return moved
}
