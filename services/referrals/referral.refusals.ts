/**
 * The refusals a chair's action gets when the referral moved on under it: already decided (by whom, and
 * how), or changed by someone else since the card was drawn. Both are ALREADY_DONE, so the bot shows the
 * chair the card as it is now with the message on top.
 */
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { findReferralDecision } from './referral.repo.js'
import { REFERRAL_STATUSES, type ReferralStatus } from './referral.schema.js'
import { UNDECIDED } from './referral.transitions.js'

/** ALREADY_DONE for a referral that was decided (or changed) since the person read it. */
export async function referralMovedOn(db: Db, referralId: string): Promise<AppError> {
  const r = await findReferralDecision(db, referralId)
  const status = r.status as ReferralStatus
  if (UNDECIDED.includes(status)) {
    return new AppError(
      'ALREADY_DONE',
      `Someone else changed ${r.reference} at the same time. Please look at it again and retry.`,
      {
        detail: { by: null, at: null, status },
      },
    )
  }
  const by = r.decidedBy ?? 'someone else'
  return new AppError('ALREADY_DONE', `${r.reference} was already decided by ${by}: ${REFERRAL_STATUSES[status]}.`, {
    detail: { by: r.decidedBy, at: r.decidedAt?.toISOString() ?? null, status },
  })
}
