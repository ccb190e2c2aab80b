/** The actions domain's public surface: `actionService` for bot/ and web/, plus schemas, transitions and types. */
import { acceptAction } from './accept-action.js'
import { actionOverview, listEscalations, listMyActions } from './action-lists.queries.js'
import {
  getActionSummary,
  getNewActionsForm,
  getRecommendationForActions,
  listActionChoices,
} from './action.queries.js'
import { completeAction } from './complete-action.js'
import { createActions } from './create-actions.js'
import { decideDateChange } from './decide-date-change.js'
import { handBack } from './hand-back.js'
import { proposeDate } from './propose-date.js'
import { reassignAction } from './reassign-action.js'
import { recordImpact } from './record-impact.js'
import { updateProgress } from './update-progress.js'
import { verifyAction } from './verify-action.js'

/** Every action use case `(ctx, actor, raw)` and query `(ctx, actor, ...ids)`; services/index.ts binds them. */
export const actionService = {
  createActions,
  acceptAction,
  proposeDate,
  decideDateChange,
  handBack,
  reassignAction,
  updateProgress,
  completeAction,
  verifyAction,
  recordImpact,
  getActionSummary,
  getRecommendationForActions,
  getNewActionsForm,
  listActionChoices,
  listMyActions,
  actionOverview,
  listEscalations,
}

export * from './action.schema.js'
