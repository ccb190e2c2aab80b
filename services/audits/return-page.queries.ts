/**
 * One page of a return, as its dialog shows it: the section's questions that are shown (given every answer so
 * far), the saved answers, which of them are carried from the last cycle, and who saved it last. For the person
 * who completes the return only; anyone else is refused.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { loadReturn, resourceOf, type ReturnContext, whyClosed } from './audit.access.js'
import { namesOf } from '../people/people.repo.js'
import { mergedAnswers } from './audit.repo.js'
import { timeOfDay } from './audit.rules.js'
import { AUDIT_TYPES, type AuditType, type ReturnPage } from './audit.schema.js'
import { pageQuestions } from './audit-tool.schema.js'

/** The return's title as the dialog shows it: "Section 11 audit: Northshire Police". */
function returnTitle(c: ReturnContext): string {
  const type = AUDIT_TYPES[c.r.audit.type as AuditType] ?? 'Audit'
  return c.caseLabel ? `${c.caseLabel}: ${c.participant}'s part` : `${type}: ${c.participant}`
}

/** The page at `index` (default: where the person left off), built from the saved answers. */
async function buildPage(ctx: ServiceContext, c: ReturnContext, index?: number): Promise<ReturnPage> {
  const sections = c.tool.definition.sections
  const at = Math.min(Math.max(index ?? c.r.currentSection, 0), sections.length - 1)
  const section = sections[at]!
  const { answers, carried } = mergedAnswers(c.r)
  const row = c.r.sections.find((s) => s.sectionKey === section.key)
  const names = row?.updatedById ? await namesOf(ctx.db, [row.updatedById]) : new Map<string, string>()
  return {
    returnId: c.r.id,
    auditType: c.r.audit.type as AuditType,
    title: returnTitle(c),
    index: at,
    count: sections.length,
    sectionKey: section.key,
    sectionTitle: section.title,
    intro: section.intro ?? null,
    questions: pageQuestions(section, answers, carried),
    answers,
    version: row?.version ?? 0,
    finishLabel: c.r.caseId ? 'Submit your part' : 'Submit for sign-off',
    lastSaved:
      row?.updatedById && names.get(row.updatedById)
        ? { by: names.get(row.updatedById)!, at: timeOfDay(row.updatedAt, c.timeZone) }
        : null,
    closedNote: whyClosed(c),
  }
}

/** A page of the return for the person completing it (the page they left off at, unless `index` is given). */
export async function getReturnPage(
  ctx: ServiceContext,
  actor: Actor,
  returnId: string,
  index?: number,
): Promise<ReturnPage> {
  const c = await loadReturn(ctx, actor, returnId)
  assertCan(actor, 'audit.complete', resourceOf(c))
  if (c.r.audit.status === 'PLANNED')
    throw new AppError('INVALID_TRANSITION', `${c.r.audit.reference} has not opened yet.`)
  return buildPage(ctx, c, index)
}
