/**
 * Reads of audits, each checked against the actor: the programme, one audit's summary (returns received against
 * expected, ratings by standard self-assessed and moderated, the change since the last cycle, findings by
 * theme), one return's standards for sign-off and moderation, a case with its parts (other agencies' answers
 * hidden until the reader's own part is in), and what each form offers.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { listActionChoices } from '../actions/action.queries.js'
import type { ActionChoices } from '../actions/action.schema.js'
import { todayIn } from '../calendar/dates.js'
import { type Actor, ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import { canSee, loadReturn, type ReturnContext, resourceOf, returnResource, takesAnswers } from './audit.access.js'
import { findParticipants, findTool, listLatestTools, mergedAnswers, type Participants } from './audit.repo.js'
import { progressOf } from './audit.rules.js'
import {
  AUDIT_TYPES,
  type AuditLine,
  type AuditStatus,
  type AuditSummary,
  type AuditType,
  type CaseView,
  RECEIVED,
  RETURN_STATUSES,
  type ReturnLine,
  type ReturnStatus,
  type ReturnView,
  type StandardLine,
} from './audit.schema.js'
import {
  type Answers,
  choiceLabel,
  choicesOf,
  evidenceId,
  ratingOf,
  ratingPoints,
  type ToolDefinition,
} from './audit-tool.schema.js'
import { participantName } from './open-audit.js'
import { standardsOf } from './moderation.js'

const day = (d: Date) => d.toISOString().slice(0, 10)
const ZUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const idOrNotFound = (id: string | undefined, what: string): string => {
  if (!id || !ZUuid.test(id)) throw new AppError('NOT_FOUND', `That ${what} could not be found.`)
  return id
}

async function todayFor(ctx: ServiceContext, actor: Actor) {
  const p = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  return { today: todayIn(p.timeZone, ctx.clock.now()), themes: ZPartnershipSettings.parse(p.settings ?? {}).themes }
}

/** Who may see the programme: summary readers and planners. */
function assertProgramme(actor: Actor) {
  if (!can(actor, 'audit.view-summary') && !can(actor, 'audit.plan')) assertCan(actor, 'audit.view-summary')
}

/** The audit programme: every audit, newest first, with returns received against expected. */
export async function listAudits(ctx: ServiceContext, actor: Actor): Promise<AuditLine[]> {
  assertProgramme(actor)
  const audits = await ctx.db.audit.findMany({
    where: { partnershipId: actor.partnershipId },
    include: { returns: { select: { status: true } } },
    orderBy: [{ openingDate: 'desc' }, { reference: 'desc' }],
    take: 40,
  })
  return audits.map((a) => ({
    id: a.id,
    reference: a.reference,
    title: a.title,
    type: a.type as AuditType,
    typeLabel: AUDIT_TYPES[a.type as AuditType] ?? a.type,
    status: a.status as AuditStatus,
    openingDate: day(a.openingDate),
    deadline: day(a.deadline),
    expected: a.returns.length,
    received: a.returns.filter((r) => RECEIVED.includes(r.status as ReturnStatus)).length,
  }))
}

/** A return's parts as the resource and names need them. */
function describe(p: Participants, r: { participantKey: string; agencyId: string | null; settingId: string | null }) {
  const agency = p.agencies.find((a) => a.id === r.agencyId)
  const setting = p.settings.find((s) => s.id === r.settingId)
  return {
    agencyKey: agency?.key ?? null,
    settingKey: setting?.key ?? null,
    name: participantName(p, r.participantKey),
  }
}

