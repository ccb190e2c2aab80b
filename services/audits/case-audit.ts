/**
 * Multi-agency case audits: the QA chair chooses a case within the audit's theme by the agencies' own case
 * references (never a name), which makes one part per involved agency for its auditor to complete (told 1:1,
 * with their own agency's reference only). After the parts are in, the audit discussion agrees a grade per
 * area and records good practice, areas for development and recommendations; each recommendation becomes a
 * finding tagged with the audit's theme and the themes of the areas agreed below good.
 */
import type { ServiceContext } from '../../lib/context.js'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { flagRecurrences } from '../insight/flag-recurrence.js'
import { useCase } from '../use-case.js'
import { findParticipants, findTool } from './audit.repo.js'
import { ZAgreeGrade, ZDiscussion, ZSelectCase } from './audit.schema.js'
import { isBelowGood, ratingOf, SCALES } from './audit-tool.schema.js'
import { openReturn } from './open-audit.js'

/** A case reference: letters, digits and a few separators, never words (a name has no place here). */
const CASE_REFERENCE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9/_.-]{1,39}$/

export type SelectCaseResult = { caseId: string; label: string; parts: number; isNew: boolean }

export const selectCase = useCase({
  input: ZSelectCase,
  load: async (ctx, actor, input) => {
    const audit = await ctx.db.audit.findFirst({
      where: { id: input.auditId, partnershipId: actor.partnershipId },
      include: { cases: { select: { id: true, label: true, formKey: true } } },
    })
    if (!audit) throw new AppError('NOT_FOUND', 'That audit could not be found.')
    return { audit, participants: await findParticipants(ctx.db, actor.partnershipId) }
  },
  policy: (actor, input, { audit }) => {
    assertCan(actor, 'audit.discuss')
    if (audit.type !== 'case-audit') throw new AppError('INVALID_TRANSITION', `${audit.reference} is not a case audit.`)
    if (audit.cases.some((k) => k.formKey === input.formToken)) return
    const errors: Record<string, string> = {}
    const seen = new Set<string>()
    input.rows.forEach((row, i) => {
      const n = i + 1
      if (!row.agencyKey && !row.reference) return
      if (!row.agencyKey) errors[`agency${n}`] = 'Choose the agency.'
      else if (!audit.participantKeys.includes(row.agencyKey)) errors[`agency${n}`] = 'Choose an agency in this audit.'
      else if (seen.has(row.agencyKey)) errors[`agency${n}`] = 'That agency is already on this case.'
      if (row.agencyKey) seen.add(row.agencyKey)
      if (!row.reference) errors[`reference${n}`] = "Enter the agency's own case reference."
      else if (!CASE_REFERENCE.test(row.reference))
        errors[`reference${n}`] =
          "Enter the agency's own case reference (letters and digits, e.g. CSC-48213): never a name."
    })
    if (seen.size === 0) errors.agency1 = 'Choose at least one agency and its case reference.'
    if (Object.keys(errors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })
  },
  change: async (w, input, { audit, participants }): Promise<SelectCaseResult> => {
    const again = audit.cases.find((k) => k.formKey === input.formToken)
    if (again) return { caseId: again.id, label: again.label, parts: 0, isNew: false }
    const refs = Object.fromEntries(
      input.rows.filter((r) => r.agencyKey && r.reference).map((r) => [r.agencyKey!, r.reference!]),
    ) as Record<string, string>
    const label = `Case ${audit.cases.length + 1}`
    const kase = await w.tx.auditCase.create({
      data: {
        auditId: audit.id,
        label,
        agencyRefs: refs,
        selectedById: w.actor.personId,
        selectedAt: w.now,
        formKey: input.formToken,
        recommendations: [],
      },
    })
    const tool = audit.status === 'OPEN' ? await findTool(w.tx, audit.partnershipId, audit.toolId) : null
    for (const agencyKey of Object.keys(refs)) {
      const agency = participants.agencies.find((a) => a.key === agencyKey)!
      const part = await w.tx.auditReturn.create({
        data: {
          auditId: audit.id,
          participantKey: `case:${kase.id}:${agencyKey}`,
          agencyId: agency.id,
          caseId: kase.id,
        },
      })
      // Once the audit is open, each part opens at once: its auditor is told, with their own reference only.
      if (tool)
        await openReturn(w, audit, tool, participants, part, w.actor.name, { label, reference: refs[agencyKey]! })
    }
    await w.audit({
      action: 'AUDIT_CASE_SELECTED',
      subjectType: 'audit-case',
      subjectId: kase.id,
      after: { auditId: audit.id, label: label.replace(' ', '-'), agencies: Object.keys(refs) },
      fields: ['agencyRefs'],
    })
    return { caseId: kase.id, label, parts: Object.keys(refs).length, isNew: true }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await ctx.db.auditCase.findUnique({ where: { formKey: input.formToken } })
    return again ? { caseId: again.id, label: again.label, parts: 0, isNew: false } : undefined
  },
})

/** A case of the actor's partnership with its audit, its parts and its tool. */
async function loadCase(ctx: ServiceContext, partnershipId: string, caseId: string) {
  const kase = await ctx.db.auditCase.findUnique({ where: { id: caseId }, include: { audit: true } })
  if (!kase || kase.audit.partnershipId !== partnershipId)
    throw new AppError('NOT_FOUND', 'That case could not be found.')
  const tool = await findTool(ctx.db, partnershipId, kase.audit.toolId)
  if (!tool) throw new AppError('NOT_FOUND', 'The tool of this audit could not be found.')
  const parts = await ctx.db.auditReturn.findMany({ where: { caseId } })
  return { kase, tool, parts }
}

