/** The business manager edits the partnership's list of learning themes (used to tag findings). */
import { z } from 'zod'
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { parseInput } from '../../lib/validation.js'
import { recordAudit } from '../audit-log/index.js'
import { ZPartnershipSettings, type Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'

export const ZThemes = z.object({
  themes: z
    .string({ required_error: 'List the themes, one per line.' })
    .transform((s) => [...new Set(s.split('\n').map((t) => t.trim()).filter(Boolean))])
    .pipe(z.array(z.string().min(2, 'Each theme needs at least 2 characters.').max(60, 'Keep each theme under 60 characters.')).min(1, 'List at least one theme.').max(40, 'At most 40 themes.')),
})

export async function listThemes(db: ServiceContext['db'], partnershipId: string): Promise<string[]> {
  const p = await db.partnership.findUniqueOrThrow({ where: { id: partnershipId } })
  return ZPartnershipSettings.parse(p.settings ?? {}).themes
}

/** Themes already used by findings stay on those findings; the list is what new findings choose from. */
export async function setThemes(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<string[]> {
  assertCan(actor, 'review.edit-types')
  const { themes } = parseInput(ZThemes, raw)
  await ctx.db.$transaction(async (tx) => {
    const p = await tx.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    const settings = ZPartnershipSettings.parse(p.settings ?? {})
    await tx.partnership.update({ where: { id: p.id }, data: { settings: { ...settings, themes } as Prisma.InputJsonValue } })
    await recordAudit(tx, {
      partnershipId: p.id, actorId: actor.personId, action: 'PARTNERSHIP_SETTINGS_CHANGED', subjectType: 'partnership', subjectId: p.id,
      before: { themes: settings.themes }, after: { themes }, at: ctx.clock.now(),
    })
  })
  return themes
}
