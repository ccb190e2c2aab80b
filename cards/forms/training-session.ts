/**
 * The trainer's forms and buttons for one session: register people, record attendance after it, move it, or
 * cancel it; and each person's own buttons: book a place, or give it up.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { Services } from '../../services/index.js'
import { ATTENDANCE, attendanceSlot, MAX_ATTENDANCE_ROWS } from '../../services/training/training.schema.js'
import { cardReply, defineButton, defineForm, type Reply, type Scope } from '../interaction.js'
import { courseCard, trainingOverviewCard } from '../messages/training-cards.js'
import type { Field } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { SESSION_TIME_FIELDS } from './training-course.js'
import { about, done, optionsOf } from './shared.js'

type SessionData = Awaited<ReturnType<Services['training']['sessionForTrainer']>>
const loadSession = ({ services, actor, meta }: Scope) =>
  services.training.sessionForTrainer(actor, meta.sessionId ?? '')
const aboutSession = (s: SessionData) =>
  about(`${s.courseTitle}: ${formatDate(s.date)}, ${s.startTime} to ${s.endTime}`)

/** The course card again, with a line saying what was done. */
async function courseAgain(scope: Scope, sessionId: string, line: string): Promise<Reply[]> {
  const session = await scope.services.training.sessionForTrainer(scope.actor, sessionId)
  const card = courseCard(await scope.services.training.courseView(scope.actor, session.courseId))
  card.blocks.unshift(text(line, 'good'))
  return cardReply(card)
}

export const trainingRegisterForm = defineForm({
  verb: VERBS.trainingRegister,
  title: 'Register people',
  submitLabel: 'Register',
  fields: [{ id: 'people', label: 'People to register', kind: 'multiselect', required: true }],
  load: loadSession,
  view: (s: SessionData) => ({
    meta: { sessionId: s.id },
    intro: [
      ...aboutSession(s),
      text(`${s.bookings.filter((b) => b.status !== 'CANCELLED').length} of ${s.capacity} places taken.`),
    ],
    options: { people: s.people },
  }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const r = await services.training.registerPeople(actor, { sessionId: meta.sessionId, people: values.people ?? [] })
    const line =
      r.registered > 0
        ? `${r.registered} ${r.registered === 1 ? 'person' : 'people'} registered: each has been told, with the survey to rate their confidence before.`
        : 'Everyone chosen already had a place.'
    return courseAgain(scope, meta.sessionId ?? '', line)
  },
})

const ATTENDANCE_FIELDS: Field[] = Array.from({ length: MAX_ATTENDANCE_ROWS }, (_, i) => ({
  id: attendanceSlot(i),
  label: `Person ${i + 1}`,
  kind: 'select',
  options: optionsOf(ATTENDANCE),
}))

export const trainingAttendanceForm = defineForm({
  verb: VERBS.trainingAttendance,
  title: 'Attendance',
  submitLabel: 'Save attendance',
  fields: ATTENDANCE_FIELDS,
  load: loadSession,
  view: (s: SessionData) => {
    const rows = s.bookings.slice(0, MAX_ATTENDANCE_ROWS)
    const current = { ATTENDED: 'attended', NO_SHOW: 'no-show', CANCELLED: 'cancelled', BOOKED: undefined } as const
    return {
      meta: { sessionId: s.id, bookings: rows.map((b) => b.bookingId).join(',') },
      intro: [
        ...aboutSession(s),
        text('Each person marked attended gets the survey straight after the session.', 'default', true),
      ],
      fields: rows.map((b, i) => ({ ...ATTENDANCE_FIELDS[i]!, label: b.name, required: true })),
      values: Object.fromEntries(rows.map((b, i) => [attendanceSlot(i), current[b.status]])),
    }
  },
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const bookings = (meta.bookings ?? '').split(',').filter(Boolean)
    const marks = bookings.flatMap((bookingId, i) => {
      const mark = values[attendanceSlot(i)]
      return typeof mark === 'string' ? [{ bookingId, mark }] : []
    })
    const r = await services.training.recordAttendance(actor, { sessionId: meta.sessionId, marks })
    const line = `Attendance saved: ${r.attended} attended.${r.surveyed ? ` ${r.surveyed} ${r.surveyed === 1 ? 'person has' : 'people have'} been sent the survey.` : ''}`
    return courseAgain(scope, meta.sessionId ?? '', line)
  },
})

export const trainingSessionRescheduleForm = defineForm({
  verb: VERBS.trainingSessionReschedule,
  title: 'Move the session',
  submitLabel: 'Move session',
  fields: SESSION_TIME_FIELDS,
  load: loadSession,
  view: (s: SessionData) => ({
    meta: { sessionId: s.id },
    intro: [...aboutSession(s), text('Everyone with a place is told. Its surveys move with it.', 'default', true)],
    values: { date: s.date, startTime: s.startTime, endTime: s.endTime },
  }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const r = await services.training.rescheduleSession(actor, { ...values, sessionId: meta.sessionId })
    const date = typeof values.date === 'string' ? formatDate(values.date) : ''
    return courseAgain(
      scope,
      meta.sessionId ?? '',
      `${r.courseTitle} moved to ${date}. ${r.people} ${r.people === 1 ? 'person' : 'people'} told.`,
    )
  },
})

export const trainingSessionCancelButton = defineButton({
  verb: VERBS.trainingSessionCancel,
  run: async ({ services, actor, meta }) => {
    const r = await services.training.cancelSession(actor, { sessionId: meta.sessionId })
    return done(
      `${r.courseTitle}: session cancelled`,
      `${r.people} ${r.people === 1 ? 'person' : 'people'} with a place ${r.people === 1 ? 'has' : 'have'} been told. Its surveys will not be sent.`,
    )
  },
})

export const trainingBookButton = defineButton({
  verb: VERBS.trainingBook,
  run: async ({ services, actor, meta }) => {
    const r = await services.training.bookPlace(actor, { sessionId: meta.sessionId })
    const card = trainingOverviewCard(await services.training.trainingOverview(actor))
    card.blocks.unshift(
      text(r.isNew ? `You have a place on ${r.courseTitle}.` : `You already have a place on ${r.courseTitle}.`, 'good'),
      {
        type: 'actions',
        actions: [
          {
            type: 'open',
            verb: VERBS.surveyAnswer,
            label: 'Rate my confidence now',
            data: { surveyId: r.beforeSurveyId },
          },
        ],
      },
    )
    return cardReply(card)
  },
})

export const trainingCancelPlaceButton = defineButton({
  verb: VERBS.trainingCancelPlace,
  run: async ({ services, actor, meta }) => {
    const r = await services.training.cancelPlace(actor, { sessionId: meta.sessionId })
    return done(
      `Place given up: ${r.courseTitle}`,
      'Your place is free for someone else. Type "training" to book another.',
    )
  },
})

export const trainingCourseOpenButton = defineButton({
  verb: VERBS.trainingCourseOpen,
  run: async ({ services, actor, meta }) =>
    cardReply(courseCard(await services.training.courseView(actor, meta.courseId ?? ''))),
})
