/**
 * What the learning cards and pages read: one product as a person may see it, the lists, the forms' choices,
 * and the reach figures. Each takes the actor: nothing outside their partnership is found, and each form or
 * figure only its users may see is refused before anything is read.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { audienceChoices } from '../audiences/index.js'
import { auditSignature, sameHash } from '../audit-log/audit-hash.js'
import { CHANNEL_PURPOSES, type ChannelPurpose } from '../people/channel.schema.js'
import type { Actor } from '../people/people.schema.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import { findBroadcastOf, findProduct, isManager, type ProductRow } from './learning.repo.js'
import {
  NATIONAL_LEARNING_KINDS,
  PRODUCT_KINDS,
  PRODUCT_SOURCES,
  PRODUCT_STATUSES,
  type ProductKind,
  type ProductSections,
  type ProductStatus,
  type ProductView,
  type ReachView,
} from './learning.schema.js'
import { computeReach } from './reach.js'

const PLATFORM_NAMES = { teams: 'Teams', slack: 'Slack' } as Record<string, string>

async function sourceOf(ctx: ServiceContext, p: ProductRow): Promise<string> {
  if (p.sourceType === 'review' && p.sourceId) {
    const r = await ctx.db.review.findUnique({ where: { id: p.sourceId }, select: { reference: true } })
    return `the findings of ${r?.reference ?? 'a review'}`
  }
  if (p.sourceType === 'national' && p.sourceId) {
    const n = await ctx.db.nationalLearning.findUnique({
      where: { id: p.sourceId },
      select: { title: true, reference: true },
    })
    return n ? `national learning: ${n.title} (${n.reference})` : 'national learning'
  }
  return p.sourceNote ? `the audit "${p.sourceNote}"` : PRODUCT_SOURCES.audit
}

/** A product as `actor` sees it, with what they may do with it. */
export async function getProductView(ctx: ServiceContext, actor: Actor, productId: string): Promise<ProductView> {
  const p = await findProduct(ctx.db, actor.partnershipId, productId)
  const [author, approver, broadcast, read, briefing, manager] = await Promise.all([
    ctx.db.person.findUnique({ where: { id: p.createdById }, select: { name: true } }),
    p.approvedById ? ctx.db.person.findUnique({ where: { id: p.approvedById }, select: { name: true } }) : null,
    findBroadcastOf(ctx.db, p.id),
    ctx.db.productRead.findUnique({ where: { productId_personId: { productId: p.id, personId: actor.personId } } }),
    ctx.db.productBriefing.findFirst({ where: { productId: p.id, personId: actor.personId }, orderBy: { at: 'desc' } }),
    isManager(ctx.db, actor.personId, actor.roles),
  ])
  const isRecipient = broadcast
    ? (await ctx.db.broadcastDelivery.count({ where: { broadcastId: broadcast.id, personId: actor.personId } })) > 0
    : false
  const sent = ['SENDING', 'SENT', 'CANCELLED'].includes(p.status)
  const mayAuthor = can(actor, 'learning.send', { responsiblePersonId: p.createdById })
  return {
    id: p.id,
    reference: p.reference,
    kind: p.kind as ProductKind,
    kindLabel: PRODUCT_KINDS[p.kind as ProductKind] ?? p.kind,
    title: p.title,
    sections: p.sections as ProductSections,
    themes: p.themes,
    source: await sourceOf(ctx, p),
    status: p.status as ProductStatus,
    statusLabel: PRODUCT_STATUSES[p.status as ProductStatus] ?? p.status,
    authorName: author?.name ?? 'someone who has left',
    approvedBy: approver?.name ?? null,
    canApprove: p.status === 'AWAITING_APPROVAL' && can(actor, 'learning.approve'),
    canSend: p.status === 'APPROVED' && mayAuthor,
    canCancel: ['SCHEDULED', 'SENDING'].includes(p.status) && mayAuthor,
    canSeeReach: can(actor, 'learning.view-reach', { responsiblePersonId: p.createdById }),
    isRecipient,
    hasRead: read !== null,
    canBrief: sent && p.kind === 'seven-minute-briefing' && can(actor, 'learning.brief-team', { isManager: manager }),
    briefedOn: briefing ? briefing.briefedOn.toISOString().slice(0, 10) : null,
  }
}

