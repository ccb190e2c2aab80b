/** The training and surveys domain's public surface: `trainingService` for bot/ and web/, plus its schemas and job. */
import { answerSurvey, openSurvey, stopAsking } from './answer-survey.js'
import { bookPlace, cancelPlace, registerPeople } from './book-place.js'
import { cancelSession, rescheduleSession } from './change-session.js'
import { createCourse } from './create-course.js'
import { defineSurvey } from './define-survey.js'
import { recordAttendance } from './record-attendance.js'
import { saveSurveyDefinition } from './save-survey-definition.js'
import { scheduleSession } from './schedule-session.js'
import { sendSurvey } from './send-survey.js'
import {
  answerPublicSurvey,
  getPublicSurvey,
  listAudienceSurveys,
  sendSurveyChoices,
  surveyResults,
} from './survey.queries.js'
import {
  courseChoices,
  courseResults,
  courseView,
  findCourses,
  resultsForLink,
  sessionChoices,
  sessionForTrainer,
  trainingOverview,
} from './training.queries.js'

export { runTrainingSteps } from './run-training-steps.js'
export type { PublicSurvey } from './survey.queries.js'
export * from './training.schema.js'

/** Every training use case `(ctx, actor, raw)` and query; services/index.ts binds them. */
export const trainingService = {
  createCourse,
  scheduleSession,
  rescheduleSession,
  cancelSession,
  bookPlace,
  cancelPlace,
  registerPeople,
  recordAttendance,
  openSurvey,
  answerSurvey,
  stopAsking,
  sendSurvey,
  saveSurveyDefinition,
  defineSurvey,
  trainingOverview,
  courseView,
  courseChoices,
  sessionChoices,
  sessionForTrainer,
  findCourses,
  courseResults,
  resultsForLink,
  listAudienceSurveys,
  surveyResults,
  sendSurveyChoices,
  getPublicSurvey,
  answerPublicSurvey,
}
