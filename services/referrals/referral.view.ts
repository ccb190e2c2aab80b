/** What cards show about a referral. Free text sits in `details`, shown only to deciders and the referrer. */
import type { Db } from '../../lib/db.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { listChairs } from '../people/people.repo.js'
import { AGE_BANDS, CRITERIA, REFERRAL_STATUSES, type ReferralStatus } from './referral.schema.js'
import { computeClocks, isSeriousIncident, type ReferralClocks } from './referral.rules.js'
import { UNDECIDED } from './referral.transitions.js'
import { findReferralById, type ReferralRow } from './referral.repo.js'

export type Decider = { personId: string; name: string; teamsAadObjectId: string | null; teamsUserId: string | null; slackUserId: string | null }

export type ReferralView = {
  id: string
  reference: string
  status: ReferralStatus
  statusLabel: string
  isOpen: boolean
  ageBand: string
  criteria: string[]
  isSeriousIncident: boolean
  referrerAgency: string
  agencies: string[]
  incidentDate: string
  awarenessDate: string
  submittedAt: string
  clocks: ReferralClocks
  decision: { by: string; at: string; rationale: string | null } | null
  questions: { id: string; question: string; askedBy: string; askedAt: string; answer: string | null; answeredAt: string | null }[]
  details: { caseReference: string; whatHappened: string; whyReview: string; referrerName: string }
  deciders: Decider[]
}

const day = (d: Date) => d.toISOString().slice(0, 10)

export function toReferralView(
  r: ReferralRow,
  extra: { settings: unknown; agencyNames: Map<string, string>; personNames: Map<string, string>; deciders: Decider[] },
): ReferralView {
  const status = r.status as ReferralStatus
  const settings = ZPartnershipSettings.parse(extra.settings ?? {})
  return {
    id: r.id,
    reference: r.reference,
    status,
    statusLabel: REFERRAL_STATUSES[status],
    isOpen: UNDECIDED.includes(status),
    ageBand: AGE_BANDS[r.ageBand as keyof typeof AGE_BANDS] ?? r.ageBand,
    criteria: r.criteria.map((c) => CRITERIA[c as keyof typeof CRITERIA] ?? c),
    isSeriousIncident: isSeriousIncident(r.criteria),
    referrerAgency: r.referrerAgencyId ? extra.agencyNames.get(r.referrerAgencyId) ?? 'Unknown agency' : 'No agency',
    agencies: r.agencyKeys.map((k) => extra.agencyNames.get(k) ?? k),
    incidentDate: day(r.incidentDate),
    awarenessDate: day(r.awarenessDate),
    submittedAt: r.submittedAt.toISOString(),
    clocks: computeClocks(day(r.awarenessDate), r.criteria, settings),
    decision: r.decidedAt
      ? { by: extra.personNames.get(r.decidedById ?? '') ?? 'Unknown', at: r.decidedAt.toISOString(), rationale: r.decisionRationale }
      : null,
    questions: r.questions.map((q) => ({
      id: q.id,
      question: q.question,
      askedBy: extra.personNames.get(q.askedById) ?? 'Unknown',
      askedAt: q.askedAt.toISOString(),
      answer: q.answer,
      answeredAt: q.answeredAt?.toISOString() ?? null,
    })),
    details: {
      caseReference: r.caseReference,
      whatHappened: r.whatHappened,
      whyReview: r.whyReview,
      referrerName: extra.personNames.get(r.referrerId) ?? 'Unknown',
    },
    deciders: extra.deciders,
  }
}

/** Loads a referral with everything its cards need. */
export async function loadReferralView(db: Db, referralId: string): Promise<ReferralView | null> {
  const r = await findReferralById(db, referralId)
  if (!r) return null
  const [partnership, agencies, chairs] = await Promise.all([
    db.partnership.findUniqueOrThrow({ where: { id: r.partnershipId }, select: { settings: true } }),
    db.agency.findMany({ where: { partnershipId: r.partnershipId }, select: { id: true, key: true, name: true } }),
    listChairs(db, r.partnershipId, 'case-review'),
  ])
  const personIds = [r.referrerId, r.decidedById, ...r.questions.flatMap((q) => [q.askedById, q.answeredById])].filter(
    (x): x is string => Boolean(x),
  )
  const people = await db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })
  const agencyNames = new Map<string, string>()
  for (const a of agencies) {
    agencyNames.set(a.id, a.name)
    agencyNames.set(a.key, a.name)
  }
  return toReferralView(r, {
    settings: partnership.settings,
    agencyNames,
    personNames: new Map(people.map((p) => [p.id, p.name])),
    deciders: chairs.map((c) => ({
      personId: c.id, name: c.name, teamsAadObjectId: c.teamsAadObjectId, teamsUserId: c.teamsUserId, slackUserId: c.slackUserId,
    })),
  })
}
