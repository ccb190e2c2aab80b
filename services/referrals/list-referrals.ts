/** Read side: a person's own referrals, one referral for someone allowed to see it, and what awaits a chair. */
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import { listOpenReferrals, listReferralsByReferrer } from './referral.repo.js'
import { REFERRAL_STATUSES, type ReferralStatus } from './referral.schema.js'
import { UNDECIDED } from './referral.transitions.js'
import { loadReferralView, type ReferralView } from './referral.view.js'

export type ReferralSummary = { id: string; reference: string; status: ReferralStatus; statusLabel: string; submittedAt: string }

const summary = (r: { id: string; reference: string; status: string; submittedAt: Date }): ReferralSummary => ({
  id: r.id,
  reference: r.reference,
  status: r.status as ReferralStatus,
  statusLabel: REFERRAL_STATUSES[r.status as ReferralStatus],
  submittedAt: r.submittedAt.toISOString(),
})

/** The referrals this person raised, newest first; never anyone else's. */
export async function listMyReferrals(db: Db, actor: Actor): Promise<ReferralSummary[]> {
  return (await listReferralsByReferrer(db, actor.personId)).map(summary)
}

/** Referrals waiting for this person's decision (empty unless they chair the Case Review Group). */
export async function listAwaitingMyDecision(db: Db, actor: Actor): Promise<ReferralSummary[]> {
  if (!can(actor, 'referral.decide')) return []
  return (await listOpenReferrals(db, actor.partnershipId, UNDECIDED)).map(summary)
}

export async function getReferralFor(db: Db, actor: Actor, referralId: string): Promise<ReferralView> {
  const view = await loadReferralView(db, referralId)
  const row = view && (await db.referral.findUnique({ where: { id: referralId }, select: { partnershipId: true, referrerId: true } }))
  if (!view || !row || row.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That referral could not be found.')
  assertCan(actor, 'referral.view', { referrerId: row.referrerId })
  return view
}

/** The agencies a referrer can choose from. */
export async function listAgencyOptions(db: Db, partnershipId: string) {
  return db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true }, orderBy: { name: 'asc' } })
}
