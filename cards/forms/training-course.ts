/**
 * The trainer's forms for a course: create it (title, 1 to 5 learning outcomes, theme, the review or audit it
 * responds to, named or anonymous answers) and add a session (date, times, the agencies it is for, places).
 */
import { randomUUID } from 'node:crypto'
import { formatDate } from '../../services/calendar/dates.js'
import { cardReply, defineForm } from '../interaction.js'
import { courseCard } from '../messages/training-cards.js'
import type { Field } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

const outcome = (n: number): Field => ({
  id: `outcome${n}`,
  label: `Learning outcome ${n}${n === 1 ? '' : ' (optional)'}`,
  kind: 'text',
  required: n === 1,
  maxLength: 200,
  ...(n === 1 ? { placeholder: 'Practitioners can record what a child says and does at each visit' } : {}),
})

export const trainingCourseCreateForm = defineForm({
  verb: VERBS.trainingCourseCreate,
  title: 'New course',
  submitLabel: 'Create course',
  fields: [
    { id: 'title', label: 'Course title', kind: 'text', required: true, maxLength: 120 },
    outcome(1),
    outcome(2),
    outcome(3),
    outcome(4),
    outcome(5),
    { id: 'theme', label: 'The theme it serves', kind: 'select', required: true },
    { id: 'respondsToReviewId', label: 'The review it responds to (optional)', kind: 'select' },
    {
      id: 'respondsToAudit',
      label: "The audit it responds to (optional): the audit's reference",
      kind: 'text',
      maxLength: 40,
    },
    {
      id: 'namedAnswers',
      label: 'Named answers',
      kind: 'checkbox',
      help: 'Ask for named answers (otherwise the surveys are anonymous)',
    },
  ],
  load: ({ services, actor }) => services.training.courseChoices(actor),
  view: (d) => ({
    meta: { formToken: randomUUID() },
    intro: about('Attendees rate their confidence in each learning outcome before and after the course.'),
    options: {
      theme: d.themes.map((t) => ({ value: t, label: t })),
      respondsToReviewId: d.reviews,
    },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.training.createCourse(actor, { ...values, formToken: meta.formToken })
    const view = await services.training.courseView(actor, r.courseId)
    const card = courseCard(view)
    card.blocks.unshift(
      text(
        r.isNew
          ? `Course ${r.reference} created. Add its first session.`
          : `Course ${r.reference} was already created.`,
        'good',
      ),
    )
    return cardReply(card)
  },
})

/** Half-hour times from 07:30 to 20:00, as the session form offers them. */
const TIMES = Array.from({ length: 26 }, (_, i) => {
  const minutes = 7 * 60 + 30 + i * 30
  const t = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  return { value: t, label: t }
})

/** The date and times of a session: shared by adding and moving one. */
export const SESSION_TIME_FIELDS: Field[] = [
  { id: 'date', label: 'Date', kind: 'date', required: true },
  { id: 'startTime', label: 'Starts at', kind: 'select', required: true, options: TIMES },
  { id: 'endTime', label: 'Ends at', kind: 'select', required: true, options: TIMES },
]

export const trainingSessionCreateForm = defineForm({
  verb: VERBS.trainingSessionCreate,
  title: 'New session',
  submitLabel: 'Add session',
  fields: [
    ...SESSION_TIME_FIELDS,
    {
      id: 'agencies',
      label: 'For which agencies',
      kind: 'multiselect',
      help: 'Choose none for every agency.',
    },
    { id: 'capacity', label: 'Places', kind: 'text', required: true, maxLength: 3, placeholder: '20' },
  ],
  load: ({ services, actor, meta }) => services.training.sessionChoices(actor, meta.courseId ?? ''),
  view: (d) => ({
    meta: { formToken: randomUUID(), courseId: d.course.id },
    intro: about(`${d.course.reference}: ${d.course.title}`),
    options: { agencies: d.agencies },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.training.scheduleSession(actor, {
      ...values,
      formToken: meta.formToken,
      courseId: meta.courseId,
    })
    const card = courseCard(await services.training.courseView(actor, meta.courseId ?? ''))
    const date = typeof values.date === 'string' ? formatDate(values.date) : ''
    card.blocks.unshift(
      text(
        r.isNew
          ? `Session on ${date} added. People in its agencies can book it by typing "training".`
          : 'That session was already added.',
        'good',
      ),
    )
    return cardReply(card)
  },
})
