/** Audit events of the insight tab: stories behind the curve, recurrence flags, yearly report drafts. */
import { auditEvent } from '../audit-event.schema.js'

export const INSIGHT_EVENTS = [
  /** A chair wrote the story behind the curve on a panel. subjectId = the story's id; after = { panelKey, scopeKind };
   *  fields = ['text'] (and 'scope' for a theme, whose label is words). */
  auditEvent('INSIGHT_STORY_WRITTEN', 'panel-story'),
  /** A lesson came back: a new finding on a theme whose earlier actions were verified. subjectId = the flag's id;
   *  after = { findingKind, findingId, earlierActions };
   *  fields = ['theme'] (a theme is words, kept in the flag). */
  auditEvent('RECURRENCE_FLAGGED', 'recurrence-flag'),
  /** The chair responded to a recurrence flag. after = { response }; fields = ['responseNote'] when a reason was given. */
  auditEvent('RECURRENCE_RESPONDED', 'recurrence-flag'),
  /** The business manager generated a draft of the yearly report. after = { from, to } (the period). */
  auditEvent('YEARLY_REPORT_GENERATED', 'yearly-report'),
] as const
