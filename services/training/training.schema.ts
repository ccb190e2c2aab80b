/**
 * Training and surveys (issue 13): the inputs of every use case, the labels people see for each status, and the
 * shapes the queries return. Field names are the form's field ids, so a message goes next to its field.
 */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'
import { MAX_OUTCOMES, type SurveyField } from './survey-definition.schema.js'

export const BOOKING_STATUSES = {
  BOOKED: 'Booked',
  ATTENDED: 'Attended',
  NO_SHOW: 'Did not come',
  CANCELLED: 'Cancelled',
} as const
export type BookingStatus = keyof typeof BOOKING_STATUSES
/** What the trainer chooses for each person after a session. */
export const ATTENDANCE = { attended: 'Attended', 'no-show': 'Did not come', cancelled: 'Cancelled' } as const
export const ATTENDANCE_STATUS: Record<keyof typeof ATTENDANCE, BookingStatus> = {
  attended: 'ATTENDED',
  'no-show': 'NO_SHOW',
  cancelled: 'CANCELLED',
}

const SURVEY_KINDS = {
  before: 'before the session',
  after: 'straight after the session',
  'follow-up': 'weeks after the course',
  manager: "the line manager's view",
  audience: 'a survey',
} as const
export type SurveyKind = keyof typeof SURVEY_KINDS

