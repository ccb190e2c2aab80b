/**
 * A known history of actions for the insight tests, written straight into the database: the stories that
 * create actions through the bot are tested elsewhere, and the dashboard only reads them.
 */
import { randomUUID } from 'node:crypto'
import type { DbClient } from '../../lib/db.js'

type ActionRow = { agency: string; due: string; completed?: string; impact?: string; verifier?: string }

/** An action owned by the agency's safeguarding lead, due, completed and measured as given. */
async function insertAction(db: DbClient, a: ActionRow): Promise<void> {
  const partnership = await db.partnership.findFirstOrThrow()
  const owner = await db.person.findFirstOrThrow({ where: { key: a.agency === 'police' ? 'dana' : 'sam' } })
  await db.action.create({
    data: {
      partnershipId: partnership.id,
      reference: `NSCP-A-T${randomUUID().slice(0, 8)}`,
      source: 'national',
      what: 'Refresh the escalation policy',
      agencyKey: a.agency,
      ownerId: owner.id,
      dueDate: new Date(`${a.due}T00:00:00Z`),
      measureOfSuccess: 'Staff use it',
      verifyingSubGroupKey: a.verifier ?? 'qa-audit',
      status: a.impact ? 'CLOSED_MET' : a.completed ? 'AWAITING_VERIFICATION' : 'OPEN',
      createdById: owner.id,
      createdAt: new Date('2026-01-05T09:00:00Z'),
      ...(a.completed ? { completedAt: new Date(`${a.completed}T12:00:00Z`) } : {}),
      ...(a.impact ? { impactResult: a.impact, impactRecordedAt: new Date('2026-08-10T09:00:00Z') } : {}),
    },
  })
}

/** Q1 2026: police 2 due, 1 on time; health 2 due, both on time. Q3: health 1 due, late. Impact: one met, one not. */
export async function insertKnownActions(db: DbClient): Promise<void> {
  await insertAction(db, { agency: 'police', due: '2026-02-10', completed: '2026-02-09' })
  await insertAction(db, { agency: 'police', due: '2026-03-10' })
  await insertAction(db, { agency: 'health', due: '2026-03-02', completed: '2026-03-01', impact: 'met' })
  await insertAction(db, { agency: 'health', due: '2026-03-20', completed: '2026-03-20', impact: 'not-met' })
  await insertAction(db, { agency: 'health', due: '2026-08-03', completed: '2026-08-20', verifier: 'case-review' })
}

/** A tab sign-in token for a fixture person, minted by the playground as Teams single sign-on would give one. */
export async function tabToken(appUrl: string, person: string): Promise<string> {
  const res = await fetch(`${appUrl}/playground/tab-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ person }),
  })
  return ((await res.json()) as { token: string }).token
}
