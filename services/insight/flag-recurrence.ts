/**
 * The recurrence detector (issue 15): when a new area-for-improvement finding (of a review, or of an audit) is
 * tagged with a theme, look for
 * earlier findings on that theme whose actions were all verified complete. If there are any, the learning did
 * not transfer: the finding is flagged once per theme, the chair of the sub-group that owns the review is
 * told, and the flag waits for the chair's response. Runs inside the transaction that records the finding.
 */
import type { Writer } from '../use-case.js'
import { findResponsible } from '../reviews/review.repo.js'
import { findVerifiedFindings } from './recurrence.repo.js'

/** The finding just recorded: a review's or an audit's, its reference, and the sub-group that owns it. */
export type NewFinding = {
  kind: 'learning-point' | 'audit-finding'
  findingId: string
  /** The review or audit it belongs to: its own earlier findings do not count. */
  sourceId: string
  reference: string
  themes: string[]
  owningSubGroupKey: string
}

/** A raised flag: the theme and the verified actions whose learning did not transfer. */
export type RaisedFlag = { flagId: string; theme: string; earlier: { reference: string; verifiedOn: string }[] }

/** Flags each theme of the finding that came back; returns the flags raised (none when nothing recurred). */
export async function flagRecurrences(w: Writer, finding: NewFinding): Promise<RaisedFlag[]> {
  const raised: RaisedFlag[] = []
  const partnershipId = w.actor.partnershipId
  for (const theme of finding.themes) {
    const exclude = finding.kind === 'learning-point' ? { reviewId: finding.sourceId } : { auditId: finding.sourceId }
    const earlier = await findVerifiedFindings(w.tx, partnershipId, theme, exclude, w.now)
    if (earlier.length === 0) continue
    const actions = earlier.flatMap((f) => f.actions).sort((a, b) => a.verifiedOn.localeCompare(b.verifiedOn))
    const created = await w.tx.recurrenceFlag.createManyAndReturn({
      data: [
        {
          partnershipId,
          theme,
          findingKind: finding.kind,
          findingId: finding.findingId,
          findingReference: finding.reference,
          earlierActionIds: actions.map((a) => a.id),
          raisedAt: w.now,
        },
      ],
      skipDuplicates: true,
    })
    const flag = created[0]
    if (!flag) continue
    await w.audit({
      action: 'RECURRENCE_FLAGGED',
      subjectType: 'recurrence-flag',
      subjectId: flag.id,
      after: {
        findingKind: finding.kind,
        findingId: finding.findingId,
        earlierActions: flag.earlierActionIds,
      },
      fields: ['theme'],
    })
    const shown = actions.slice(-20).map((a) => ({ reference: a.reference, verifiedOn: a.verifiedOn }))
    raised.push({ flagId: flag.id, theme, earlier: shown })
  }
  if (raised.length === 0) return raised
  const who = await findResponsible(w.tx, partnershipId)
  const chair = who.chairOf(finding.owningSubGroupKey) ?? who.chairOf('executive')
  if (chair)
    await w.notify(
      raised.map((r) => ({
        kind: 'person.notice' as const,
        personId: chair.id,
        notice: {
          template: 'recurrence.flagged' as const,
          flagId: r.flagId,
          theme: r.theme,
          findingReference: finding.reference,
          earlier: r.earlier,
        },
      })),
    )
  return raised
}
