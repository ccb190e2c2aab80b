/** People, roles and platform identities. */
import { z } from 'zod'

export const ROLES = [
  'practitioner', 'safeguarding-lead', 'subgroup-chair', 'auditor', 'trainer', 'independent-chair', 'business-manager',
] as const
export type Role = (typeof ROLES)[number]

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
}

/** A platform identity as the adapter saw it. */
export const ZIdentity = z.discriminatedUnion('platform', [
  z.object({ platform: z.literal('teams'), aadObjectId: z.string().min(1), userId: z.string().optional(), tenantId: z.string().optional() }),
  z.object({ platform: z.literal('slack'), userId: z.string().min(1), teamId: z.string().optional() }),
])
export type Identity = z.infer<typeof ZIdentity>

/** Partnership settings stored as JSON. Defaults follow ../DOMAIN.md; a partnership may change them. */
export const ZPartnershipSettings = z
  .object({
    clocks: z
      .object({
        panelNotificationWorkingDays: z.number().int().min(1).max(60).default(5),
        rapidReviewWorkingDays: z.number().int().min(1).max(60).default(15),
      })
      .default({}),
    /** Themes learning points are tagged with; the business manager can change the list. */
    themes: z.array(z.string().min(2).max(60)).default([
      'Neglect', 'Voice of the child', 'Information sharing', 'Professional curiosity', 'Escalation', 'Domestic abuse',
      'Parental mental health', 'Substance misuse', 'Supervision', 'Early help',
    ]),
    /** Months from the decision to commission a local review to its completion ([UNVERIFIED] 6 in DOMAIN.md 1.7). */
    reviewCompletionMonths: z.number().int().min(1).max(24).default(6),
    /** Who approves a rapid review recommendation: the independent chair, or the Partnership Executive's chair. */
    recommendationApprover: z.enum(['independent-chair', 'executive']).default('independent-chair'),
  })
  .default({})
export type PartnershipSettings = z.infer<typeof ZPartnershipSettings>

export const SUBGROUP_CASE_REVIEW = 'case-review'
