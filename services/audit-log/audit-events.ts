/** Every audit event, as one zod discriminated union on `action`; stored as text, so never rename one. */
import { z } from 'zod'
import { ACTION_EVENTS } from './events/action-events.js'
import { INSIGHT_EVENTS } from './events/insight-events.js'
import { LEARNING_EVENTS } from './events/learning-events.js'
import { AUDIT_PROGRAMME_EVENTS } from './events/audit-programme-events.js'
import { PARTNERSHIP_EVENTS } from './events/partnership-events.js'
import { REFERRAL_EVENTS } from './events/referral-events.js'
import { RETENTION_EVENTS } from './events/retention-events.js'
import { REVIEW_EVENTS } from './events/review-events.js'
import { TRAINING_EVENTS } from './events/training-events.js'

export const ZAuditEvent = z.discriminatedUnion('action', [
  ...REFERRAL_EVENTS,
  ...REVIEW_EVENTS,
  ...ACTION_EVENTS,
  ...PARTNERSHIP_EVENTS,
  ...RETENTION_EVENTS,
  ...INSIGHT_EVENTS,
  ...LEARNING_EVENTS,
  ...TRAINING_EVENTS,
  ...AUDIT_PROGRAMME_EVENTS,
])
export type AuditEvent = z.infer<typeof ZAuditEvent>