/** The audit's summary for a reader of summaries (ratings only of the returns the reader may see). */
export async function getAuditSummary(ctx: ServiceContext, actor: Actor, auditId: string): Promise<AuditSummary> {
  assertProgramme(actor)
  const audit = await ctx.db.audit.findFirst({
    where: { id: idOrNotFound(auditId, 'audit'), partnershipId: actor.partnershipId },
    include: {
      returns: { include: { sections: true, ratings: true }, orderBy: { participantKey: 'asc' } },
      cases: { orderBy: { selectedAt: 'asc' } },
      findings: { include: { actions: true }, orderBy: { createdAt: 'asc' } },
    },
  })
  if (!audit) throw new AppError('NOT_FOUND', 'That audit could not be found.')
  const [tool, participants, { today }] = await Promise.all([
    findTool(ctx.db, actor.partnershipId, audit.toolId),
    findParticipants(ctx.db, actor.partnershipId),
    todayFor(ctx, actor),
  ])
  if (!tool) throw new AppError('NOT_FOUND', 'The tool of this audit could not be found.')
  const people = new Map(participants.people.map((p) => [p.id, p]))
  const isLate = today > day(audit.deadline)
  const visible = (r: (typeof audit.returns)[number]) => {
    const d = describe(participants, r)
    const lead = r.leadId ? people.get(r.leadId) : undefined
    return can(
      actor,
      'audit.view-return',
      returnResource({ ...d, leadId: r.leadId, managerId: lead?.managerId ?? null, status: r.status }),
    )
  }
  const caseLabel = new Map(audit.cases.map((k) => [k.id, k.label]))
  const nameOf = (r: (typeof audit.returns)[number]) =>
    r.caseId
      ? `${caseLabel.get(r.caseId) ?? 'A case'}, ${describe(participants, r).name}`
      : describe(participants, r).name
  const received = audit.returns.filter((r) => RECEIVED.includes(r.status as ReturnStatus))
  const last = await lastCycleMeans(ctx, audit, tool.key)
  const actionRefs = new Map(
    (
      await ctx.db.action.findMany({
        where: { id: { in: audit.findings.flatMap((f) => f.actions.map((a) => a.actionId)) } },
        select: { id: true, reference: true },
      })
    ).map((a) => [a.id, a.reference]),
  )
  const standards = tool.definition.sections.flatMap((section) => {
    const q = ratingOf(section)
    if (!q) return []
    const label = (v: string | null | undefined) => (v ? choiceLabel(q.kind, v) : null)
    const ratings = received.filter(visible).map((r) => {
      const self = (mergedAnswers(r).answers as Answers)[q.id]
      const rating = r.ratings.find((x) => x.sectionKey === section.key)
      const agreed = r.caseId
        ? (audit.cases.find((k) => k.id === r.caseId)?.agreedGrades as Record<string, string> | undefined)?.[
            section.key
          ]
        : (rating?.finalRating ?? rating?.moderatedRating)
      return { participant: nameOf(r), self: label(self === undefined ? null : String(self)), moderated: label(agreed) }
    })
    return [
      {
        sectionKey: section.key,
        title: section.title,
        ratings,
        mean: meanOf(audit, q.kind, section.key),
        lastMean: last.get(section.key) ?? null,
      },
    ]
  })
  return {
    id: audit.id,
    reference: audit.reference,
    title: audit.title,
    type: audit.type as AuditType,
    typeLabel: AUDIT_TYPES[audit.type as AuditType] ?? audit.type,
    status: audit.status as AuditStatus,
    theme: audit.theme,
    toolName: `${tool.name} (version ${tool.version})`,
    openingDate: day(audit.openingDate),
    deadline: day(audit.deadline),
    expected: audit.returns.length,
    received: received.length,
    outstanding: audit.returns
      .filter((r) => !RECEIVED.includes(r.status as ReturnStatus))
      .map((r) => ({
        participant: nameOf(r),
        lead: r.leadId ? (people.get(r.leadId)?.name ?? null) : null,
        status: RETURN_STATUSES[r.status as ReturnStatus] ?? r.status,
        isLate: audit.status === 'OPEN' && isLate,
      })),
    standards,
    findings: audit.findings.map((f) => ({
      id: f.id,
      text: f.text,
      themes: f.themes,
      actions: f.actions.map((a) => actionRefs.get(a.actionId) ?? '').filter(Boolean),
    })),
    cases: audit.cases.map((k) => ({
      id: k.id,
      label: k.label,
      parts: audit.returns
        .filter((r) => r.caseId === k.id)
        .map((r) => ({
          participant: describe(participants, r).name,
          status: RETURN_STATUSES[r.status as ReturnStatus] ?? r.status,
        })),
      discussed: k.discussedAt !== null,
    })),
    can: {
      plan: can(actor, 'audit.plan'),
      moderate: can(actor, 'audit.moderate'),
      selectCases: can(actor, 'audit.discuss') && audit.type === 'case-audit' && audit.status !== 'CLOSED',
      open: can(actor, 'audit.plan') && audit.status === 'PLANNED',
    },
  }

  /** The mean points of the final ratings (moderated returns; a case audit's agreed grades), or null. */
  function meanOf(a: typeof audit, kind: Parameters<typeof ratingPoints>[0], sectionKey: string): number | null {
    const values =
      a!.type === 'case-audit'
        ? a!.cases.map((k) => (k.agreedGrades as Record<string, string>)[sectionKey])
        : a!.returns
            .filter((r) => r.status === 'MODERATED')
            .map((r) => r.ratings.find((x) => x.sectionKey === sectionKey)?.finalRating)
    return mean(values.map((v) => ratingPoints(kind, v)))
  }
}

