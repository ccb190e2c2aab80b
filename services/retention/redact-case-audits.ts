/**
 * Retention for multi-agency case audits: each case's texts are removed once its audit discussion is longer ago
 * than the partnership's retention setting, as a review's are after the case closes (run-retention.ts runs it).
 *
 * What goes: the discussion's good practice and areas for development, and every text answer (and evidence
 * box) the agencies gave about that case. What stays: the case's label and the agencies' own case references
 * (as a referral keeps its case reference), grades, ratings, dates and states, so counts and the findings'
 * trail stay whole. The recommendations and the findings made from them are the learning the partnership acts
 * on: they go only when it sets `retention.redactFindings`.
 *
 * Each case is claimed by setting its `redactedAt` where it was null, and redacted in one transaction with its
 * CASE_AUDIT_REDACTED event (ids and counts only).
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { recordAudit } from '../audit-log/record-audit.js'
import { allQuestions, evidenceId, ZToolDefinition } from '../audits/audit-tool.schema.js'
import { REDACTED } from './retention.rules.js'

const FIELDS = ['auditCase.goodPractice', 'auditCase.areasForDevelopment', 'auditSectionAnswer.answers.text']
const FINDING_FIELDS = ['auditCase.recommendations', 'auditFinding.text']

/** Redacts the case-audit cases of a partnership discussed before `cutoff`; returns how many cases and texts. */
export async function redactCaseAudits(
  ctx: ServiceContext,
  partnershipId: string,
  cutoff: Date,
  settings: { yearsAfterClose: number; redactFindings: boolean },
): Promise<{ cases: number; texts: number }> {
  const now = ctx.clock.now()
  const due = await ctx.db.auditCase.findMany({
    where: { audit: { partnershipId }, redactedAt: null, discussedAt: { lt: cutoff } },
    select: { id: true, auditId: true, discussedAt: true },
    orderBy: { discussedAt: 'asc' },
  })
  let cases = 0
  let texts = 0
  for (const c of due) {
    const replaced = await ctx.db.$transaction(async (tx) => {
      const claim = await tx.auditCase.updateMany({
        where: { id: c.id, redactedAt: null },
        data: { redactedAt: now, version: { increment: 1 } },
      })
      if (claim.count === 0) return null
      const n = await redactCase(tx, c.id, settings.redactFindings)
      await recordAudit(tx, {
        partnershipId,
        actorId: null,
        at: now,
        action: 'CASE_AUDIT_REDACTED',
        subjectType: 'audit-case',
        subjectId: c.id,
        after: {
          auditId: c.auditId,
          discussedOn: c.discussedAt!.toISOString().slice(0, 10),
          texts: n,
          years: settings.yearsAfterClose,
        },
        fields: settings.redactFindings ? [...FIELDS, ...FINDING_FIELDS] : FIELDS,
      })
      return n
    })
    if (replaced === null) continue
    cases++
    texts += replaced
  }
  return { cases, texts }
}

/** Replaces one case's texts in `tx`; returns how many. */
async function redactCase(tx: Prisma.TransactionClient, caseId: string, findings: boolean): Promise<number> {
  let texts = 0
  const row = await tx.auditCase.findUniqueOrThrow({
    where: { id: caseId },
    select: { goodPractice: true, areasForDevelopment: true, recommendations: true },
  })
  const data: Prisma.AuditCaseUpdateInput = {}
  for (const field of ['goodPractice', 'areasForDevelopment'] as const) {
    if (row[field] !== null && row[field] !== REDACTED) {
      data[field] = REDACTED
      texts++
    }
  }
  if (findings && row.recommendations.some((r) => r !== REDACTED)) {
    data.recommendations = row.recommendations.map(() => REDACTED)
    texts += row.recommendations.filter((r) => r !== REDACTED).length
  }
  if (Object.keys(data).length > 0) await tx.auditCase.update({ where: { id: caseId }, data })
  if (findings)
    texts += (
      await tx.auditFinding.updateMany({ where: { caseId, NOT: { text: REDACTED } }, data: { text: REDACTED } })
    ).count

  // The agencies' answers about this case: every text question and evidence box of the tool each return used.
  const returns = await tx.auditReturn.findMany({
    where: { caseId },
    select: { sections: { select: { id: true, answers: true } }, toolId: true, audit: { select: { toolId: true } } },
  })
  const textIds = new Map<string, Set<string>>()
  for (const r of returns) {
    const toolId = r.toolId ?? r.audit.toolId
    if (!textIds.has(toolId)) textIds.set(toolId, await textAnswerIds(tx, toolId))
    const ids = textIds.get(toolId)!
    for (const section of r.sections) {
      const answers = { ...(section.answers as Record<string, unknown>) }
      let replaced = 0
      for (const [key, value] of Object.entries(answers)) {
        if (typeof value === 'string' && value !== REDACTED && ids.has(key)) {
          answers[key] = REDACTED
          replaced++
        }
      }
      if (replaced === 0) continue
      await tx.auditSectionAnswer.update({
        where: { id: section.id },
        data: { answers: answers as Prisma.InputJsonValue, version: { increment: 1 } },
      })
      texts += replaced
    }
  }
  return texts
}

/** The answer ids of a tool that hold text: its text and evidence questions, and every evidence box. */
async function textAnswerIds(tx: Prisma.TransactionClient, toolId: string): Promise<Set<string>> {
  const tool = await tx.auditTool.findUniqueOrThrow({ where: { id: toolId }, select: { definition: true } })
  const ids = new Set<string>()
  for (const { question } of allQuestions(ZToolDefinition.parse(tool.definition))) {
    if (question.kind === 'text' || question.kind === 'evidence') ids.add(question.id)
    ids.add(evidenceId(question.id))
  }
  return ids
}