export type ProductLine = {
  id: string
  reference: string
  title: string
  kindLabel: string
  statusLabel: string
  hasRead: boolean
}

/**
 * `briefings`: for the people who write, approve or send them, every product (newest first); for everyone
 * else, the ones they were sent.
 */
export async function listProducts(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ lines: ProductLine[]; canCreate: boolean }> {
  const canCreate = can(actor, 'learning.create')
  const sees = canCreate || can(actor, 'learning.approve')
  const received = sees
    ? null
    : await ctx.db.broadcastDelivery.findMany({
        where: {
          personId: actor.personId,
          broadcast: { subjectType: 'learning-product', partnershipId: actor.partnershipId },
        },
        select: { broadcast: { select: { subjectId: true } } },
      })
  const products = await ctx.db.learningProduct.findMany({
    where: {
      partnershipId: actor.partnershipId,
      ...(received ? { id: { in: received.map((r) => r.broadcast.subjectId) } } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: 20,
  })
  const reads = await ctx.db.productRead.findMany({
    where: { personId: actor.personId, productId: { in: products.map((p) => p.id) } },
    select: { productId: true },
  })
  const read = new Set(reads.map((r) => r.productId))
  return {
    canCreate,
    lines: products.map((p) => ({
      id: p.id,
      reference: p.reference,
      title: p.title,
      kindLabel: PRODUCT_KINDS[p.kind as ProductKind] ?? p.kind,
      statusLabel: PRODUCT_STATUSES[p.status as ProductStatus] ?? p.status,
      hasRead: read.has(p.id),
    })),
  }
}

type Choice = { value: string; label: string }

/** The new-product form's choices: reviews with findings, national learning, and the partnership's themes. */
export async function getCreateProductChoices(ctx: ServiceContext, actor: Actor) {
  assertCan(actor, 'learning.create')
  const [reviews, national, partnership] = await Promise.all([
    ctx.db.review.findMany({
      where: { partnershipId: actor.partnershipId, learningPoints: { some: {} } },
      select: { id: true, reference: true, typeKey: true, status: true },
      orderBy: { startedAt: 'desc' },
      take: 50,
    }),
    ctx.db.nationalLearning.findMany({ where: { partnershipId: actor.partnershipId }, orderBy: { createdAt: 'desc' } }),
    ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } }),
  ])
  return {
    reviews: reviews.map((r): Choice => ({ value: r.id, label: r.reference })),
    national: national.map((n): Choice => ({ value: n.id, label: `${n.title} (${n.reference})` })),
    themes: ZPartnershipSettings.parse(partnership.settings).themes.map((t): Choice => ({ value: t, label: t })),
  }
}

/** The send form: the product, who it can go to, and the partnership's channels. */
export async function getSendChoices(ctx: ServiceContext, actor: Actor, productId: string) {
  const product = await getProductView(ctx, actor, productId)
  const p = await findProduct(ctx.db, actor.partnershipId, productId)
  assertCan(actor, 'learning.send', { responsiblePersonId: p.createdById })
  const channels = await ctx.db.partnershipChannel.findMany({
    where: { partnershipId: actor.partnershipId },
    orderBy: [{ purpose: 'asc' }, { platform: 'asc' }],
  })
  return {
    product,
    audience: await audienceChoices(ctx.db, actor.partnershipId),
    channels: channels.map(
      (c): Choice => ({
        value: `${c.purpose}:${c.platform}`,
        label: `The ${CHANNEL_PURPOSES[c.purpose as ChannelPurpose] ?? c.purpose} channel in ${PLATFORM_NAMES[c.platform] ?? c.platform}`,
      }),
    ),
  }
}

/** The "I briefed my team" form: only for managers. */
export async function getBriefingForm(ctx: ServiceContext, actor: Actor, productId: string): Promise<ProductView> {
  const view = await getProductView(ctx, actor, productId)
  assertCan(actor, 'learning.brief-team', { isManager: await isManager(ctx.db, actor.personId, actor.roles) })
  return view
}

