/**
 * Saves one section of a return as the person leaves its page (Next, Back, Save and close). A page may be
 * partial, but what it holds must be valid: a choice from its list, a number, a rating that needs evidence
 * with its evidence. Carried answers from the last cycle stop being "to confirm" once confirmed or changed.
 *
 * Version-checked: the page carries the section's version it was built from. If someone saved the section
 * since, nothing is written and the person is told who and when ("Changed by Dana Okafor at 10:42; here is the
 * latest."). The same save repeated (a double press, a Slack retry) finds its own answers already there and
 * writes nothing again.
 */
import type { Prisma } from '@prisma/client'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { loadReturn, resourceOf, whyClosed } from './audit.access.js'
import { namesOf } from '../people/people.repo.js'
import { mergedAnswers } from './audit.repo.js'
import { timeOfDay } from './audit.rules.js'
import { ZSaveSection } from './audit.schema.js'
import { type Answers, confirmId, freeTextOf, isShown, readSection } from './audit-tool.schema.js'

export type SaveResult = {
  version: number
  /** Questions this save made appear on the same page (an answer called for them): stay to answer them. */
  appeared: string[]
  /** Nothing was written: the same answers were already saved by this person. */
  unchanged: boolean
}

const same = (a: Answers, b: Answers) => {
  const ka = Object.keys(a).sort()
  const kb = Object.keys(b).sort()
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && String(a[k]) === String(b[k]))
}

/** Someone else saved the section since the page was built: who, and when, in words. */
async function changedBy(
  ctx: Parameters<typeof namesOf>[0],
  row: { updatedById: string | null; updatedAt: Date },
  timeZone: string,
) {
  const name = row.updatedById ? ((await namesOf(ctx, [row.updatedById])).get(row.updatedById) ?? 'someone') : 'someone'
  const at = timeOfDay(row.updatedAt, timeZone)
  return new AppError('ALREADY_DONE', `Changed by ${name} at ${at}; here is the latest.`, {
    detail: { by: name, at, conflict: true },
  })
}

export const saveSection = useCase({
  input: ZSaveSection,
  load: async (ctx, actor, input) => {
    const c = await loadReturn(ctx, actor, input.returnId)
    const section = c.tool.definition.sections.find((s) => s.key === input.sectionKey)
    if (!section) throw new AppError('NOT_FOUND', 'That section is not in this return.')
    const { answers: all } = mergedAnswers(c.r)
    // Answers of the other sections decide which of this section's questions are shown.
    const earlier = Object.fromEntries(
      Object.entries(all).filter(([id]) => !section.questions.some((q) => id === q.id || id.startsWith(`${q.id}--`))),
    ) as Answers
    const read = readSection(section, input.values, earlier, false)
    const row = c.r.sections.find((s) => s.sectionKey === section.key) ?? null
    const conflict =
      row &&
      row.version !== input.seenVersion &&
      !(row.updatedById === actor.personId && same(row.answers as Answers, read.answers))
        ? await changedBy(ctx.db, row, c.timeZone)
        : null
    return { c, section, earlier, read, row, conflict }
  },
  policy: (actor, input, { c, read, section, conflict, row }) => {
    assertCan(actor, 'audit.complete', resourceOf(c))
    const closed = whyClosed(c)
    if (closed) throw new AppError('INVALID_TRANSITION', closed)
    if (conflict) throw conflict
    if (Object.keys(read.errors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: read.errors })
    // Only text that changed is checked: what was confirmed and saved before is not asked about again.
    const saved = (row?.answers ?? {}) as Answers
    const changed = Object.entries(freeTextOf(section, read.answers)).filter(([id, text]) => saved[id] !== text)
    refuseSensitive(Object.fromEntries(changed), input.confirmSensitive)
  },
  change: async (w, input, { c, section, earlier, read, row }): Promise<SaveResult> => {
    const index = c.tool.definition.sections.findIndex((s) => s.key === section.key)
    const merged = { ...earlier, ...read.answers }
    const appeared = section.questions
      .filter((q) => isShown(q, merged) && !(q.id in input.values) && read.answers[q.id] === undefined)
      .map((q) => q.id)
    if (row && row.version !== input.seenVersion) return { version: row.version, appeared, unchanged: true }
    const before = (row?.answers ?? {}) as Answers
    // A carried answer stays "to confirm" until it is confirmed or changed (or no longer asked).
    const carried = (row?.carried ?? []).filter(
      (id) =>
        input.values[confirmId(id)] !== true &&
        read.answers[id] !== undefined &&
        String(read.answers[id]) === String(before[id]),
    )
    const nextSection = appeared.length ? index : Math.min(input.nextSection, c.tool.definition.sections.length - 1)
    // Nothing changed (a page passed through): only where the person is moves on; no new version, no event.
    if (row && same(before, read.answers) && carried.length === row.carried.length) {
      await w.tx.auditReturn.update({ where: { id: c.r.id }, data: { currentSection: nextSection } })
      return { version: row.version, appeared, unchanged: true }
    }
    const data = {
      answers: read.answers as Prisma.InputJsonObject,
      carried,
      updatedById: w.actor.personId,
      updatedAt: w.now,
    }
    let version: number
    if (row) {
      const updated = await w.tx.auditSectionAnswer.updateMany({
        where: { id: row.id, version: input.seenVersion },
        data: { ...data, version: { increment: 1 } },
      })
      if (updated.count !== 1)
        throw new AppError('ALREADY_DONE', 'Someone saved this section a moment ago; here is the latest.', {
          detail: { conflict: true },
        })
      version = input.seenVersion + 1
    } else {
      if (input.seenVersion !== 0)
        throw new AppError('ALREADY_DONE', 'Someone saved this section a moment ago; here is the latest.', {
          detail: { conflict: true },
        })
      await w.tx.auditSectionAnswer.create({ data: { returnId: c.r.id, sectionKey: section.key, ...data, version: 1 } })
      version = 1
    }
    const isStart = c.r.status === 'NOT_STARTED'
    await w.tx.auditReturn.update({
      where: { id: c.r.id },
      data: {
        currentSection: nextSection,
        ...(isStart ? { status: 'IN_PROGRESS', startedAt: w.now, toolId: c.tool.id } : {}),
        version: { increment: 1 },
      },
    })
    if (isStart)
      await w.audit({
        action: 'AUDIT_RETURN_STARTED',
        subjectType: 'audit-return',
        subjectId: c.r.id,
        before: { status: 'NOT_STARTED' },
        after: {
          status: 'IN_PROGRESS',
          toolId: c.tool.id,
          carriedFromId: c.r.carriedFromId,
          carried: c.r.sections.reduce((n, s) => n + s.carried.length, 0),
        },
      })
    const changedIds = [...new Set([...Object.keys(before), ...Object.keys(read.answers)])].filter(
      (id) => String(before[id] ?? '') !== String(read.answers[id] ?? ''),
    )
    await w.audit({
      action: 'AUDIT_SECTION_SAVED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      after: { sectionKey: section.key, version, confirmed: (row?.carried.length ?? 0) - carried.length },
      ...(changedIds.length ? { fields: changedIds.slice(0, 100) } : {}),
    })
    return { version, appeared, unchanged: false }
  },
  recover: async (ctx, actor, input, error) => {
    // Two first saves of one section at once: the second finds the first's row.
    if (!isUniqueViolation(error)) return undefined
    const c = await loadReturn(ctx, actor, input.returnId)
    const row = c.r.sections.find((s) => s.sectionKey === input.sectionKey)
    if (!row) return undefined
    throw await changedBy(ctx.db, row, c.timeZone)
  },
})
