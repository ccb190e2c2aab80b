/** People, roles and platform identities. */
import { z } from 'zod'

/**
 * Roles follow Working Together 2023. `safeguarding-partner`: a delegated safeguarding partner, acting for one of
 * the three statutory partners (`partnerFor`); the one who chairs the Partnership Executive is the partnership
 * chair. `la-notification-lead`: the local authority's lead for serious incident notifications (s16C Children
 * Act 2004). `independent-scrutineer`: told of every review decision, may challenge it, never decides.
 * `independent-chair` is kept only so that people recorded under the old LSCB model still load: it carries
 * no decision rights.
 */
export const ROLES = [
  'practitioner',
  'safeguarding-lead',
  'subgroup-chair',
  'auditor',
  'trainer',
  'independent-chair',
  'business-manager',
  'safeguarding-partner',
  'la-notification-lead',
  'independent-scrutineer',
  'designated-safeguarding-lead',
  'headteacher',
] as const
export type Role = (typeof ROLES)[number]

/** How a role reads to people (the playground's person details; never the code key). */
export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'practitioner',
  'safeguarding-lead': "agency's safeguarding lead",
  'subgroup-chair': 'sub-group chair',
  auditor: 'auditor',
  trainer: 'trainer',
  'independent-chair': 'independent chair (older records)',
  'business-manager': 'partnership business manager',
  'safeguarding-partner': 'delegated safeguarding partner',
  'la-notification-lead': "local authority's notification lead",
  'independent-scrutineer': 'independent scrutineer',
  'designated-safeguarding-lead': 'designated safeguarding lead',
  headteacher: 'headteacher',
}

/** The three statutory safeguarding partners (Children and Social Work Act 2017; DOMAIN.md 1.1). */
export const PARTNERS = ['local-authority', 'police', 'icb'] as const
export type Partner = (typeof PARTNERS)[number]
export const PARTNER_LABELS: Record<Partner, string> = {
  'local-authority': 'the local authority',
  police: 'the police',
  icb: 'the integrated care board',
}

export const PLATFORMS = ['teams', 'slack'] as const
export type Platform = (typeof PLATFORMS)[number]

/** Who is acting: resolved from a platform identity by services, never trusted from the adapter. */
export type Actor = {
  personId: string
  partnershipId: string
  name: string
  roles: Role[]
  agencyId: string | null
  agencyKey: string | null
  agencyName: string | null
  /** Keys of the sub-groups this person chairs. */
  chairs: string[]
  /** Keys of the sub-groups this person belongs to (chairs included). */
  memberOf: string[]
  /** For a delegated safeguarding partner: the statutory partner they act for (absent: none). */
  partnerFor?: Partner | null
  /** The education setting (school) they work in, if any. */
  settingKey?: string | null
}

/** A platform identity as the adapter saw it. */
export const ZIdentity = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('teams'),
    aadObjectId: z.string().min(1),
    userId: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  z.object({ platform: z.literal('slack'), userId: z.string().min(1), teamId: z.string().optional() }),
])
export type Identity = z.infer<typeof ZIdentity>

/** Partnership settings stored as JSON. Defaults follow ../DOMAIN.md; a partnership may change them. */
export const ZPartnershipSettings = z
  .object({
    // The statutory clocks (5 and 15 working days) are not settings: services/reviews/statutory-timescales.ts.
    // A stored "clocks" object from before is ignored.
    /**
     * Local timescales of a looked-after child's death notification, in working days from the local authority's
     * awareness. DOMAIN.md 1.4 gives no timescale for these: 5 (as for the Panel) is a default, to be confirmed
     * against Working Together 2023, chapter 5.
     */
    notificationTimescales: z
      .object({
        secretaryOfStateWorkingDays: z.number().int().min(1).max(60).default(5),
        ofstedWorkingDays: z.number().int().min(1).max(60).default(5),
      })
      .default({}),
    /** Themes learning points are tagged with; the business manager can change the list. */
    themes: z
      .array(z.string().min(2).max(60))
      .default([
        'Neglect',
        'Voice of the child',
        'Information sharing',
        'Professional curiosity',
        'Escalation',
        'Domestic abuse',
        'Parental mental health',
        'Substance misuse',
        'Supervision',
        'Early help',
      ]),
    /** Months from the decision to commission a local review to its completion ([UNVERIFIED] 6 in DOMAIN.md 1.7). */
    reviewCompletionMonths: z.number().int().min(1).max(24).default(6),
    /**
     * Old setting, read for stored data: who approved a rapid review recommendation. Under WT2023 the safeguarding
     * partners decide; an independent chair never does, so only 'executive' (the partnership chair) still approves.
     */
    recommendationApprover: z.enum(['independent-chair', 'executive']).default('executive'),
    /**
     * Training evaluation (issue 13). The follow-up comes `followUpWeeks` after a session (DOMAIN.md 4: the
     * three-stage model asks 6 to 8 weeks later, with the manager); results show only from `minAnswers` answers.
     */
    training: z
      .object({
        followUpWeeks: z.number().int().min(1).max(52).default(8),
        minAnswers: z.number().int().min(1).max(50).default(5),
        /** Working days between the survey and each of its (at most two) reminders. */
        reminderWorkingDays: z.number().int().min(1).max(20).default(2),
      })
      .default({}),
  })
  .default({})
export type PartnershipSettings = z.infer<typeof ZPartnershipSettings>

export const SUBGROUP_CASE_REVIEW = 'case-review'
