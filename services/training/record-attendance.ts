/**
 * After a session the trainer marks each person attended, did not come, or cancelled. Anyone newly marked
 * attended once the survey straight after has gone out is sent it now (run-training-steps.ts sends it to those
 * already marked when the session ends), so every attendee is asked, however late the register is taken.
 */
import { AppError } from '../../lib/errors.js'
import { useCase } from '../use-case.js'
import { assertCanManage, invite } from './training.change.js'
import { findPartnershipBasics, findSession } from './training.repo.js'
import { ATTENDANCE_STATUS, ZAttendance } from './training.schema.js'

/** Records attendance; sends the survey straight after to anyone newly marked attended, if it has gone out. */
export const recordAttendance = useCase({
  input: ZAttendance,
  load: async (ctx, actor, input) => {
    const session = await findSession(ctx.db, input.sessionId)
    if (!session || session.course.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That session could not be found.')
    return { session, p: await findPartnershipBasics(ctx.db, actor.partnershipId) }
  },
  policy: (actor, input, { session }, ctx) => {
    assertCanManage(actor, session.course)
    if (session.status === 'CANCELLED') throw new AppError('INVALID_TRANSITION', 'This session was cancelled.')
    if (session.startsAt > ctx.clock.now())
      throw new AppError('INVALID_TRANSITION', 'Attendance can be recorded once the session has started.')
    const ids = new Set(session.bookings.map((b) => b.id))
    if (input.marks.some((m) => !ids.has(m.bookingId)))
      throw new AppError('NOT_FOUND', 'That place could not be found: open the session again.')
  },
  change: async (w, input, { session, p }) => {
    const attended: string[] = []
    let changed = 0
    for (const mark of input.marks) {
      const booking = session.bookings.find((b) => b.id === mark.bookingId)!
      const status = ATTENDANCE_STATUS[mark.mark]
      if (status === 'ATTENDED') attended.push(booking.personId)
      if (booking.status === status) continue
      await w.tx.booking.update({ where: { id: booking.id }, data: { status, updatedAt: w.now } })
      await w.audit({
        action: 'ATTENDANCE_RECORDED',
        subjectType: 'booking',
        subjectId: booking.id,
        before: { status: booking.status },
        after: { status },
      })
      changed++
    }
    const after = await w.tx.survey.findUnique({ where: { sessionId_kind: { sessionId: session.id, kind: 'after' } } })
    let surveyed = 0
    if (after && after.status === 'OPEN') {
      const notices = await invite(
        w.tx,
        p,
        after,
        attended.map((personId) => ({ personId })),
        {
          courseTitle: session.course.title,
          sessionStartsAt: session.startsAt,
          now: w.now,
        },
      )
      surveyed = notices.length
      await w.notify(notices)
    }
    return { courseTitle: session.course.title, changed, attended: attended.length, surveyed }
  },
})
