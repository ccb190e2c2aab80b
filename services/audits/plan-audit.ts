/**
 * The QA chair (or the business manager) plans an audit: its type, the tool version, who takes part (agencies,
 * or schools for Section 175/157), the opening date and the deadline. One return is made per participant (a case
 * audit's parts are made per case when cases are chosen). An audit whose opening date has come opens at once.
 *
 * Idempotent on the form's token (Audit.formKey): a repeated submit answers with the audit the first one made.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findParticipants, findTool, nextAuditReference } from './audit.repo.js'
import { AUDIT_TYPES, participantKind, type PlanAudit, ZPlanAudit } from './audit.schema.js'
import { openWith } from './open-audit.js'

export type PlanResult = { auditId: string; reference: string; isNew: boolean; opened: boolean }

/** The field messages for a tool of another type, unknown participants or theme, or a deadline already passed. */
async function planErrors(ctx: Parameters<typeof findTool>[0], partnershipId: string, input: PlanAudit, today: string) {
  const errors: Record<string, string> = {}
  const [tool, participants, partnership] = await Promise.all([
    findTool(ctx, partnershipId, input.toolId),
    findParticipants(ctx, partnershipId),
    ctx.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { settings: true } }),
  ])
  if (!tool) errors.toolId = 'Choose a tool from the list.'
  else if (tool.auditType !== input.type && !['themed', 'single-agency'].includes(input.type))
    errors.toolId = `That tool is for a ${AUDIT_TYPES[tool.auditType as keyof typeof AUDIT_TYPES] ?? 'different audit'}: choose one for this type.`
  const kind = participantKind(input.type)
  const known = new Set(
    kind === 'setting' ? participants.settings.map((s) => s.key) : participants.agencies.map((a) => a.key),
  )
  if (input.participants.some((p) => !known.has(p)))
    errors.participants = kind === 'setting' ? 'Choose schools from the list.' : 'Choose agencies from the list.'
  const themes = ZPartnershipSettings.parse(partnership.settings ?? {}).themes
  if (input.theme && !themes.includes(input.theme)) errors.theme = 'Choose a theme from the list.'
  if (input.deadline <= today) errors.deadline = 'The deadline must be in the future.'
  return { errors, tool, participants }
}

export const planAudit = useCase({
  input: ZPlanAudit,
  load: async (ctx, actor, input) => {
    const existing = await ctx.db.audit.findUnique({ where: { formKey: input.formToken } })
    if (existing && existing.partnershipId === actor.partnershipId) return { existing, checks: null }
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    const today = todayIn(partnership.timeZone, ctx.clock.now())
    return { existing: null, partnership, today, checks: await planErrors(ctx.db, actor.partnershipId, input, today) }
  },
  policy: (actor, _input, loaded) => {
    assertCan(actor, 'audit.plan')
    if (loaded.checks && Object.keys(loaded.checks.errors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: loaded.checks.errors,
      })
  },
  change: async (w, input, loaded): Promise<PlanResult> => {
    if (loaded.existing)
      return {
        auditId: loaded.existing.id,
        reference: loaded.existing.reference,
        isNew: false,
        opened: loaded.existing.status !== 'PLANNED',
      }
    const { partnership, today } = loaded
    const participants = loaded.checks!.participants
    const audit = await w.tx.audit.create({
      data: {
        partnershipId: partnership!.id,
        reference: await nextAuditReference(w.tx, partnership!, today!),
        type: input.type,
        title: input.title,
        toolId: input.toolId,
        theme: input.theme ?? null,
        participantKeys: input.participants,
        openingDate: new Date(`${input.openingDate}T00:00:00Z`),
        deadline: new Date(`${input.deadline}T00:00:00Z`),
        status: 'PLANNED',
        plannedById: w.actor.personId,
        plannedAt: w.now,
        formKey: input.formToken,
      },
    })
    const kind = participantKind(input.type)
    if (input.type !== 'case-audit')
      for (const key of input.participants) {
        const agency = kind === 'agency' ? participants.agencies.find((a) => a.key === key) : undefined
        const setting = kind === 'setting' ? participants.settings.find((s) => s.key === key) : undefined
        await w.tx.auditReturn.create({
          data: {
            auditId: audit.id,
            participantKey: `${kind}:${key}`,
            agencyId: agency?.id ?? setting?.agencyId ?? null,
            settingId: setting?.id ?? null,
          },
        })
      }
    await w.audit({
      action: 'AUDIT_PLANNED',
      subjectType: 'audit',
      subjectId: audit.id,
      after: {
        reference: audit.reference,
        type: input.type,
        toolId: input.toolId,
        theme: input.theme ?? null,
        openingDate: input.openingDate,
        deadline: input.deadline,
        participants: input.participants,
        status: 'PLANNED',
      },
      fields: ['title'],
    })
    const opened = input.openingDate <= today! ? await openWith(w, audit, w.actor.name) : false
    return { auditId: audit.id, reference: audit.reference, isNew: true, opened }
  },
  recover: async (ctx, actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await ctx.db.audit.findUnique({ where: { formKey: input.formToken } })
    return again && again.partnershipId === actor.partnershipId
      ? { auditId: again.id, reference: again.reference, isNew: false, opened: again.status !== 'PLANNED' }
      : undefined
  },
})
