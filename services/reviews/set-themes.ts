/**
 * The business manager edits the partnership's list of learning themes, which findings are tagged with.
 * Themes already used by findings stay on those findings; the list is what new findings choose from.
 *
 * Concurrency: the themes live in the partnership's settings (one JSON column with other settings), so the
 * change re-reads them under a row lock in its transaction and never overwrites another setting's change.
 */
import type { Prisma } from '@prisma/client'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findPartnership } from './review.repo.js'
import { ZThemes } from './review.schema.js'

/** Saves the list (trimmed, without duplicates) and returns it. The audit record counts themes, never names them. */
export const setThemes = useCase({
  input: ZThemes,
  policy: (actor) => assertCan(actor, 'review.edit-types'),
  change: async (w, { themes }) => {
    await w.tx.$queryRaw`select id from "Partnership" where id = ${w.actor.partnershipId} for update`
    const { settings } = await findPartnership(w.tx, w.actor.partnershipId)
    await w.tx.partnership.update({
      where: { id: w.actor.partnershipId },
      data: { settings: { ...settings, themes } as Prisma.InputJsonValue },
    })
    await w.audit({
      action: 'PARTNERSHIP_SETTINGS_CHANGED',
      subjectType: 'partnership',
      subjectId: w.actor.partnershipId,
      before: { themeCount: settings.themes.length },
      after: { themeCount: themes.length },
      fields: ['themes'],
    })
    return themes
  },
})
