/**
 * Retention rules, pure: the setting, what a redacted text reads, when a case closed and whether it is due.
 *
 * A case is a referral and the reviews that came from it (its rapid review or other review, and the local
 * reviews commissioned from that), or a review started without a referral and the reviews commissioned from
 * it. It closes when its last review closes; it is never due while one of them is still open.
 * - A local review closes when it is published (the publication date) or completed without publication (the
 *   date the Panel was told).
 * - A rapid review closes when the safeguarding partners agree its recommendation (approvedAt); if they
 *   commissioned a local review, the case stays open until that one closes.
 * - A referral that never became a review closes at its screening decision ("No review": decidedAt). One not
 *   yet decided never closes.
 */
import { z } from 'zod'

/** What every redacted text reads, on cards and in exports. */
export const REDACTED = '[removed after the retention period]'

/**
 * The partnership's retention setting (`settings.retention`). 6 years after the case closes is a default, to be
 * confirmed by the partnership. Findings and recommendations are the learning the partnership publishes and
 * its actions refer to: they are kept unless the partnership decides otherwise (`redactFindings`).
 */
const ZRetentionSettings = z
  .object({
    yearsAfterClose: z.number().int().min(1).max(100).default(6),
    redactFindings: z.boolean().default(false),
  })
  .default({})
export type RetentionSettings = z.infer<typeof ZRetentionSettings>

/** Reads `settings.retention` from a partnership's stored settings; a bad value falls back to the defaults. */
export function retentionSettingsOf(settings: unknown): RetentionSettings {
  const raw = (settings as { retention?: unknown } | null)?.retention
  const parsed = ZRetentionSettings.safeParse(raw)
  return parsed.success ? parsed.data : ZRetentionSettings.parse(undefined)
}

export type ReviewClosing = {
  id: string
  typeKey: string
  status: string
  parentReviewId: string | null
  approvedAt: Date | null
  publishedOn: Date | null
  publishedAt: Date | null
  panelToldNotPublishedOn: Date | null
}

/** When this one review closed, or null while it is open. */
function reviewClosedOn(r: ReviewClosing): Date | null {
  if (r.status === 'PUBLISHED') return r.publishedOn ?? r.publishedAt
  if (r.status === 'NOT_PUBLISHED') return r.panelToldNotPublishedOn
  if (r.status === 'APPROVED') return r.approvedAt
  return null
}

/**
 * When a case closed, or null while any part is open: the referral's screening decision when no review came of
 * it, otherwise the latest closing of its reviews.
 */
export function caseClosedOn(
  referral: { status: string; decidedAt: Date | null } | null,
  reviews: readonly ReviewClosing[],
): Date | null {
  if (reviews.length === 0) return referral?.status === 'NO_REVIEW' ? referral.decidedAt : null
  let latest: Date | null = null
  for (const r of reviews) {
    const closed = reviewClosedOn(r)
    if (!closed) return null
    if (!latest || closed > latest) latest = closed
  }
  return latest
}

/** Cases closed before this moment are due: `years` calendar years before now. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years)
  return cutoff
}

/** Replaces the named string values of a stored JSON object, keeping its shape (so its readers still parse it). */
export function redactJson(value: unknown, keys: readonly string[]): { value: unknown; replaced: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { value, replaced: 0 }
  let replaced = 0
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const key of keys) {
    if (typeof out[key] === 'string' && out[key] !== REDACTED) {
      out[key] = REDACTED
      replaced++
    }
  }
  return { value: out, replaced }
}
