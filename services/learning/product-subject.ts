/**
 * How the broadcast engine sends a learning product: the card's data per recipient (managers get "I briefed
 * my team" on a 7-minute briefing), and, when the send is over, the product marked sent and each agency's
 * safeguarding lead given the list of their staff Learning Loop could not reach (the business manager gets
 * those with no agency, or whose agency has no safeguarding lead).
 */
import type { Prisma } from '@prisma/client'
import { NOT_REACHABLE_REASONS, type NotReachableReason, type SubjectHandler } from '../broadcast/index.js'
import type { OutboxPayload } from '../notifications/notification.schema.js'
import { enqueue } from '../notifications/outbox.js'
import { PRODUCT_KINDS, type ProductKind } from './learning.schema.js'

const MANAGER_ROLES = ['safeguarding-lead', 'headteacher', 'designated-safeguarding-lead']

export const learningProductSubject: SubjectHandler = {
  async label(db, productId) {
    const p = await db.learningProduct.findUnique({
      where: { id: productId },
      select: { reference: true, title: true },
    })
    if (!p) return null
    const [read, teamsBriefed] = await Promise.all([
      db.productRead.count({ where: { productId } }),
      db.productBriefing.count({ where: { productId } }),
    ])
    return { ...p, read, teamsBriefed }
  },

  async message(db, productId) {
    const p = await db.learningProduct.findUniqueOrThrow({ where: { id: productId } })
    let source = 'an audit'
    if (p.sourceType === 'review' && p.sourceId) {
      const r = await db.review.findUnique({ where: { id: p.sourceId }, select: { reference: true } })
      source = `the findings of ${r?.reference ?? 'a review'}`
    } else if (p.sourceType === 'national' && p.sourceId) {
      const n = await db.nationalLearning.findUnique({ where: { id: p.sourceId }, select: { title: true } })
      source = `national learning: ${n?.title ?? ''}`
    } else if (p.sourceNote) source = `the audit "${p.sourceNote}"`
    const base = {
      template: 'learning.product' as const,
      productId: p.id,
      reference: p.reference,
      kindLabel: PRODUCT_KINDS[p.kind as ProductKind] ?? p.kind,
      title: p.title,
      sections: p.sections as Record<string, string>,
      themes: p.themes,
      source,
      inChannel: false,
    }
    // Two variants, built once: the platform ports render each once however many people get it.
    const forManagers = { ...base, offerBriefing: p.kind === 'seven-minute-briefing' }
    const forOthers = { ...base, offerBriefing: false }
    return (recipient) =>
      recipient.hasReports || recipient.roles.some((r) => MANAGER_ROLES.includes(r)) ? forManagers : forOthers
  },

  async onFinished(tx: Prisma.TransactionClient, broadcast) {
    const product = await tx.learningProduct.findUniqueOrThrow({ where: { id: broadcast.subjectId } })
    if (product.status === 'SENDING' || product.status === 'SCHEDULED')
      await tx.learningProduct.update({
        where: { id: product.id },
        data: { status: 'SENT', version: { increment: 1 } },
      })
    const missing = await tx.broadcastDelivery.findMany({
      where: { broadcastId: broadcast.id, status: { in: ['NOT_REACHABLE', 'FAILED'] }, personId: { not: null } },
      select: { personId: true, agencyKey: true, reason: true },
    })
    if (!missing.length) return
    const people = await tx.person.findMany({
      where: { id: { in: missing.map((m) => m.personId!) } },
      select: { id: true, name: true },
    })
    const nameOf = new Map(people.map((p) => [p.id, p.name]))
    const byAgency = new Map<string | null, typeof missing>()
    for (const m of missing) byAgency.set(m.agencyKey, [...(byAgency.get(m.agencyKey) ?? []), m])
    const payloads: OutboxPayload[] = []
    for (const [agencyKey, list] of byAgency) {
      const agency = agencyKey
        ? await tx.agency.findFirst({ where: { partnershipId: product.partnershipId, key: agencyKey } })
        : null
      const leadsOf = (where: Prisma.PersonWhereInput) =>
        tx.person.findMany({
          where: { partnershipId: product.partnershipId, active: true, ...where },
          select: { id: true },
        })
      // The agency's safeguarding lead; the business manager when it has none (or for people of no agency).
      let leads = agency ? await leadsOf({ agencyId: agency.id, roles: { has: 'safeguarding-lead' } }) : []
      if (!leads.length) leads = await leadsOf({ roles: { has: 'business-manager' } })
      for (const lead of leads)
        payloads.push({
          kind: 'person.notice',
          personId: lead.id,
          notice: {
            template: 'learning.not-reachable',
            productId: product.id,
            reference: product.reference,
            title: product.title,
            agency: agency?.name ?? 'the partnership',
            people: list.slice(0, 100).map((m) => ({
              name: nameOf.get(m.personId!) ?? 'someone who has left',
              reason:
                NOT_REACHABLE_REASONS[(m.reason ?? 'refused') as NotReachableReason] ?? NOT_REACHABLE_REASONS.refused,
            })),
            more: Math.max(0, list.length - 100),
          },
        })
    }
    await enqueue(tx, payloads)
  },
}
