/**
 * Opening an audit: each participant's return gets its lead and its tool version, answers from the last cycle
 * are carried forward (to confirm or change), and each lead is told 1:1. An audit opens when it is planned with
 * an opening date that has come, when the chair presses "Open now", or on the morning of its opening date (the
 * daily run, `openDueAudits`).
 *
 * Exactly once: the audit is claimed with a conditional update (PLANNED → OPEN) in the transaction that does
 * the rest, so two runs (or a run and a press) open it once.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import type { AuditEvent } from '../audit-log/audit-events.js'
import { todayIn } from '../calendar/dates.js'
import type { OutboxPayload } from '../notifications/notification.schema.js'
import { enqueue } from '../notifications/outbox.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import {
  chairOf,
  findLastCycleReturn,
  findParticipants,
  findTool,
  leadFor,
  mergedAnswers,
  type Participants,
} from './audit.repo.js'
import { ZAuditId } from './audit.schema.js'
import { type Answers, evidenceId, type ToolDefinition } from './audit-tool.schema.js'

/** What opening writes through: the transaction, the audit log and the outbox. */
export type OpenIO = {
  tx: Prisma.TransactionClient
  now: Date
  audit(event: AuditEvent): Promise<void>
  notify(payloads: OutboxPayload[]): Promise<void>
}

type Opening = {
  id: string
  partnershipId: string
  reference: string
  title: string
  type: string
  toolId: string
  openingDate: Date
  deadline: Date
}

/**
 * Opens the audit if it is still planned: returns false when someone else already did. `byName` is who opened
 * it, as the notices say ("the Quality Assurance and Audit Sub-group" for the daily run).
 */
export async function openWith(io: OpenIO, audit: Opening, byName: string): Promise<boolean> {
  const claimed = await io.tx.audit.updateMany({
    where: { id: audit.id, status: 'PLANNED' },
    data: { status: 'OPEN', openedAt: io.now, version: { increment: 1 } },
  })
  if (claimed.count === 0) return false
  // One after another: the queries share the transaction's connection.
  const tool = await findTool(io.tx, audit.partnershipId, audit.toolId)
  const participants = await findParticipants(io.tx, audit.partnershipId)
  const returns = await io.tx.auditReturn.findMany({ where: { auditId: audit.id, status: 'NOT_STARTED' } })
  if (!tool) throw new AppError('NOT_FOUND', 'The tool of this audit could not be found.')
  const leads: string[] = []
  const withoutLead: string[] = []
  for (const r of returns) {
    const opened = await openReturn(io, audit, tool, participants, r, byName)
    if (opened) leads.push(opened)
    else withoutLead.push(r.participantKey)
  }
  if (withoutLead.length) {
    const chair = chairOf(participants, 'qa-audit')
    const names = withoutLead.map((key) => participantName(participants, key))
    if (chair)
      await io.notify([
        {
          kind: 'person.notice',
          personId: chair.id,
          notice: {
            template: 'audit.for-chair',
            event: 'no-lead',
            auditId: audit.id,
            reference: audit.reference,
            participant: names.join(', '),
          },
        },
      ])
  }
  await io.audit({
    action: 'AUDIT_OPENED',
    subjectType: 'audit',
    subjectId: audit.id,
    before: { status: 'PLANNED' },
    after: { status: 'OPEN', leads, withoutLead },
  })
  return true
}

/** "Northshire Police" for "agency:police" (or a case part's agency), "Riverside Primary School" for a setting. */
export function participantName(p: Participants, participantKey: string): string {
  const [kind, ...rest] = participantKey.split(':')
  const key = rest[rest.length - 1]
  if (kind === 'setting') return p.settings.find((s) => s.key === key)?.name ?? 'a school'
  return p.agencies.find((a) => a.key === key)?.name ?? 'an agency'
}

/**
 * Gives one return its lead and tool version, carries the last cycle's answers forward and tells the lead.
 * Returns the lead's id, or null when nobody registered can complete it.
 */
