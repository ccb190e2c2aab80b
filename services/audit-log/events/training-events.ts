/**
 * Audit events of training and surveys (issue 13). See ../audit-event.schema.ts. Titles, outcomes and answers
 * stay in their rows, never here. An anonymous answer is never audited with its person: the answering is
 * recorded only by the "has responded" row, so no event can be lined up with an answer.
 */
import { auditEvent } from '../audit-event.schema.js'

export const TRAINING_EVENTS = [
  /** A course was created. after = { reference, theme, outcomes: a count, respondsToReviewId?, anonymous }. */
  auditEvent('COURSE_CREATED', 'course'),
  /** A session was scheduled. after = { courseId, startsAt, endsAt, capacity, agencyKeys }. */
  auditEvent('SESSION_SCHEDULED', 'course-session'),
  /** A session moved. before/after = { startsAt, endsAt }; its pending steps moved with it. */
  auditEvent('SESSION_RESCHEDULED', 'course-session'),
  /** A session was cancelled; its pending steps were cancelled. after = { status, bookings: a count }. */
  auditEvent('SESSION_CANCELLED', 'course-session'),
  /** A place was booked (by the person) or registered (by the trainer). after = { sessionId, personId, status }. */
  auditEvent('PLACE_BOOKED', 'booking'),
  /** Attendance was recorded. before/after = { status }. */
  auditEvent('ATTENDANCE_RECORDED', 'booking'),
  /** A survey went out (a stage of a session, or to an audience). after = { kind, invited, anonymous, publicLink }. */
  auditEvent('SURVEY_SENT', 'survey'),
  /** A named survey was answered by the actor. after = { answerId }. Anonymous answers have no event. */
  auditEvent('SURVEY_ANSWERED', 'survey'),
  /** The actor asked not to be asked again. after = { scope }. */
  auditEvent('SURVEY_OPTED_OUT', 'survey'),
  /** A survey definition was saved: in place while never sent, else as a new version. after = { key, version }. */
  auditEvent('SURVEY_DEFINITION_SAVED', 'survey-definition'),
] as const
