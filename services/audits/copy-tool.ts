/**
 * The QA chair copies a tool and changes it: the copy is the tool's next version (same key), with questions
 * left out or one added, or a whole new question set. Returns already started keep the version they started
 * on; with "apply to open audits", open or planned audits on the copied version move to the new one, and so do
 * their returns not yet started.
 *
 * Idempotent on the form's token (AuditTool.formKey).
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findTool } from './audit.repo.js'
import { ZCopyTool } from './audit.schema.js'
import {
  allQuestions,
  QUESTION_KINDS,
  type QuestionKind,
  type ToolDefinition,
  ZToolDefinition,
} from './audit-tool.schema.js'

export type CopyResult = { toolId: string; name: string; version: number; isNew: boolean; moved: number }

/** The changed question set, or field messages. */
function changed(
  base: ToolDefinition,
  input: ReturnType<typeof ZCopyTool.parse>,
): { definition: ToolDefinition } | { errors: Record<string, string> } {
  if (input.definition !== undefined) {
    const parsed = ZToolDefinition.safeParse(input.definition)
    return parsed.success
      ? { definition: parsed.data }
      : { errors: { definition: parsed.error.issues[0]?.message ?? 'That question set is not valid.' } }
  }
  const errors: Record<string, string> = {}
  const ids = new Set(allQuestions(base).map((x) => x.question.id))
  if (input.remove.some((id) => !ids.has(id))) errors.remove = 'Choose questions from the list.'
  // A question others depend on (its answer shows them) cannot go on its own.
  const dependants = allQuestions(base).filter(
    (x) =>
      x.question.showWhen &&
      input.remove.includes(x.question.showWhen.question) &&
      !input.remove.includes(x.question.id),
  )
  if (dependants.length)
    errors.remove = `"${dependants[0]!.question.label}" depends on a question you are leaving out: leave it out too.`
  const sections = base.sections
    .map((s) => ({ ...s, questions: s.questions.filter((q) => !input.remove.includes(q.id)) }))
    .filter((s) => s.questions.length > 0)
  if (input.addLabel) {
    const section = sections.find((s) => s.key === input.addSection)
    if (!section) errors.addSection = 'Choose the section to add the question to.'
    if (!QUESTION_KINDS.includes(input.addKind as QuestionKind)) errors.addKind = 'Choose the kind of answer.'
    if (input.addLabel.length < 5) errors.addLabel = 'Enter the question (at least 5 characters).'
    if (section && !errors.addKind && !errors.addLabel) {
      let n = 1
      while (ids.has(`${section.key}-added-${n}`)) n += 1
      section.questions = [
        ...section.questions,
        {
          id: `${section.key}-added-${n}`,
          label: input.addLabel,
          kind: input.addKind as QuestionKind,
          required: input.addRequired,
          isRating: false,
        },
      ]
    }
  } else if (!input.remove.length) errors.remove = 'Leave out a question or add one: a copy must change something.'
  if (Object.keys(errors).length) return { errors }
  const parsed = ZToolDefinition.safeParse({ sections })
  return parsed.success ? { definition: parsed.data } : { errors: { remove: 'Every section must keep a question.' } }
}

export const copyTool = useCase({
  input: ZCopyTool,
  load: async (ctx, actor, input) => {
    const existing = await ctx.db.auditTool.findUnique({ where: { formKey: input.formToken } })
    const base = await findTool(ctx.db, actor.partnershipId, input.toolId)
    if (!base) throw new AppError('NOT_FOUND', 'That tool could not be found.')
    const latest = await ctx.db.auditTool.findFirst({
      where: { partnershipId: actor.partnershipId, key: base.key },
      orderBy: { version: 'desc' },
      select: { version: true },
    })
    return {
      base,
      existing,
      nextVersion: (latest?.version ?? base.version) + 1,
      result: changed(base.definition, input),
    }
  },
  policy: (actor, _input, loaded) => {
    assertCan(actor, 'audit.edit-tools')
    if (!loaded.existing && 'errors' in loaded.result)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: loaded.result.errors,
      })
  },
  change: async (w, input, loaded): Promise<CopyResult> => {
    const { base, existing } = loaded
    if (existing) return { toolId: existing.id, name: existing.name, version: existing.version, isNew: false, moved: 0 }
    if (!('definition' in loaded.result)) throw new Error('unreachable: the policy refused it')
    const definition = loaded.result.definition
    const tool = await w.tx.auditTool.create({
      data: {
        partnershipId: w.actor.partnershipId,
        key: base.key,
        version: loaded.nextVersion,
        name: input.name,
        auditType: base.auditType,
        definition,
        basedOnId: base.id,
        createdById: w.actor.personId,
        createdAt: w.now,
        formKey: input.formToken,
      },
    })
    await w.audit({
      action: 'AUDIT_TOOL_VERSION_CREATED',
      subjectType: 'audit-tool',
      subjectId: tool.id,
      after: { key: base.key, version: tool.version, basedOnId: base.id, questions: allQuestions(definition).length },
      fields: ['name', 'definition'],
    })
    let moved = 0
    if (input.applyToOpen) {
      const audits = await w.tx.audit.findMany({
        where: { partnershipId: w.actor.partnershipId, toolId: base.id, status: { in: ['PLANNED', 'OPEN'] } },
      })
      for (const a of audits) {
        await w.tx.audit.update({ where: { id: a.id }, data: { toolId: tool.id, version: { increment: 1 } } })
        // Returns not started follow; one started keeps its version. Carried answers match on question ids.
        await w.tx.auditReturn.updateMany({
          where: { auditId: a.id, status: 'NOT_STARTED' },
          data: { toolId: a.status === 'OPEN' ? tool.id : null },
        })
        await w.audit({
          action: 'AUDIT_TOOL_CHANGED',
          subjectType: 'audit',
          subjectId: a.id,
          before: { toolId: base.id },
          after: { toolId: tool.id },
        })
        moved += 1
      }
    }
    return { toolId: tool.id, name: tool.name, version: tool.version, isNew: true, moved }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await ctx.db.auditTool.findUnique({ where: { formKey: input.formToken } })
    return again ? { toolId: again.id, name: again.name, version: again.version, isNew: false, moved: 0 } : undefined
  },
})