/** The discussion agrees the grade of one area. */
export const agreeGrade = useCase({
  input: ZAgreeGrade,
  load: (ctx, actor, input) => loadCase(ctx, actor.partnershipId, input.caseId),
  policy: (actor, input, { tool, parts }) => {
    assertCan(actor, 'audit.discuss')
    const section = tool.definition.sections.find((s) => s.key === input.sectionKey)
    const q = section ? ratingOf(section) : undefined
    if (!q) throw new AppError('NOT_FOUND', 'That area is not in this audit.')
    if (!(input.grade in SCALES[q.kind]))
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: { grade: 'Choose the agreed grade from the list.' },
      })
    if (!parts.some((p) => p.status === 'SUBMITTED'))
      throw new AppError('INVALID_TRANSITION', 'No agency has submitted its part of this case yet.')
  },
  change: async (w, input, { kase }) => {
    const grades = { ...(kase.agreedGrades as Record<string, string>), [input.sectionKey]: input.grade }
    const moved = await w.tx.auditCase.updateMany({
      where: { id: kase.id, version: kase.version },
      data: { agreedGrades: grades, version: { increment: 1 } },
    })
    if (moved.count !== 1)
      throw new AppError('ALREADY_DONE', `${kase.label} changed a moment ago. Please look at it again.`)
    await w.audit({
      action: 'AUDIT_GRADE_AGREED',
      subjectType: 'audit-case',
      subjectId: kase.id,
      after: { sectionKey: input.sectionKey, grade: input.grade },
    })
    return { label: kase.label }
  },
})

/** The discussion's good practice, areas for development and recommendations (one a line, each a finding). */
export const recordDiscussion = useCase({
  input: ZDiscussion,
  load: async (ctx, actor, input) => {
    const loaded = await loadCase(ctx, actor.partnershipId, input.caseId)
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    return { ...loaded, themes: ZPartnershipSettings.parse(partnership.settings ?? {}).themes }
  },
  policy: (actor, input, { parts }) => {
    assertCan(actor, 'audit.discuss')
    if (!parts.some((p) => p.status === 'SUBMITTED'))
      throw new AppError('INVALID_TRANSITION', 'No agency has submitted its part of this case yet.')
    refuseSensitive(
      {
        goodPractice: input.goodPractice,
        areasForDevelopment: input.areasForDevelopment,
        recommendations: input.recommendations,
      },
      input.confirmSensitive,
    )
  },
  change: async (w, input, { kase, tool, themes }) => {
    const recommendations = input.recommendations
      .split(/\n+/)
      .map((l) => l.replace(/^[-*\d.)\s]+/, '').trim())
      .filter((l) => l.length >= 5)
    const moved = await w.tx.auditCase.updateMany({
      where: { id: kase.id, version: kase.version },
      data: {
        goodPractice: input.goodPractice,
        areasForDevelopment: input.areasForDevelopment,
        recommendations,
        discussedAt: w.now,
        discussedById: w.actor.personId,
        version: { increment: 1 },
      },
    })
    if (moved.count !== 1)
      throw new AppError('ALREADY_DONE', `${kase.label} changed a moment ago. Please look at it again.`)
    await w.audit({
      action: 'AUDIT_DISCUSSION_RECORDED',
      subjectType: 'audit-case',
      subjectId: kase.id,
      after: { recommendations: recommendations.length },
      fields: ['goodPractice', 'areasForDevelopment', 'recommendations'],
    })
    // Tagged with the audit's theme and the themes of the areas agreed below good.
    const agreed = kase.agreedGrades as Record<string, string>
    const tags = new Set<string>(kase.audit.theme ? [kase.audit.theme] : [])
    for (const section of tool.definition.sections) {
      const q = ratingOf(section)
      if (q && isBelowGood(q.kind, agreed[section.key])) for (const t of section.themes) tags.add(t)
    }
    const findingThemes = [...tags].filter((t) => themes.includes(t))
    for (const [n, text] of recommendations.entries()) {
      const sourceKey = `recommendation:${kase.id}:${n + 1}`
      const finding = await w.tx.auditFinding.upsert({
        where: { auditId_sourceKey: { auditId: kase.auditId, sourceKey } },
        create: {
          auditId: kase.auditId,
          sourceKey,
          source: 'recommendation',
          caseId: kase.id,
          text: `${kase.label}: ${text}`,
          themes: findingThemes,
          createdAt: w.now,
        },
        update: { text: `${kase.label}: ${text}`, version: { increment: 1 } },
      })
      await w.audit({
        action: 'AUDIT_FINDING_RECORDED',
        subjectType: 'audit-finding',
        subjectId: finding.id,
        after: { auditId: kase.auditId, source: 'recommendation', caseId: kase.id, themes: finding.themes.length },
        fields: ['text'],
      })
      // A theme that came back after its earlier actions were verified: the QA chair is told (services/insight).
      if (finding.createdAt.getTime() === w.now.getTime())
        await flagRecurrences(w, {
          kind: 'audit-finding',
          findingId: finding.id,
          sourceId: kase.auditId,
          reference: kase.audit.reference,
          themes: finding.themes,
          owningSubGroupKey: 'qa-audit',
        })
    }
    return { label: kase.label, findings: recommendations.length }
  },
})
