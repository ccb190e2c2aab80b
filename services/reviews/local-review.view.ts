/**
 * The chair's review card for a local review (any review but a rapid review): its state, milestones,
 * findings and recommendations, with the choices its forms offer. Only people who may see review status
 * (chairs, safeguarding leads, the business manager) may open it.
 */
import type { ServiceContext } from '../../lib/context.js'
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import {
  FAMILY_INVOLVEMENT,
  LEARNING_KINDS,
  type LocalReviewView,
  type PublicationForm,
} from './local-review.schema.js'
import { nationalReviewOf } from './national-review.js'
import { findLocalReviewByReference as findByReference, findPartnership, listAgencies } from './review.repo.js'
import { earliestPublication, periodWords } from './review.rules.js'
import { ZMilestoneTemplate } from './review.schema.js'

export type { LocalReviewView } from './local-review.schema.js'

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

/** The local review's card data; NOT_FOUND for a rapid review or a review of another partnership. */
export async function getLocalReviewView(
  ctx: ServiceContext,
  actor: Actor,
  reviewId: string,
): Promise<LocalReviewView> {
  assertCan(actor, 'review.view-status')
  const view = await loadView(ctx.db, actor.partnershipId, String(reviewId ?? ''), ctx.clock.now())
  if (!view) throw new AppError('NOT_FOUND', 'That review could not be found.')
  return view
}

/** The latest local review about a case reference (`review NSCP-2026-0001`), or NOT_FOUND saying there is none yet. */
export async function findLocalReviewByReference(
  ctx: ServiceContext,
  actor: Actor,
  reference: string,
): Promise<LocalReviewView> {
  assertCan(actor, 'review.view-status')
  const wanted = String(reference ?? '')
    .trim()
    .toUpperCase()
  const review = wanted ? await findByReference(ctx.db, actor.partnershipId, wanted) : null
  const view = review && (await loadView(ctx.db, actor.partnershipId, review.id, ctx.clock.now()))
  if (!view) throw new AppError('NOT_FOUND', `There is no local review for ${wanted} yet.`)
  return view
}

async function loadView(db: Db, partnershipId: string, reviewId: string, now: Date): Promise<LocalReviewView | null> {
  const r = await db.review.findUnique({
    where: { id: reviewId },
    include: {
      milestones: { orderBy: [{ dueDate: 'asc' }, { key: 'asc' }] },
      learningPoints: { orderBy: { createdAt: 'asc' } },
      recommendations: { orderBy: { createdAt: 'asc' } },
      contributions: { select: { submittedAt: true } },
    },
  })
  if (!r || r.partnershipId !== partnershipId || r.typeKey === 'rapid-review') return null
  const [partnership, type, agencies, people, nationalReview] = await Promise.all([
    findPartnership(db, partnershipId),
    db.reviewType.findUnique({ where: { partnershipId_key: { partnershipId, key: r.typeKey } } }),
    listAgencies(db, partnershipId),
    db.person.findMany({ where: { partnershipId, active: true }, include: { agency: true }, orderBy: { name: 'asc' } }),
    nationalReviewOf(db, partnershipId, r.reference),
  ])
  const today = todayIn(partnership.timeZone, now)
  const templates = type ? ZMilestoneTemplate.array().parse(type.milestones) : []
  const advance = templates.find((t) => t.key === 'sent-before-publication')
  const sent = r.milestones.find((m) => m.key === 'sent-before-publication')
  const sentOn = sent?.status === 'DONE' && sent.completedAt ? todayIn(partnership.timeZone, sent.completedAt) : null
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
    nationalReview,
    partnershipResponse: r.partnershipResponse,
    publication: {
      form: (r.publicationForm as PublicationForm | null) ?? (r.status === 'PUBLISHED' ? 'full' : null),
      publishedOn: day(r.publishedOn) ?? (r.publishedAt ? todayIn(partnership.timeZone, r.publishedAt) : null),
      reasons: r.publicationReasons,
      panelToldOn: day(r.panelToldNotPublishedOn),
      advanceCopy: advance
        ? { period: periodWords(advance.due), toBeConfirmedAgainst: advance.toBeConfirmedAgainst ?? null, sentOn }
        : null,
      earliestPublication: sentOn && advance ? earliestPublication(advance, sentOn) : null,
    },
    milestones: r.milestones.map((m) => ({
      id: m.id,
      key: m.key,
      label: m.label,
      dueDate: day(m.dueDate)!,
      isDone: m.status === 'DONE',
      isNotNeeded: m.status === 'NOT_NEEDED',
      workingDaysLate: m.status === 'OPEN' ? Math.max(0, workingDaysBetween(day(m.dueDate)!, today)) : 0,
    })),
    learningPoints: r.learningPoints.map((p) => ({
      id: p.id,
      kind: LEARNING_KINDS[p.kind as keyof typeof LEARNING_KINDS] ?? p.kind,
      text: p.text,
      themes: p.themes,
    })),
    recommendations: r.recommendations.map((x) => ({ id: x.id, text: x.text, findings: x.learningPointIds.length })),
    choices: {
      agencies: agencies.map((a) => ({ value: a.key, label: a.name })),
      people: people.map((p) => ({
        value: p.id,
        label: `${p.name} (${p.jobTitle}${p.agency ? `, ${p.agency.name}` : ''})`,
      })),
      themes: partnership.settings.themes,
      learningPoints: r.learningPoints.map((p, i) => ({ value: p.id, label: `${i + 1}. ${p.text.slice(0, 60)}` })),
    },
  }
}