/** A product's reach, for its author, the learning chair, the business manager and the safeguarding partners. */
export async function getReach(ctx: ServiceContext, actor: Actor, productId: string): Promise<ReachView> {
  const p = await findProduct(ctx.db, actor.partnershipId, productId)
  assertCan(actor, 'learning.view-reach', { responsiblePersonId: p.createdById })
  return computeReach(ctx.db, p)
}

/** Links to the reach page last this long. */
const LINK_DAYS = 30

/** A signed address of the product's reach page (and its spreadsheet), for those who may see its reach. */
export async function reachLink(ctx: ServiceContext, actor: Actor, productId: string): Promise<string> {
  const p = await findProduct(ctx.db, actor.partnershipId, productId)
  assertCan(actor, 'learning.view-reach', { responsiblePersonId: p.createdById })
  const expires = Math.floor(ctx.clock.now().getTime() / 1000) + LINK_DAYS * 86_400
  return `${ctx.publicUrl?.() ?? ''}/reach/${p.id}?expires=${expires}&sig=${auditSignature('reach-link', { productId: p.id, expires })}`
}

/** The reach behind a signed link (the web page and its XLSX); NOT_FOUND when the link is wrong or old. */
export async function reachForLink(
  ctx: ServiceContext,
  link: { productId: string; expires: string; sig: string },
): Promise<ReachView> {
  const expires = Number(link.expires)
  const valid =
    Number.isInteger(expires) &&
    expires * 1000 > ctx.clock.now().getTime() &&
    sameHash(link.sig, auditSignature('reach-link', { productId: link.productId, expires }))
  const p = valid ? await ctx.db.learningProduct.findUnique({ where: { id: link.productId } }) : null
  if (!p) throw new AppError('NOT_FOUND', 'This link is not valid or has expired. Ask Learning Loop for a new one.')
  return computeReach(ctx.db, p)
}

export type NationalLearningLine = {
  id: string
  reference: string
  title: string
  kindLabel: string
  publishedOn: string | null
  themes: string[]
  links: string[]
  actions: number
  products: number
  audits: number
}

/** National learning and what points to it: the partnership's answer to "what did we do about it?". */
export async function listNationalLearning(ctx: ServiceContext, actor: Actor): Promise<NationalLearningLine[]> {
  assertCan(actor, 'national-learning.view')
  const rows = await ctx.db.nationalLearning.findMany({
    where: { partnershipId: actor.partnershipId },
    orderBy: { createdAt: 'desc' },
    take: 30,
  })
  const links = await ctx.db.nationalLearningLink.groupBy({
    by: ['nationalLearningId', 'subjectType'],
    where: { nationalLearningId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  })
  const n = (id: string, t: string) =>
    links.find((l) => l.nationalLearningId === id && l.subjectType === t)?._count._all ?? 0
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    kindLabel: NATIONAL_LEARNING_KINDS[r.kind as keyof typeof NATIONAL_LEARNING_KINDS] ?? r.kind,
    publishedOn: r.publishedOn ? r.publishedOn.toISOString().slice(0, 10) : null,
    themes: r.themes,
    links: r.links,
    actions: n(r.id, 'action'),
    products: n(r.id, 'learning-product'),
    audits: n(r.id, 'audit'),
  }))
}

/** The national learning form's themes; only the business manager records national learning. */
export async function getNationalLearningChoices(ctx: ServiceContext, actor: Actor) {
  assertCan(actor, 'national-learning.record')
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  return {
    themes: ZPartnershipSettings.parse(partnership.settings).themes.map((t): Choice => ({ value: t, label: t })),
  }
}

/** The partnership's actions a piece of national learning can be linked to (newest first). */
export async function listLinkableActions(ctx: ServiceContext, actor: Actor): Promise<Choice[]> {
  assertCan(actor, 'national-learning.link')
  const actions = await ctx.db.action.findMany({
    where: { partnershipId: actor.partnershipId },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, reference: true, what: true },
  })
  return actions.map((a) => ({
    value: a.id,
    label: `${a.reference}: ${a.what.length > 60 ? `${a.what.slice(0, 59)}\u2026` : a.what}`,
  }))
}
