/** Prisma queries for referrals and their questions; every function takes the client (or a transaction) first. */
import { Prisma } from '@prisma/client'
import { type Db, plain, type SqlTx } from '../../lib/db.js'
import { notificationLeadSql } from './incident-notification.repo.js'

const withQuestions = { questions: { orderBy: { askedAt: 'asc' } } } satisfies Prisma.ReferralInclude
export type ReferralRow = Prisma.ReferralGetPayload<{ include: typeof withQuestions }>

export const findReferralById = (db: Db, id: string) =>
  db.referral.findUnique({ where: { id }, include: withQuestions })

/** The review a referral started (a referral starts at most one), as its cards describe it. */
export type ReferralReview = {
  typeKey: string
  status: string
  /** Agency information requests still open. */
  openAgencyInformation: number
  /** The rapid review's meeting and Panel milestones (YYYY-MM-DD), when it is one. */
  clockMilestones: { key: string; dueDate: string; isDone: boolean }[]
  /** The newest review commissioned from it (a local review from a rapid review). */
  child: { typeKey: string; status: string } | null
  /** The name of the child's type if there is one, else of the review's own. */
  shownTypeName: string | null
}

/** The review `referralId` started, with what its cards show, in one statement; null when none has started. */
export async function findReferralReview(db: Db, referralId: string): Promise<ReferralReview | null> {
  const [row] = await db.$queryRaw<ReferralReview[]>`
    select r."typeKey", r.status,
      (select count(*)::int from "Milestone" m
        where m."reviewId" = r.id and m.status = 'OPEN' and m.key like 'agency-information%') as "openAgencyInformation",
      coalesce((select json_agg(json_build_object('key', m.key, 'dueDate', to_char(m."dueDate", 'YYYY-MM-DD'),
                                                  'isDone', m.status <> 'OPEN'))
        from "Milestone" m where m."reviewId" = r.id and m.key in ('rapid-review-meeting', 'sent-to-panel')),
        '[]') as "clockMilestones",
      case when c."typeKey" is null then null
        else json_build_object('typeKey', c."typeKey", 'status', c.status) end as child,
      (select t.name from "ReviewType" t
        where t."partnershipId" = r."partnershipId" and t.key = coalesce(c."typeKey", r."typeKey")) as "shownTypeName"
    from "Review" r
    left join lateral (select c."typeKey", c.status from "Review" c
      where c."parentReviewId" = r.id order by c."startedAt" desc limit 1) c on true
    where r."referralId" = ${referralId}`
  return row ?? null
}

/** Just what a repeat submit of the same form needs to answer with the referral it already made. */
export const findReferralBySubmissionKey = (db: Db, submissionKey: string) =>
  db.referral.findUnique({ where: { submissionKey }, select: { id: true, reference: true, referrerId: true } })

/** Who may see a referral: its partnership and its referrer. */
export const findReferralAccess = (db: Db, id: string) =>
  db.referral.findUnique({ where: { id }, select: { partnershipId: true, referrerId: true } })

/** A referral's decision as it stands, with the decider's name (for "already decided by …"). */
export async function findReferralDecision(db: Db, id: string) {
  const r = await db.referral.findUniqueOrThrow({
    where: { id },
    select: { reference: true, status: true, decidedAt: true, decidedById: true },
  })
  const by = r.decidedById ? await db.person.findUnique({ where: { id: r.decidedById }, select: { name: true } }) : null
  return { ...r, decidedBy: by?.name ?? null }
}

export const listReferralsByReferrer = (db: Db, referrerId: string, take = 20) =>
  db.referral.findMany({ where: { referrerId }, orderBy: { submittedAt: 'desc' }, take })

export const listOpenReferrals = (db: Db, partnershipId: string, statuses: string[]) =>
  db.referral.findMany({ where: { partnershipId, status: { in: statuses } }, orderBy: { submittedAt: 'asc' } })

/** A question with the referral it is about. */
export const findQuestionById = (db: Db, id: string) =>
  db.referralQuestion.findUnique({ where: { id }, include: { referral: true } })

/** The partnership's agencies, by name. */
export const listAgencies = (db: Db, partnershipId: string) =>
  db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true }, orderBy: { name: 'asc' } })

export type SubmitContext = {
  timeZone: string
  referencePrefix: string
  settings: unknown
  agencyKeys: string[]
  /** The referral this form already made, if any (a repeat submit). */
  existing: { id: string; reference: string; referrerId: string } | null
  /** Who a serious incident notification's tasks go to: the notification lead, else the business manager. */
  notificationLead: { id: string } | null
}

