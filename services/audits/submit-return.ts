/**
 * The person completing a return sends it in. Every required answer must be there, every rating that needs
 * evidence must have it, and every answer carried from the last cycle must have been confirmed or changed; the
 * refusal names the first section with a problem (its index in `detail.section`) and a message per field.
 * A return then waits for sign-off (its safeguarding partner or a senior manager; a school's headteacher), who
 * is told 1:1; a case audit's part is ready for the audit discussion, and the chair is told when every part of
 * the case is in. A second submit changes nothing.
 */
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { loadReturn, resourceOf, whyClosed } from './audit.access.js'
import { chairOf, findParticipants, mergedAnswers } from './audit.repo.js'
import { ZReturnId } from './audit.schema.js'
import { confirmId, readSection } from './audit-tool.schema.js'

export type SubmitResult = { reference: string; alreadyDone: boolean; isCasePart: boolean }

export const submitReturn = useCase({
  input: ZReturnId,
  load: async (ctx, actor, input) => {
    const c = await loadReturn(ctx, actor, input.returnId)
    const participants = await findParticipants(ctx.db, actor.partnershipId)
    const { answers, carried } = mergedAnswers(c.r)
    // The first section with something missing, and its messages.
    let problem: { section: number; errors: Record<string, string> } | null = null
    for (const [i, section] of c.tool.definition.sections.entries()) {
      const raw = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, String(v)]))
      const { errors } = readSection(section, raw, answers, true)
      for (const q of section.questions)
        if (carried.has(q.id) && answers[q.id] !== undefined)
          errors[confirmId(q.id)] = 'From last cycle: confirm or change this answer before you submit.'
      if (Object.keys(errors).length) {
        problem = { section: i, errors }
        break
      }
    }
    return { c, participants, problem }
  },
  policy: (actor, _input, { c, problem }) => {
    assertCan(actor, 'audit.complete', resourceOf(c))
    if (c.r.status !== 'NOT_STARTED' && c.r.status !== 'IN_PROGRESS') return
    const closed = whyClosed(c)
    if (closed) throw new AppError('INVALID_TRANSITION', closed)
    if (problem)
      throw new AppError('INVALID_INPUT', 'Some answers are still needed before you can submit.', {
        fieldErrors: problem.errors,
        detail: { section: problem.section },
      })
  },
  change: async (w, _input, { c, participants }): Promise<SubmitResult> => {
    const reference = c.r.audit.reference
    const isCasePart = c.r.caseId !== null
    if (c.r.status !== 'NOT_STARTED' && c.r.status !== 'IN_PROGRESS')
      return { reference, alreadyDone: true, isCasePart }
    const moved = await w.tx.auditReturn.updateMany({
      where: { id: c.r.id, status: c.r.status },
      data: { status: 'SUBMITTED', submittedAt: w.now, submittedById: w.actor.personId, version: { increment: 1 } },
    })
    if (moved.count !== 1) return { reference, alreadyDone: true, isCasePart }
    await w.audit({
      action: 'AUDIT_RETURN_SUBMITTED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      before: { status: c.r.status },
      after: { status: 'SUBMITTED' },
    })
    const chair = chairOf(participants, 'qa-audit')
    if (isCasePart) {
      const waiting = await w.tx.auditReturn.count({
        where: { caseId: c.r.caseId, status: { in: ['NOT_STARTED', 'IN_PROGRESS'] } },
      })
      if (waiting === 0 && chair)
        await w.notify([
          {
            kind: 'person.notice',
            personId: chair.id,
            notice: {
              template: 'audit.for-chair',
              event: 'case-ready',
              auditId: c.r.auditId,
              reference,
              participant: c.caseLabel ?? 'A case',
            },
          },
        ])
      return { reference, alreadyDone: false, isCasePart }
    }
    // Who signs it off: the school's headteacher; the agency's safeguarding partner and the lead's line manager.
    const signers = participants.people.filter((p) =>
      c.r.settingId
        ? p.settingId === c.r.settingId && p.roles.includes('headteacher')
        : p.agencyId === c.r.agencyId &&
          ((p.roles.includes('safeguarding-partner') && p.partnerFor !== null) || p.id === c.lead?.managerId),
    )
    const isSchool = c.r.settingId !== null
    if (signers.length)
      await w.notify(
        signers.map((p) => ({
          kind: 'person.notice' as const,
          personId: p.id,
          notice: {
            template: 'audit.sign-off-request' as const,
            returnId: c.r.id,
            reference,
            title: c.r.audit.title,
            participant: c.participant,
            by: w.actor.name,
            isSchool,
          },
        })),
      )
    else if (chair)
      await w.notify([
        {
          kind: 'person.notice',
          personId: chair.id,
          notice: {
            template: 'audit.for-chair',
            event: 'no-signer',
            auditId: c.r.auditId,
            returnId: c.r.id,
            reference,
            participant: c.participant,
          },
        },
      ])
    return { reference, alreadyDone: false, isCasePart }
  },
})
