/** What the chair's review card shows about a local review, with the choices its forms offer. */
import type { Db } from '../../lib/db.js'
import { todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { FAMILY_INVOLVEMENT, LEARNING_KINDS } from './local-review.schema.js'

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

export type LocalReviewView = NonNullable<Awaited<ReturnType<typeof loadLocalReviewView>>>

export async function loadLocalReviewView(db: Db, reviewId: string, now: Date) {
  const r = await db.review.findUnique({
    where: { id: reviewId },
    include: {
      milestones: { orderBy: [{ dueDate: 'asc' }, { key: 'asc' }] },
      learningPoints: { orderBy: { createdAt: 'asc' } },
      recommendations: { orderBy: { createdAt: 'asc' } },
      contributions: true,
    },
  })
  if (!r) return null
  const partnership = await db.partnership.findUniqueOrThrow({ where: { id: r.partnershipId } })
  const [type, agencies, people] = await Promise.all([
    db.reviewType.findUnique({ where: { partnershipId_key: { partnershipId: r.partnershipId, key: r.typeKey } } }),
    db.agency.findMany({ where: { partnershipId: r.partnershipId }, orderBy: { name: 'asc' } }),
    db.person.findMany({ where: { partnershipId: r.partnershipId, active: true }, include: { agency: true }, orderBy: { name: 'asc' } }),
  ])
  const today = todayIn(partnership.timeZone, now)
  return {
    id: r.id,
    reference: r.reference,
    typeName: type ? `${type.name}${type.legacyName ? ` (formerly ${type.legacyName.toLowerCase()})` : ''}` : r.typeKey,
    status: r.status,
    dueBy: day(r.dueBy),
    leadReviewer: r.leadReviewerName ? `${r.leadReviewerName}, ${r.leadReviewerOrganisation}` : null,
    hasTerms: Boolean(r.termsOfReference),
    family: r.familyInvolvement ? FAMILY_INVOLVEMENT[r.familyInvolvement as keyof typeof FAMILY_INVOLVEMENT] : null,
    hasVoiceOfChild: Boolean(r.voiceOfChild),
    publicationUrl: r.publicationUrl,
    invited: r.contributions.length,
    perspectives: r.contributions.filter((c) => c.submittedAt).length,
    milestones: r.milestones.map((m) => ({
      id: m.id, key: m.key, label: m.label, dueDate: day(m.dueDate)!, isDone: m.status === 'DONE',
      workingDaysLate: m.status === 'OPEN' ? Math.max(0, workingDaysBetween(day(m.dueDate)!, today)) : 0,
    })),
    learningPoints: r.learningPoints.map((p) => ({ id: p.id, kind: LEARNING_KINDS[p.kind as keyof typeof LEARNING_KINDS] ?? p.kind, text: p.text, themes: p.themes })),
    recommendations: r.recommendations.map((x) => ({ id: x.id, text: x.text, findings: x.learningPointIds.length })),
    choices: {
      agencies: agencies.map((a) => ({ value: a.key, label: a.name })),
      people: people.map((p) => ({ value: p.id, label: `${p.name} (${p.jobTitle}${p.agency ? `, ${p.agency.name}` : ''})` })),
      themes: ZPartnershipSettings.parse(partnership.settings ?? {}).themes,
      learningPoints: r.learningPoints.map((p, i) => ({ value: p.id, label: `${i + 1}. ${p.text.slice(0, 60)}` })),
    },
  }
}

/** The latest local review (not the rapid review) about a case reference, if any. */
export async function findLocalReviewByReference(db: Db, partnershipId: string, reference: string) {
  return db.review.findFirst({ where: { partnershipId, reference, typeKey: { not: 'rapid-review' } }, orderBy: { startedAt: 'desc' } })
}