const mean = (points: (number | null)[]): number | null => {
  const xs = points.filter((x): x is number => x !== null)
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null
}

/** The last cycle's mean final rating per standard: the newest earlier audit of the same type and tool key. */
async function lastCycleMeans(
  ctx: ServiceContext,
  audit: { id: string; partnershipId: string; type: string; openingDate: Date },
  toolKey: string,
): Promise<Map<string, number | null>> {
  const tools = await ctx.db.auditTool.findMany({ where: { partnershipId: audit.partnershipId, key: toolKey } })
  const previous = await ctx.db.audit.findFirst({
    where: {
      partnershipId: audit.partnershipId,
      type: audit.type,
      id: { not: audit.id },
      openingDate: { lt: audit.openingDate },
      toolId: { in: tools.map((t) => t.id) },
    },
    orderBy: { openingDate: 'desc' },
    include: { returns: { where: { status: 'MODERATED' }, include: { ratings: true } }, cases: true },
  })
  const out = new Map<string, number | null>()
  if (!previous) return out
  const tool = tools.find((t) => t.id === previous.toolId)!
  const def = tool.definition as ToolDefinition
  for (const section of def.sections) {
    const q = ratingOf(section)
    if (!q) continue
    const values =
      previous.type === 'case-audit'
        ? previous.cases.map((k) => (k.agreedGrades as Record<string, string>)[section.key])
        : previous.returns.map((r) => r.ratings.find((x) => x.sectionKey === section.key)?.finalRating)
    out.set(section.key, mean(values.map((v) => ratingPoints(q.kind, v))))
  }
  return out
}

/** An audit by its reference, as its summary. */
export async function getAuditByReference(ctx: ServiceContext, actor: Actor, reference: string): Promise<AuditSummary> {
  assertProgramme(actor)
  const audit = await ctx.db.audit.findFirst({
    where: { reference: reference.toUpperCase(), partnershipId: actor.partnershipId },
    select: { id: true },
  })
  if (!audit) throw new AppError('NOT_FOUND', `There is no audit ${reference.toUpperCase()}.`)
  return getAuditSummary(ctx, actor, audit.id)
}

/** The standards of a return with what the reader may do: for sign-off, moderation and the response to it. */
export async function getReturnView(ctx: ServiceContext, actor: Actor, returnId: string): Promise<ReturnView> {
  const c = await loadReturn(ctx, actor, idOrNotFound(returnId, 'audit return'))
  if (!canSee(actor, c)) assertCan(actor, 'audit.view-return', resourceOf(c))
  return viewOf(ctx, actor, c)
}

