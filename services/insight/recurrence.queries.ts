/**
 * Reading recurrence flags: one for the chair answering it, and the list for the tab and the yearly report.
 * Flags hold references, themes and dates only. Who may see them: those who see the partnership's dashboard,
 * and the sub-group chairs who answer them.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { parseOrRefuse } from '../use-case.js'
import { z } from 'zod'
import { seesPartnership } from './insight-scope.js'
import {
  RECURRENCE_RESPONSES,
  recurrenceSentence,
  type RecurrenceFlagView,
  type RecurrenceResponse,
} from './insight.schema.js'

type FlagRow = Prisma.RecurrenceFlagGetPayload<object>

/** The flag in words, with its earlier actions' references and verification days. */
async function viewsOf(ctx: ServiceContext, flags: FlagRow[]): Promise<RecurrenceFlagView[]> {
  const ids = [...new Set(flags.flatMap((f) => f.earlierActionIds))]
  const people = [...new Set(flags.map((f) => f.respondedById).filter((x): x is string => Boolean(x)))]
  const [actions, responders] = await Promise.all([
    ctx.db.action.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true, verifiedAt: true } }),
    ctx.db.person.findMany({ where: { id: { in: people } }, select: { id: true, name: true } }),
  ])
  const byId = new Map(actions.map((a) => [a.id, a]))
  const nameOf = new Map(responders.map((p) => [p.id, p.name]))
  return flags.map((f) => {
    const earlier = f.earlierActionIds
      .map((id) => byId.get(id))
      .filter((a): a is NonNullable<typeof a> => Boolean(a))
      .map((a) => ({ reference: a.reference, verifiedOn: (a.verifiedAt ?? new Date(0)).toISOString().slice(0, 10) }))
    const sentence = recurrenceSentence({ theme: f.theme, findingReference: f.findingReference, earlier })
    return {
      id: f.id,
      theme: f.theme,
      findingReference: f.findingReference,
      raisedOn: f.raisedAt.toISOString().slice(0, 10),
      earlier,
      status: f.status as RecurrenceFlagView['status'],
      version: f.version,
      sentence,
      ...(f.response
        ? {
            response: {
              label: RECURRENCE_RESPONSES[f.response as RecurrenceResponse] ?? f.response,
              ...(f.responseNote ? { note: f.responseNote } : {}),
              by: nameOf.get(f.respondedById ?? '') ?? 'someone',
              on: (f.respondedAt ?? f.raisedAt).toISOString().slice(0, 10),
            },
          }
        : {}),
    }
  })
}

/** Who answers flags: the sub-group chairs, the partnership chair and the business manager. */
export const mayRespond = (actor: Actor): boolean => actor.chairs.length > 0 || actor.roles.includes('business-manager')

/** One flag, for the chair's response form. */
export async function getRecurrenceFlag(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<RecurrenceFlagView> {
  const flagId = parseOrRefuse(z.string().uuid(), raw)
  const flag = await ctx.db.recurrenceFlag.findUnique({ where: { id: flagId } })
  if (!flag || flag.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That flag was not found.')
  if (!mayRespond(actor) && !seesPartnership(actor))
    throw new AppError('NOT_PERMITTED', 'Recurrence flags are for the chairs, the partners and the business manager.')
  return (await viewsOf(ctx, [flag]))[0]!
}

/** The partnership's flags, open first, optionally for one theme, for those who see the partnership. */
export async function listRecurrences(
  ctx: ServiceContext,
  actor: Actor,
  theme?: string,
): Promise<RecurrenceFlagView[]> {
  if (!seesPartnership(actor) && !mayRespond(actor)) return []
  const flags = await ctx.db.recurrenceFlag.findMany({
    where: { partnershipId: actor.partnershipId, ...(theme ? { theme } : {}) },
    orderBy: [{ status: 'asc' }, { raisedAt: 'desc' }],
    take: 200,
  })
  return viewsOf(ctx, flags)
}
