export * from './action.schema.js'
export { ACTION_TRANSITIONS, nextActionStatus, assertActionTransition, LIVE_FOR_OWNER } from './action.transitions.js'
export { createActions } from './create-actions.js'
export {
  acceptAction, proposeDate, decideDateChange, handBack, reassignAction, updateProgress, completeAction, verifyAction, recordImpact,
} from './action-use-cases.js'
export { listMyActions, actionOverview, listEscalations, type ActionLine, type ActionOverview } from './list-actions.js'