async function viewOf(ctx: ServiceContext, actor: Actor, c: ReturnContext): Promise<ReturnView> {
  const ids = [c.r.submittedById, c.r.signedOffById].filter((x): x is string => Boolean(x))
  const names = new Map(
    (await ctx.db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [
      p.id,
      p.name,
    ]),
  )
  const { answers } = mergedAnswers(c.r)
  const status = c.r.status as ReturnStatus
  const standards: StandardLine[] = standardsOf(c).map(({ section, question, self }) => {
    const r = c.r.ratings.find((x) => x.sectionKey === section.key)
    const label = (v: string | null | undefined) => (v ? choiceLabel(question.kind, v) : null)
    const evidence = answers[evidenceId(question.id)]
    return {
      sectionKey: section.key,
      title: section.title,
      kind: question.kind,
      options: choicesOf(question.kind),
      selfRating: self,
      selfLabel: label(self),
      evidence: evidence === undefined ? null : String(evidence),
      decision: (r?.decision as StandardLine['decision']) ?? null,
      moderatedRating: r?.moderatedRating ?? null,
      moderatedLabel: label(r?.moderatedRating),
      reason: r?.reason ?? null,
      responseDecision: (r?.responseDecision as StandardLine['responseDecision']) ?? null,
      response: r?.response ?? null,
      finalRating: r?.finalRating ?? null,
      finalLabel: label(r?.finalRating),
    }
  })
  const resource = resourceOf(c)
  return {
    id: c.r.id,
    auditId: c.r.auditId,
    auditReference: c.r.audit.reference,
    auditTitle: c.r.audit.title,
    auditType: c.r.audit.type as AuditType,
    participant: c.caseLabel ? `${c.caseLabel}, ${c.participant}` : c.participant,
    lead: c.lead?.name ?? null,
    status,
    statusLabel: RETURN_STATUSES[status] ?? status,
    deadline: day(c.r.audit.deadline),
    submittedBy: c.r.submittedById ? (names.get(c.r.submittedById) ?? null) : null,
    signedOffBy: c.r.signedOffById ? (names.get(c.r.signedOffById) ?? null) : null,
    governorsReviewOn: c.r.governorsReviewOn ? day(c.r.governorsReviewOn) : null,
    standards,
    can: {
      moderate: can(actor, 'audit.moderate') && (status === 'SIGNED_OFF' || status === 'CHALLENGED') && !c.r.caseId,
      respond: can(actor, 'audit.respond', resource) && status === 'CHALLENGED',
      signOff: can(actor, 'audit.sign-off', resource) && status === 'SUBMITTED' && !c.r.caseId,
      reopen:
        can(actor, 'audit.moderate') &&
        c.r.audit.status === 'OPEN' &&
        !takesAnswers(c) &&
        (status === 'NOT_STARTED' || status === 'IN_PROGRESS' || status === 'SUBMITTED' || status === 'SIGNED_OFF'),
      complete: can(actor, 'audit.complete', resource) && takesAnswers(c),
    },
  }
}

/** One standard of a return, for its moderation form (the QA chair only). */
export async function getStandardForModeration(
  ctx: ServiceContext,
  actor: Actor,
  returnId: string,
  sectionKey: string,
): Promise<{ view: ReturnView; standard: StandardLine }> {
  assertCan(actor, 'audit.moderate')
  const view = await getReturnView(ctx, actor, returnId)
  const standard = view.standards.find((s) => s.sectionKey === sectionKey)
  if (!standard) throw new AppError('NOT_FOUND', 'That standard is not in this return.')
  return { view, standard }
}

/** One challenged standard, for the agency's response (those who may respond only). */
export async function getChallengeForResponse(
  ctx: ServiceContext,
  actor: Actor,
  returnId: string,
  sectionKey: string,
): Promise<{ view: ReturnView; standard: StandardLine }> {
  const c = await loadReturn(ctx, actor, idOrNotFound(returnId, 'audit return'))
  assertCan(actor, 'audit.respond', resourceOf(c))
  const view = await viewOf(ctx, actor, c)
  const standard = view.standards.find((s) => s.sectionKey === sectionKey && s.decision === 'change')
  if (!standard) throw new AppError('NOT_FOUND', 'That standard was not challenged.')
  return { view, standard }
}

