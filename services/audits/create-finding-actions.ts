/**
 * A finding becomes actions (issue 5's action plans): up to three at once, with source "audit" and the finding,
 * so its audit, linked (AuditFindingAction). The finding's themes are set in the same transaction. Creating the
 * actions is the actions domain's own code (loadNewActions, checkNewActions, insertNewActions), so the rules,
 * the owners' notices and the idempotency on the form's token are the same as for any action.
 */
import { z } from 'zod'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { checkNewActions, insertNewActions, loadNewActions } from '../actions/create-actions.js'
import { type CreateActions, ZCreateActionsForm } from '../actions/action.schema.js'
import { findActionsByFormToken } from '../actions/action.repo.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'

const ZFindingPart = z.object({
  findingId: z.string().uuid(),
  themes: z.array(z.string()).max(10).default([]),
})

/** The finding's id and themes, and the bulk action rows (their messages on the bulk form's field ids). */
const ZFindingActionsForm = z
  .unknown()
  .transform((raw, ctx): z.infer<typeof ZFindingPart> & { create: CreateActions } => {
    const finding = ZFindingPart.safeParse(raw)
    const actions = ZCreateActionsForm.safeParse(raw)
    if (!finding.success) for (const issue of finding.error.issues) ctx.addIssue({ ...issue, code: 'custom' })
    if (!actions.success) for (const issue of actions.error.issues) ctx.addIssue({ ...issue, code: 'custom' })
    if (!finding.success || !actions.success) return z.NEVER
    return { ...finding.data, create: { ...actions.data, source: 'audit', recommendationId: undefined } }
  })

export type FindingActionsResult = { references: string[]; isNew: boolean }

export const createFindingActions = useCase({
  input: ZFindingActionsForm,
  load: async (ctx, actor, input) => {
    const finding = await ctx.db.auditFinding.findUnique({ where: { id: input.findingId }, include: { audit: true } })
    if (!finding || finding.audit.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That finding could not be found.')
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    const create = { ...input.create, sourceNote: `${finding.audit.reference}: ${finding.text}`.slice(0, 500) }
    return {
      finding,
      create,
      themes: ZPartnershipSettings.parse(partnership.settings ?? {}).themes,
      actions: await loadNewActions(ctx, actor, create),
    }
  },
  policy: (actor, input, loaded, ctx) => {
    assertCan(actor, 'action.create')
    if (input.themes.some((t) => !loaded.themes.includes(t)))
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: { themes: 'Choose themes from the list.' },
      })
    checkNewActions(actor, loaded.create, loaded.actions, ctx)
  },
  change: async (w, input, { finding, create, actions }): Promise<FindingActionsResult> => {
    const made = await insertNewActions(w, create, actions)
    if (!made.isNew) return { references: made.references, isNew: false }
    for (const actionId of made.ids) await w.tx.auditFindingAction.create({ data: { findingId: finding.id, actionId } })
    await w.tx.auditFinding.update({
      where: { id: finding.id },
      data: { themes: input.themes, version: { increment: 1 } },
    })
    await w.audit({
      action: 'AUDIT_FINDING_ACTIONS_CREATED',
      subjectType: 'audit-finding',
      subjectId: finding.id,
      after: { actions: made.ids, themes: input.themes.length, auditId: finding.auditId },
    })
    return { references: made.references, isNew: true }
  },
  recover: async (ctx, actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await findActionsByFormToken(ctx.db, actor.partnershipId, input.create.formToken)
    return again.length ? { references: again.map((a) => a.reference), isNew: false } : undefined
  },
})
