/**
 * Audit events of learning products and national learning (issue 14). Payloads are ids, statuses, keys, dates
 * and counts; the product's text, the managers' reflections and the national learning's title stay in their rows.
 */
import { auditEvent } from '../audit-event.schema.js'

export const LEARNING_EVENTS = [
  /** Written. after = { reference, kind, status, sourceType, sourceId, themeCount, sensitiveTextAcknowledged }. */
  auditEvent('LEARNING_PRODUCT_CREATED', 'learning-product'),
  /** The learning chair approved it. after = { status, approvedById }. */
  auditEvent('LEARNING_PRODUCT_APPROVED', 'learning-product'),
  /** Queued to an audience. after = { status, broadcastId, recipients, channels, agencies, roles, …, scheduledFor }. */
  auditEvent('LEARNING_PRODUCT_SEND_QUEUED', 'learning-product'),
  /** The send was cancelled. after = { status, broadcastId, sent, total }. */
  auditEvent('LEARNING_PRODUCT_SEND_CANCELLED', 'learning-product'),
  /** Someone read it. after = { personId, via: button | receipt }. */
  auditEvent('LEARNING_PRODUCT_READ', 'learning-product'),
  /** A manager briefed their team. after = { briefingId, briefedOn, staffCount }; fields name the reflections. */
  auditEvent('LEARNING_PRODUCT_BRIEFED', 'learning-product'),
  /** National learning recorded. after = { reference, kind, publishedOn, links (a count) }. */
  auditEvent('NATIONAL_LEARNING_RECORDED', 'national-learning'),
  /** Local work linked to it. after = { subjectType, subjectId }. */
  auditEvent('NATIONAL_LEARNING_LINKED', 'national-learning'),
] as const
