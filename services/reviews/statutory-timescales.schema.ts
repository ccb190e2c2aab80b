/**
 * The statutory timescales, fixed in code: one source of truth for every clock, card and milestone that uses
 * them. A partnership cannot change these (its local timescales are settings: review type milestones and
 * ZPartnershipSettings). Each cites its source as ../shared/DOMAIN.md gives it; the tests name the source too.
 * Data and labels only, so cards can word their text from the same values (statutory-timescales.ts counts).
 */

export type StatutoryTimescale = {
  /** Working days from the anchor (England and Wales bank holidays excluded). */
  workingDays: number
  /** What must be done, in the words cards use. */
  what: string
  /** Where the rule comes from (DOMAIN.md section and the law or guidance it cites). */
  source: string
}

/** Working days are counted from the day the local authority became aware of the serious incident. */
export const STATUTORY_TIMESCALES = {
  /** The local authority notifies the national Panel (s16C(1) Children Act 2004; DOMAIN.md 1.4, verified). */
  panelNotification: {
    workingDays: 5,
    what: 'notify the national Child Safeguarding Practice Review Panel',
    source: 'Children Act 2004 s16C(1) and WT2023 ch.5 (DOMAIN.md 1.4, 1.10)',
  },
  /** The local authority tells the local safeguarding partners within the same 5 working days (DOMAIN.md 1.4). */
  partnersTold: {
    workingDays: 5,
    what: 'tell the safeguarding partners',
    source: 'WT2023 ch.5 (DOMAIN.md 1.4, 1.10)',
  },
  /** The rapid review is completed and sent to the Panel (the Panel's expectation; DOMAIN.md 1.5). */
  rapidReview: {
    workingDays: 15,
    what: 'complete the rapid review and send it to the national Panel',
    source: 'Child Safeguarding Practice Review Panel guidance (DOMAIN.md 1.5, 1.10)',
  },
} as const satisfies Record<string, StatutoryTimescale>
export type StatutoryKey = keyof typeof STATUTORY_TIMESCALES

/**
 * Review type milestones whose timescale is statutory: their due date always comes from STATUTORY_TIMESCALES,
 * whatever a stored review type says, and the business manager cannot change them. The rapid review's own
 * Panel notification is superseded by the local authority's notification (services/referrals), which starts
 * when the referral is submitted.
 */
export const STATUTORY_MILESTONES: Readonly<Record<string, Readonly<Record<string, StatutoryKey>>>> = {
  'rapid-review': { 'panel-notification': 'panelNotification', 'sent-to-panel': 'rapidReview' },
}
