/** Audit events of the partnership itself: people, channels, settings, nudges. See ../audit-event.schema.ts. */
import { auditEvent } from '../audit-event.schema.js'

export const PARTNERSHIP_EVENTS = [
  /**
   * A nudge digest was claimed for people for a day (the message goes through the outbox). subjectId = the day;
   * after = { people: the person ids claimed, escalations: how many action escalations were recorded }.
   */
  auditEvent('NUDGE_SENT', 'nudge-run'),
  /**
   * A group channel was set for a purpose (e.g. the Case Review Group's screening channel). subjectId =
   * `purpose:platform`; before = { isSet }; after = { purpose, platform, source: chat | configuration };
   * fields = ['address'] (the address itself is not recorded).
   */
  auditEvent('CHANNEL_SET', 'channel'),
  /** A partnership setting changed. fields = the settings changed; before/after = counts or values that are tokens. */
  auditEvent('PARTNERSHIP_SETTINGS_CHANGED', 'partnership'),
  /** The demo partnership was seeded. after = { key, agencies, people } (the counts). */
  auditEvent('PARTNERSHIP_SEEDED', 'partnership'),
  /**
   * A person's platform identity or 1:1 address was recorded for the first time or changed. after = { platform };
   * fields = what changed (teamsUserId, address.teams, address.slack), never the address itself.
   */
  auditEvent('PERSON_ADDRESS_CHANGED', 'person'),
] as const