/** A return to sign off (those who may sign it off only). */
export async function getReturnForSignOff(ctx: ServiceContext, actor: Actor, returnId: string): Promise<ReturnView> {
  const c = await loadReturn(ctx, actor, idOrNotFound(returnId, 'audit return'))
  assertCan(actor, 'audit.sign-off', resourceOf(c))
  return viewOf(ctx, actor, c)
}

/** A case with its parts: grades of other agencies only once the reader's own part is in (or for the chair). */
export async function getCaseView(ctx: ServiceContext, actor: Actor, caseId: string): Promise<CaseView> {
  const kase = await ctx.db.auditCase.findUnique({
    where: { id: idOrNotFound(caseId, 'case') },
    include: { audit: true },
  })
  if (!kase || kase.audit.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That case could not be found.')
  const [tool, participants, parts] = await Promise.all([
    findTool(ctx.db, actor.partnershipId, kase.audit.toolId),
    findParticipants(ctx.db, actor.partnershipId),
    ctx.db.auditReturn.findMany({ where: { caseId }, include: { sections: true }, orderBy: { participantKey: 'asc' } }),
  ])
  if (!tool) throw new AppError('NOT_FOUND', 'The tool of this audit could not be found.')
  const seesAll = can(actor, 'audit.view-all')
  const mine = parts.find((p) => {
    const d = describe(participants, p)
    return can(actor, 'audit.complete', returnResource({ ...d, leadId: p.leadId, managerId: null, status: p.status }))
  })
  if (!seesAll && !mine) assertCan(actor, 'audit.view-all')
  const mineIsIn = mine !== undefined && RECEIVED.includes(mine.status as ReturnStatus)
  const refs = kase.agencyRefs as Record<string, string>
  const agencyName = (key: string) => participants.agencies.find((a) => a.key === key)?.name ?? key
  const mineKey = mine ? describe(participants, mine).agencyKey : null
  return {
    id: kase.id,
    auditId: kase.auditId,
    auditReference: kase.audit.reference,
    label: kase.label,
    theme: kase.audit.theme,
    refs: Object.entries(refs)
      .filter(([key]) => seesAll || key === mineKey)
      .map(([key, reference]) => ({ agency: agencyName(key), reference })),
    parts: parts.map((p) => {
      const isMine = p.id === mine?.id
      // No one anchors on another agency's grade: it shows once it is in, and once the reader's own is.
      const shows = isMine || (RECEIVED.includes(p.status as ReturnStatus) && (seesAll || mineIsIn))
      const answers = mergedAnswers(p).answers
      return {
        returnId: p.id,
        agency: describe(participants, p).name,
        status: p.status as ReturnStatus,
        statusLabel: RETURN_STATUSES[p.status as ReturnStatus] ?? p.status,
        grades: shows
          ? Object.fromEntries(
              tool.definition.sections.flatMap((s) => {
                const q = ratingOf(s)
                const v = q ? answers[q.id] : undefined
                return q && v !== undefined ? [[s.key, choiceLabel(q.kind, String(v))]] : []
              }),
            )
          : null,
      }
    }),
    areas: tool.definition.sections.flatMap((s) => {
      const q = ratingOf(s)
      if (!q) return []
      const agreed = (kase.agreedGrades as Record<string, string>)[s.key]
      return [
        {
          sectionKey: s.key,
          title: s.title,
          options: choicesOf(q.kind),
          agreed: agreed ? choiceLabel(q.kind, agreed) : null,
        },
      ]
    }),
    goodPractice: kase.goodPractice,
    areasForDevelopment: kase.areasForDevelopment,
    recommendations: kase.recommendations,
    can: { discuss: can(actor, 'audit.discuss') && parts.some((p) => p.status === 'SUBMITTED') },
    hiddenNote:
      !seesAll && !mineIsIn && parts.some((p) => p.id !== mine?.id)
        ? "Other agencies' answers show once you have submitted your own part, so no one anchors on another's grade."
        : null,
  }
}

/** A case for its audit discussion (the QA chair only). */
export async function getCaseForDiscussion(ctx: ServiceContext, actor: Actor, caseId: string): Promise<CaseView> {
  assertCan(actor, 'audit.discuss')
  return getCaseView(ctx, actor, caseId)
}

/** `my audits`: returns to complete, sign off or respond to, and (for the QA chair) returns to moderate. */
export async function listMyAudits(ctx: ServiceContext, actor: Actor): Promise<ReturnLine[]> {
  const participants = await findParticipants(ctx.db, actor.partnershipId)
  const { today } = await todayFor(ctx, actor)
  const rows = await ctx.db.auditReturn.findMany({
    where: { audit: { partnershipId: actor.partnershipId, status: 'OPEN' }, status: { not: 'MODERATED' } },
    include: { audit: true, sections: true },
    orderBy: [{ audit: { deadline: 'asc' } }, { participantKey: 'asc' }],
  })
  const people = new Map(participants.people.map((p) => [p.id, p]))
  const tools = new Map<string, ToolDefinition>()
  const cases = new Map(
    (
      await ctx.db.auditCase.findMany({
        where: { id: { in: rows.map((r) => r.caseId).filter((x): x is string => Boolean(x)) } },
      })
    ).map((k) => [k.id, k]),
  )
  const out: ReturnLine[] = []
  for (const r of rows) {
    const d = describe(participants, r)
    const lead = r.leadId ? people.get(r.leadId) : undefined
    const resource = returnResource({ ...d, leadId: r.leadId, managerId: lead?.managerId ?? null, status: r.status })
    const status = r.status as ReturnStatus
    const isLate = today > day(r.audit.deadline)
    const next: ReturnLine['next'] | null =
      (status === 'NOT_STARTED' || status === 'IN_PROGRESS') && can(actor, 'audit.complete', resource)
        ? isLate && !r.reopenedAt
          ? null
          : 'complete'
        : status === 'SUBMITTED' && !r.caseId && can(actor, 'audit.sign-off', resource)
          ? 'sign-off'
          : status === 'CHALLENGED' && can(actor, 'audit.respond', resource)
            ? 'respond'
            : (status === 'SIGNED_OFF' || status === 'CHALLENGED') && can(actor, 'audit.moderate')
              ? 'moderate'
              : null
    if (!next) continue
    const toolId = r.toolId ?? r.audit.toolId
    if (!tools.has(toolId)) tools.set(toolId, (await findTool(ctx.db, actor.partnershipId, toolId))!.definition)
    const progress = progressOf(tools.get(toolId)!, mergedAnswers(r).answers)
    const kase = r.caseId ? cases.get(r.caseId) : undefined
    out.push({
      id: r.id,
      auditId: r.auditId,
      auditReference: r.audit.reference,
      auditTitle: r.audit.title,
      participant: d.name,
      ...(kase ? { caseLabel: kase.label } : {}),
      ...(kase && d.agencyKey && can(actor, 'audit.complete', resource)
        ? { caseReference: (kase.agencyRefs as Record<string, string>)[d.agencyKey] }
        : {}),
      lead: lead?.name ?? null,
      status,
      statusLabel: RETURN_STATUSES[status] ?? status,
      deadline: day(r.audit.deadline),
      isLate,
      ...progress,
      next,
    })
  }
  return out
}

/** What the plan form offers: types, the newest tool versions, agencies, schools and themes. */
export async function getPlanForm(ctx: ServiceContext, actor: Actor) {
  assertCan(actor, 'audit.plan')
  const [tools, participants, { themes }] = await Promise.all([
    ctx.db.auditTool.findMany({
      where: { partnershipId: actor.partnershipId },
      orderBy: [{ name: 'asc' }, { version: 'desc' }],
    }),
    findParticipants(ctx.db, actor.partnershipId),
    todayFor(ctx, actor),
  ])
  return {
    types: Object.entries(AUDIT_TYPES).map(([value, label]) => ({ value, label })),
    tools: tools.map((t) => ({ value: t.id, label: `${t.name} (version ${t.version})` })),
    participants: [
      ...participants.agencies.map((a) => ({ value: a.key, label: a.name })),
      ...participants.settings.map((s) => ({ value: s.key, label: `${s.name} (school)` })),
    ],
    themes: themes.map((t) => ({ value: t, label: t })),
  }
}

/** The newest version of each tool, for those who may change tools (the programme card's copy buttons). */
export async function listTools(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ id: string; name: string; version: number }[]> {
  if (!can(actor, 'audit.edit-tools')) return []
  return (await listLatestTools(ctx.db, actor.partnershipId)).map((t) => ({
    id: t.id,
    name: t.name,
    version: t.version,
  }))
}

/** What the copy form offers: the tools, and the questions and sections of the one being copied. */
export async function getCopyToolForm(ctx: ServiceContext, actor: Actor, toolId?: string) {
  assertCan(actor, 'audit.edit-tools')
  const tools = await ctx.db.auditTool.findMany({
    where: { partnershipId: actor.partnershipId },
    orderBy: [{ name: 'asc' }, { version: 'desc' }],
  })
  const chosen = toolId && ZUuid.test(toolId) ? await findTool(ctx.db, actor.partnershipId, toolId) : null
  return {
    tool: chosen ? { id: chosen.id, name: chosen.name, version: chosen.version } : null,
    tools: tools.map((t) => ({ value: t.id, label: `${t.name} (version ${t.version})` })),
    questions: chosen
      ? chosen.definition.sections.flatMap((s) =>
          s.questions.filter((q) => !q.isRating).map((q) => ({ value: q.id, label: `${s.title}: ${q.label}` })),
        )
      : [],
    sections: chosen ? chosen.definition.sections.map((s) => ({ value: s.key, label: s.title })) : [],
  }
}

/** The audit a case is chosen for, and its agencies (the QA chair only). */
export async function getCaseSelection(ctx: ServiceContext, actor: Actor, auditId: string) {
  assertCan(actor, 'audit.discuss')
  const audit = await ctx.db.audit.findFirst({
    where: { id: idOrNotFound(auditId, 'audit'), partnershipId: actor.partnershipId },
    include: { cases: { select: { id: true } } },
  })
  if (audit?.type !== 'case-audit') throw new AppError('NOT_FOUND', 'That case audit could not be found.')
  const participants = await findParticipants(ctx.db, actor.partnershipId)
  return {
    id: audit.id,
    reference: audit.reference,
    theme: audit.theme,
    nextLabel: `Case ${audit.cases.length + 1}`,
    agencies: audit.participantKeys.map((key) => ({
      key,
      name: participants.agencies.find((a) => a.key === key)?.name ?? key,
    })),
  }
}

/** A finding to turn into actions, with the partnership's themes and the action forms' choices. */
export async function getFindingForActions(
  ctx: ServiceContext,
  actor: Actor,
  findingId: string,
): Promise<{
  finding: { id: string; text: string; themes: string[]; auditReference: string }
  themes: string[]
  choices: ActionChoices
}> {
  assertCan(actor, 'action.create')
  const finding = await ctx.db.auditFinding.findUnique({
    where: { id: idOrNotFound(findingId, 'finding') },
    include: { audit: { select: { partnershipId: true, reference: true } } },
  })
  if (!finding || finding.audit.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That finding could not be found.')
  const { themes } = await todayFor(ctx, actor)
  return {
    finding: { id: finding.id, text: finding.text, themes: finding.themes, auditReference: finding.audit.reference },
    themes,
    choices: await listActionChoices(ctx, actor),
  }
}
