/**
 * The shared move of an action, with a writer that records instead of writing: the version check, the
 * transition check before any write, and audit payloads that hold tokens only (the texts stay in the row).
 */
import type { Prisma } from '@prisma/client'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import { type AuditEvent, ZAuditEvent } from '../audit-log/audit-events.js'
import type { Writer } from '../use-case.js'
import { auditCreated, moveAction } from './action.change.js'
import type { ActionRow } from './action.repo.js'

const action: ActionRow = {
  id: 'a1',
  partnershipId: 'p1',
  reference: 'NSCP-ACT-2026-0001',
  source: 'review',
  recommendationId: 'r1',
  reviewId: 'v1',
  sourceNote: 'From the review of a child\u2019s neglect.',
  formKey: 'token:0',
  what: 'Health visitors record the child\u2019s views.',
  agencyKey: 'health',
  ownerId: 'sam',
  dueDate: new Date('2026-11-30T00:00:00Z'),
  measureOfSuccess: 'Views recorded in 8 of 10.',
  verifyingSubGroupKey: 'case-review',
  status: 'OPEN',
  createdById: 'helen',
  createdAt: new Date('2026-11-02T10:00:00Z'),
  proposedDueDate: null,
  dateChangeReason: null,
  handBackReason: null,
  evidence: null,
  completedAt: null,
  verifiedById: null,
  verifiedAt: null,
  sendBackReason: null,
  impactMonths: 3,
  impactCheckDue: null,
  impactResult: null,
  impactNote: null,
  impactRecordedAt: null,
  reopenedFromId: null,
  version: 4,
}

/** A writer whose update matches `count` rows; it keeps the update asked for and every audit event, parsed. */
function writer(count: number) {
  const events: AuditEvent[] = []
  const updates: unknown[] = []
  const tx = {
    action: {
      updateMany: async (args: unknown) => {
        updates.push(args)
        return { count }
      },
    },
  }
  const w = {
    tx: tx as unknown as Prisma.TransactionClient,
    now: new Date('2026-11-02T10:00:00Z'),
    audit: async (event: AuditEvent) => {
      events.push(ZAuditEvent.parse(event))
    },
    notify: async () => {},
  } as unknown as Writer
  return { w, events, updates }
}

describe('moveAction', () => {
  it('updates on the version read, and records the status change with the field names, never the text', async () => {
    const { w, events, updates } = writer(1)
    const to = await moveAction(w, action, 'propose-date', {
      audit: 'ACTION_DATE_CHANGE_REQUESTED',
      data: { dateChangeReason: 'Training for all officers needs until January.' },
      after: { proposedDueDate: '2027-01-29' },
      fields: ['proposedDueDate', 'dateChangeReason'],
    })
    expect(to).toBe('DATE_CHANGE_REQUESTED')
    expect(updates).toEqual([
      {
        where: { id: 'a1', version: 4 },
        data: {
          dateChangeReason: 'Training for all officers needs until January.',
          status: 'DATE_CHANGE_REQUESTED',
          version: { increment: 1 },
        },
      },
    ])
    expect(events).toEqual([
      {
        action: 'ACTION_DATE_CHANGE_REQUESTED',
        subjectType: 'action',
        subjectId: 'a1',
        before: { status: 'OPEN' },
        after: { status: 'DATE_CHANGE_REQUESTED', proposedDueDate: '2027-01-29' },
        fields: ['proposedDueDate', 'dateChangeReason'],
      },
    ])
  })

  it('says ALREADY_DONE and records nothing when someone changed the action since it was read', async () => {
    const { w, events } = writer(0)
    const p = moveAction(w, action, 'progress', { audit: 'ACTION_PROGRESS_UPDATED' })
    await expect(p).rejects.toBeInstanceOf(AppError)
    await expect(p).rejects.toMatchObject({ code: 'ALREADY_DONE' })
    expect(events).toEqual([])
  })

  it('refuses a move the status does not allow before writing anything', async () => {
    const { w, updates } = writer(1)
    await expect(moveAction(w, action, 'verify', { audit: 'ACTION_VERIFIED' })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    })
    expect(updates).toEqual([])
  })
})

describe('auditCreated', () => {
  it('records ids, keys and dates, and names the free-text fields without their text', async () => {
    const { w, events } = writer(1)
    await auditCreated(w, { ...action, status: 'PROPOSED', reopenedFromId: 'a0' })
    expect(events).toEqual([
      {
        action: 'ACTION_CREATED',
        subjectType: 'action',
        subjectId: 'a1',
        after: {
          reference: 'NSCP-ACT-2026-0001',
          status: 'PROPOSED',
          source: 'review',
          recommendationId: 'r1',
          reviewId: 'v1',
          agencyKey: 'health',
          ownerId: 'sam',
          dueDate: '2026-11-30',
          verifyingSubGroupKey: 'case-review',
          impactMonths: 3,
          reopenedFromId: 'a0',
        },
        fields: ['what', 'measureOfSuccess', 'sourceNote'],
      },
    ])
    expect(JSON.stringify(events)).not.toContain('views')
  })
})