/**
 * Everything a submit reads before it writes, in one statement (a submit is the busiest write there is):
 * the partnership's time zone, reference prefix and settings, its agency keys, the referral this form
 * already made, and the notification lead (notificationLeadSql).
 */
export async function findSubmitContext(db: Db, partnershipId: string, submissionKey: string): Promise<SubmitContext> {
  // On every submit's path: straight on the pool, skipping Prisma (lib/db.ts's plain).
  const [row] = await plain(db).$queryRaw<SubmitContext[]>`
    select p."timeZone", p."referencePrefix", p.settings,
      coalesce((select array_agg(a.key order by a.key) from "Agency" a where a."partnershipId" = p.id), '{}')
        as "agencyKeys",
      (select json_build_object('id', r.id, 'reference', r.reference, 'referrerId', r."referrerId")
         from "Referral" r where r."submissionKey" = ${submissionKey}) as existing,
      (select json_build_object('id', lead.id) from (${notificationLeadSql(Prisma.sql`p.id`)}) lead)
        as "notificationLead"
    from "Partnership" p where p.id = ${partnershipId}`
  if (!row) throw new Error('partnership not found')
  return row
}

/** A new referral's columns; dates as YYYY-MM-DD. */
export type NewReferral = {
  partnershipId: string
  reference: string
  submissionKey: string
  referrerId: string
  referrerAgencyId: string | null
  caseReference: string
  ageBand: string
  incidentDate: string
  awarenessDate: string
  criteria: string[]
  location: string
  normallyResident: boolean
  lookedAfter: boolean
  agencyKeys: string[]
  whatHappened: string
  whyReview: string
  sensitiveTextAcknowledged: boolean
  status: string
  submittedAt: Date
}

/**
 * Inserts a referral and returns its id. A plain statement: it is on every submit's path, where Prisma's create
 * cost about 1 ms of CPU.
 */
export async function insertReferral(tx: SqlTx, r: NewReferral): Promise<{ id: string }> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    insert into "Referral" (id, "partnershipId", reference, "submissionKey", "referrerId", "referrerAgencyId",
      "caseReference", "ageBand", "incidentDate", "awarenessDate", criteria, location, "normallyResident",
      "lookedAfter", "agencyKeys", "whatHappened", "whyReview", "sensitiveTextAcknowledged", status, "submittedAt")
    values (gen_random_uuid()::text, ${r.partnershipId}, ${r.reference}, ${r.submissionKey}, ${r.referrerId},
      ${r.referrerAgencyId}, ${r.caseReference}, ${r.ageBand}, ${r.incidentDate}::date, ${r.awarenessDate}::date,
      ${r.criteria}::text[], ${r.location}, ${r.normallyResident}, ${r.lookedAfter}, ${r.agencyKeys}::text[],
      ${r.whatHappened}, ${r.whyReview}, ${r.sensitiveTextAcknowledged}, ${r.status}, ${r.submittedAt})
    returning id`
  if (!row) throw new Error('referral was not inserted')
  return row
}

/**
 * Changes a referral only if nobody changed it since it was read (its version), and bumps the version.
 * Returns false when the row moved on: the caller refuses with ALREADY_DONE.
 */
export async function updateReferralIfUnchanged(
  tx: Prisma.TransactionClient,
  id: string,
  version: number,
  data: Prisma.ReferralUncheckedUpdateManyInput,
): Promise<boolean> {
  const updated = await tx.referral.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } })
  return updated.count === 1
}

export const insertQuestion = (tx: Prisma.TransactionClient, data: Prisma.ReferralQuestionUncheckedCreateInput) =>
  tx.referralQuestion.create({ data, select: { id: true } })

/** Records the answer unless the question already has one; false when someone answered it first. */
export async function answerQuestionOnce(
  tx: Prisma.TransactionClient,
  id: string,
  data: { answer: string; answeredAt: Date; answeredById: string },
): Promise<boolean> {
  const updated = await tx.referralQuestion.updateMany({ where: { id, answer: null }, data })
  return updated.count === 1
}

/**
 * The next number in a per-partnership, per-year sequence. The row lock taken by the upsert serialises
 * concurrent submitters; a rolled-back transaction leaves no gap, and a committed number is never reused.
 */
export async function nextReferenceNumber(
  tx: SqlTx,
  partnershipId: string,
  kind: string,
  year: number,
): Promise<number> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    insert into "ReferenceCounter" ("partnershipId", kind, year, last) values (${partnershipId}, ${kind}, ${year}, 1)
    on conflict ("partnershipId", kind, year) do update set last = "ReferenceCounter".last + 1
    returning last`
  return rows[0]!.last
}
