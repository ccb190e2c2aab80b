/**
 * The one reminder: someone sent a learning product who has not read it 5 working days later gets one line in
 * their daily digest (services/nudges), with the button to open it. `remindedOn` records the day, so they are
 * reminded once: a re-run the same day finds the same items (the digest's own claim sends them once), a later
 * day finds none.
 */
import type { Db } from '../../lib/db.js'
import { workingDaysBetween } from '../calendar/working-days.js'

/** Working days after sending before the reminder. */
const REMIND_AFTER_WORKING_DAYS = 5

export type ReminderItem = {
  productId: string
  reference: string
  label: string
  dueDate: string
  reason: 'not-read'
  daysLate: number
}

/** The reminders due today for the partnership's people, by person; marks each as reminded today. */
export async function collectReadingReminders(
  db: Db,
  partnershipId: string,
  today: string,
): Promise<Map<string, ReminderItem[]>> {
  const todayDate = new Date(`${today}T00:00:00Z`)
  const rows = await db.broadcastDelivery.findMany({
    where: {
      status: 'SENT',
      personId: { not: null },
      OR: [{ remindedOn: null }, { remindedOn: todayDate }],
      broadcast: { subjectType: 'learning-product', partnershipId },
      sentAt: { lt: todayDate },
    },
    select: { id: true, personId: true, sentAt: true, broadcast: { select: { subjectId: true } } },
  })
  if (!rows.length) return new Map()
  const products = await db.learningProduct.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.broadcast.subjectId))] } },
    select: { id: true, reference: true, title: true },
  })
  const reads = await db.productRead.findMany({
    where: { productId: { in: products.map((p) => p.id) }, personId: { in: rows.map((r) => r.personId!) } },
    select: { productId: true, personId: true },
  })
  const read = new Set(reads.map((r) => `${r.productId}:${r.personId}`))
  const productOf = new Map(products.map((p) => [p.id, p]))
  const due = rows.filter((r) => {
    const sentDay = r.sentAt!.toISOString().slice(0, 10)
    return (
      !read.has(`${r.broadcast.subjectId}:${r.personId}`) &&
      workingDaysBetween(sentDay, today) >= REMIND_AFTER_WORKING_DAYS
    )
  })
  if (!due.length) return new Map()
  await db.broadcastDelivery.updateMany({
    where: { id: { in: due.map((r) => r.id) } },
    data: { remindedOn: todayDate },
  })
  const byPerson = new Map<string, ReminderItem[]>()
  for (const r of due) {
    const p = productOf.get(r.broadcast.subjectId)!
    const item: ReminderItem = {
      productId: p.id,
      reference: p.reference,
      label: p.title,
      dueDate: r.sentAt!.toISOString().slice(0, 10),
      reason: 'not-read',
      daysLate: 0,
    }
    byPerson.set(r.personId!, [...(byPerson.get(r.personId!) ?? []), item])
  }
  return byPerson
}