const isoDate = z
  .string({ required_error: 'Enter a date.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date.')
  .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')
const time = (what: string) =>
  z
    .string({ required_error: `Choose the ${what} time.` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Choose the ${what} time.`)
const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(min, `Enter ${label}${min > 1 ? ` (at least ${min} characters)` : ''}.`)
    .max(max, `Keep ${label} to ${max} characters.`)
const optionalText = (label: string, min: number, max: number) => text(label, min, max).optional()
const keys = z.array(z.string().min(1).max(60)).max(60).default([])

export const ZCreateCourse = z.object({
  formToken: z.string().uuid(),
  title: text('the course title', 5, 120),
  outcome1: text('at least one learning outcome', 5, 200),
  outcome2: optionalText('the learning outcome', 5, 200),
  outcome3: optionalText('the learning outcome', 5, 200),
  outcome4: optionalText('the learning outcome', 5, 200),
  outcome5: optionalText('the learning outcome', 5, 200),
  theme: z.string({ required_error: 'Choose the theme it serves.' }).min(1, 'Choose the theme it serves.'),
  respondsToReviewId: z.string().uuid('Choose a review from the list.').optional(),
  respondsToAudit: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, "Enter the audit's reference, such as NSCP-AUD-2026-0003.")
    .optional(),
  namedAnswers: z.boolean().default(false),
  confirmSensitive: z.boolean().default(false),
})
export type CreateCourse = z.infer<typeof ZCreateCourse>
/** The learning outcomes of a course form, in order, without the empty ones. */
export const outcomesOf = (input: CreateCourse): string[] =>
  [input.outcome1, input.outcome2, input.outcome3, input.outcome4, input.outcome5]
    .filter((o): o is string => Boolean(o))
    .slice(0, MAX_OUTCOMES)
export const COURSE_FREE_TEXT = ['title', 'outcome1', 'outcome2', 'outcome3', 'outcome4', 'outcome5'] as const

const ZSessionTimes = z
  .object({
    date: isoDate,
    startTime: time('start'),
    endTime: time('end'),
  })
  .refine((s) => s.endTime > s.startTime, { message: 'The session must end after it starts.', path: ['endTime'] })

export const ZScheduleSession = z
  .object({
    formToken: z.string().uuid(),
    courseId: z.string().uuid(),
    agencies: keys,
    capacity: z.coerce
      .number({ invalid_type_error: 'Enter the number of places.' })
      .int('Enter a whole number of places.')
      .min(1, 'Offer at least 1 place.')
      .max(500, 'Offer at most 500 places.'),
  })
  .and(ZSessionTimes)

export const ZRescheduleSession = z.object({ sessionId: z.string().uuid() }).and(ZSessionTimes)
export const ZSessionId = z.object({ sessionId: z.string().uuid() })
export const ZRegister = z.object({
  sessionId: z.string().uuid(),
  people: z.array(z.string().uuid()).min(1, 'Choose at least one person.').max(200),
})

/** The attendance form: one choice per booking, in slots `attendee1`…; the booking ids travel in the meta. */
export const MAX_ATTENDANCE_ROWS = 40
export const attendanceSlot = (n: number) => `attendee${n + 1}`
export const ZAttendance = z.object({
  sessionId: z.string().uuid(),
  marks: z
    .array(z.object({ bookingId: z.string().uuid(), mark: z.enum(['attended', 'no-show', 'cancelled']) }))
    .min(1, 'Mark at least one person.'),
})

export const ZSurveyRef = z.object({
  surveyId: z.string().uuid(),
  /** A line manager's card: the member of staff it asks about. */
  aboutPersonId: z.string().uuid().optional(),
})
export type SurveyRef = z.infer<typeof ZSurveyRef>

/** The survey-writing card: how many questions it offers, and their kinds. */
export const DEFINE_ROWS = 6
export const QUESTION_KINDS = {
  scale: 'A scale from 1 to 5',
  single: 'One choice',
  multiple: 'Several choices',
  text: 'Free text',
} as const

export const ZSendSurvey = z
  .object({
    formToken: z.string().uuid(),
    definitionKey: z.string({ required_error: 'Choose the survey.' }).min(1, 'Choose the survey.'),
    agencies: keys,
    roles: keys,
    subGroups: keys,
    settings: keys,
    everyone: z.boolean().default(false),
    opensOn: isoDate,
    closesOn: isoDate,
    namedAnswers: z.boolean().default(false),
    publicLink: z.boolean().default(false),
  })
  .refine((s) => s.closesOn > s.opensOn, { message: 'It must close after it opens.', path: ['closesOn'] })
export type SendSurvey = z.infer<typeof ZSendSurvey>

// ---------------------------------------------------------------- what the queries return

export type SessionLine = {
  id: string
  courseId: string
  courseReference: string
  courseTitle: string
  /** ISO date, and the times in the partnership's time zone ("09:30"). */
  date: string
  startTime: string
  endTime: string
  status: 'SCHEDULED' | 'CANCELLED'
  capacity: number
  booked: number
  audience: string
  /** The reader's own booking, if any. */
  myBooking: BookingStatus | null
  isPast: boolean
}

export type CourseView = {
  id: string
  reference: string
  title: string
  outcomes: string[]
  theme: string
  respondsTo: string | null
  trainer: string
  anonymous: boolean
  sessions: (SessionLine & {
    attendees: { bookingId: string; personId: string; name: string; status: BookingStatus }[]
  })[]
  canManage: boolean
  canSeeResults: boolean
}

/** The reader's training: what they can book, what they booked, and (for trainers) their courses. */
export type TrainingOverview = {
  open: SessionLine[]
  mine: SessionLine[]
  courses: { id: string; reference: string; title: string; sessions: number }[]
  canCreate: boolean
  canSendSurveys: boolean
  /** What this person told us as a line manager about their own staff (only theirs). */
  managerAnswers: { course: string; about: string; change: string }[]
}

/** A survey opened to answer: what the card says and asks. */
export type SurveyForm = {
  surveyId: string
  aboutPersonId?: string
  title: string
  kind: SurveyKind
  anonymous: boolean
  courseTitle: string | null
  sessionDate: string | null
  aboutName: string | null
  intro: string | null
  closesOn: string | null
  fields: SurveyField[]
}

/** A figure shown only with enough answers: `n` answers, `value` null when suppressed. */
export type Figure = { n: number; value: number | null }
export type OutcomeUplift = { outcome: string; before: Figure; after: Figure; uplift: number | null }

export type ResultsBlock = {
  invited: number
  answered: number
  responseRate: number | null
  relevance: Figure
  quality: Figure
  outcomes: OutcomeUplift[]
  followUp: { invited: number; answered: number; applied: Figure; partly: Figure }
  managers: { invited: number; answered: number; sawChange: Figure; partly: Figure; tooEarly: number }
  quotes: string[]
  /** Fewer answers than the partnership's minimum: every figure but the counts is withheld. */
  suppressed: boolean
}

export type CourseResults = {
  courseId: string
  reference: string
  title: string
  outcomes: string[]
  anonymous: boolean
  minAnswers: number
  course: ResultsBlock
  sessions: (ResultsBlock & { sessionId: string; date: string; attended: number })[]
  /** Relative path of the full results page and the spreadsheet (signed, short-lived). */
  pageUrl: string | null
  spreadsheetUrl: string | null
}

export type AudienceSurveyLine = {
  id: string
  title: string
  opensOn: string
  closesOn: string | null
  anonymous: boolean
  invited: number
  answered: number
  publicUrl: string | null
  status: 'SCHEDULED' | 'OPEN' | 'CLOSED'
}

export type QuestionResult = {
  label: string
  kind: 'scale' | 'single' | 'multiple' | 'text'
  n: number
  mean: number | null
  counts: { label: string; count: number }[]
  quotes: string[]
}

export type SurveyResults = {
  id: string
  title: string
  anonymous: boolean
  invited: number
  answered: number
  minAnswers: number
  suppressed: boolean
  questions: QuestionResult[]
  /** Partnership themes mentioned in the free-text answers, with how many answers mention each. */
  themes: { theme: string; count: number }[]
}