export async function openReturn(
  io: OpenIO,
  audit: Opening,
  tool: { id: string; key: string; definition: ToolDefinition },
  participants: Participants,
  r: { id: string; participantKey: string; agencyId: string | null; settingId: string | null; caseId: string | null },
  byName: string,
  kase?: { label: string; reference: string | null },
): Promise<string | null> {
  const lead = leadFor(participants, r)
  const last = r.caseId ? null : await findLastCycleReturn(io.tx, audit, tool.key, r.participantKey)
  let carried = 0
  if (last) {
    const { answers } = mergedAnswers(last)
    for (const section of tool.definition.sections) {
      const kept: Answers = {}
      const ids: string[] = []
      for (const q of section.questions) {
        if (answers[q.id] === undefined) continue
        kept[q.id] = answers[q.id]!
        ids.push(q.id)
        const evidence = answers[evidenceId(q.id)]
        if (evidence !== undefined) kept[evidenceId(q.id)] = evidence
      }
      if (!ids.length) continue
      carried += ids.length
      await io.tx.auditSectionAnswer.create({
        data: { returnId: r.id, sectionKey: section.key, answers: kept, carried: ids, updatedAt: io.now },
      })
    }
  }
  await io.tx.auditReturn.update({
    where: { id: r.id },
    data: { leadId: lead?.id ?? null, toolId: tool.id, carriedFromId: last?.id ?? null, version: { increment: 1 } },
  })
  if (!lead) return null
  await io.notify([
    {
      kind: 'person.notice',
      personId: lead.id,
      notice: {
        template: 'audit.opened',
        returnId: r.id,
        reference: audit.reference,
        title: audit.title,
        type: audit.type,
        participant: participantName(participants, r.participantKey),
        deadline: audit.deadline.toISOString().slice(0, 10),
        openedBy: byName,
        ...(carried ? { carried } : {}),
        ...(kase ? { caseLabel: kase.label } : {}),
        ...(kase?.reference ? { caseReference: kase.reference } : {}),
      },
    },
  ])
  return lead.id
}

/** "Open now": the chair or the business manager opens a planned audit before its opening date. */
export const openAudit = useCase({
  input: ZAuditId,
  load: async (ctx, actor, input) => {
    const audit = await ctx.db.audit.findFirst({ where: { id: input.auditId, partnershipId: actor.partnershipId } })
    if (!audit) throw new AppError('NOT_FOUND', 'That audit could not be found.')
    return audit
  },
  policy: (actor, _input, audit) => {
    assertCan(actor, 'audit.plan')
    if (audit.status !== 'PLANNED') throw new AppError('ALREADY_DONE', `${audit.reference} is already open.`)
  },
  change: async (w, _input, audit) => {
    const opened = await openWith(w, audit, w.actor.name)
    if (!opened) throw new AppError('ALREADY_DONE', `${audit.reference} is already open.`)
    return { reference: audit.reference }
  },
})

/** The daily run: opens every planned audit (of one partnership) whose opening date has come; how many it opened. */
export async function openDueAudits(ctx: ServiceContext, partnershipId?: string): Promise<number> {
  const now = ctx.clock.now()
  let opened = 0
  const partnerships = await ctx.db.partnership.findMany({
    where: partnershipId ? { id: partnershipId } : {},
    select: { id: true, timeZone: true },
  })
  for (const p of partnerships) {
    const today = new Date(`${todayIn(p.timeZone, now)}T00:00:00Z`)
    const due = await ctx.db.audit.findMany({
      where: { partnershipId: p.id, status: 'PLANNED', openingDate: { lte: today } },
      orderBy: { openingDate: 'asc' },
    })
    for (const audit of due) {
      let queued = 0
      const done = await ctx.db.$transaction(async (tx) =>
        openWith(
          {
            tx,
            now,
            audit: (event) => recordAudit(tx, { ...event, partnershipId: p.id, actorId: null, at: now }),
            notify: async (payloads) => {
              queued += payloads.length
              await enqueue(tx, payloads)
            },
          },
          audit,
          'the Quality Assurance and Audit Sub-group',
        ),
      )
      if (done) opened += 1
      if (queued) ctx.deliver?.()
    }
  }
  return opened
}
