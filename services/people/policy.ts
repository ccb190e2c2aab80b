/**
 * Who may do what: one declarative table of pure rules, checked by every use case before it writes.
 * Adapters never decide permissions.
 */
import { AppError } from '../../lib/errors.js'
import type { Actor } from './people.schema.js'

export type Permission =
  | 'referral.submit'
  | 'referral.decide'
  | 'referral.view'
  | 'referral.answer'
  | 'channel.set'
  | 'review.answer-information'
  | 'review.record-panel-notification'
  | 'review.record-outcome'
  | 'review.approve'
  | 'review.view-status'
  | 'review.edit-types'
  | 'milestone.snooze'
  | 'review.manage'
  | 'action.create'
  | 'action.own'
  | 'action.verify'
  | 'action.reassign'
  | 'action.overview'
  | 'review.contribute'

export type PolicyResource = {
  /** The person who raised the referral, for referrer-only actions. */
  referrerId?: string
  /** The sub-group a channel or decision belongs to. */
  subGroupKey?: string
  /** The person a milestone is assigned to, and the agency it is about. */
  responsiblePersonId?: string
  agencyKey?: string
  /** Who approves review recommendations in this partnership (a partnership setting). */
  approver?: 'independent-chair' | 'executive'
}

const chairs = (actor: Actor, subGroup: string) => actor.chairs.includes(subGroup)

const RULES: Record<Permission, { allow: (actor: Actor, resource: PolicyResource) => boolean; refusal: string }> = {
  'referral.submit': {
    allow: () => true,
    refusal: 'You cannot raise a referral.',
  },
  'referral.decide': {
    allow: (actor) => chairs(actor, 'case-review'),
    refusal: 'Only the chair of the Case Review Group can decide.',
  },
  'referral.view': {
    allow: (actor, r) => r.referrerId === actor.personId || actor.memberOf.includes('case-review') || actor.roles.includes('business-manager'),
    refusal: 'Only the referrer and the Case Review Group can see this referral.',
  },
  'referral.answer': {
    allow: (actor, r) => r.referrerId === actor.personId,
    refusal: 'Only the person who raised the referral can answer.',
  },
  'review.answer-information': {
    allow: (actor, r) => r.responsiblePersonId === actor.personId || (actor.roles.includes('safeguarding-lead') && r.agencyKey !== undefined && actor.agencyKey === r.agencyKey),
    refusal: "Only the agency's safeguarding lead asked for this information can answer.",
  },
  'review.record-panel-notification': {
    allow: (actor) => actor.roles.includes('business-manager'),
    refusal: 'Only the partnership business manager records the notification to the national Panel.',
  },
  'review.record-outcome': {
    allow: (actor) => chairs(actor, 'case-review'),
    refusal: 'Only the chair of the Case Review Group records the rapid review outcome.',
  },
  'review.approve': {
    allow: (actor, r) => (r.approver === 'executive' ? chairs(actor, 'executive') : actor.roles.includes('independent-chair')),
    refusal: 'Only the independent chair (or, where the partnership has chosen it, the Partnership Executive\u2019s chair) approves a review recommendation.',
  },
  'review.manage': {
    allow: (actor) => chairs(actor, 'case-review') || actor.roles.includes('business-manager'),
    refusal: 'Only the chair of the Case Review Group or the business manager can change this review.',
  },
  'review.contribute': {
    allow: (actor, r) => r.responsiblePersonId === actor.personId,
    refusal: 'Only practitioners invited to the learning event can add their perspective.',
  },
  'review.view-status': {
    allow: (actor) => actor.roles.some((r) => ['subgroup-chair', 'independent-chair', 'business-manager', 'safeguarding-lead'].includes(r)),
    refusal: 'Review status is for chairs, safeguarding leads and the business manager.',
  },
  'review.edit-types': {
    allow: (actor) => actor.roles.includes('business-manager'),
    refusal: 'Only the partnership business manager can change review types.',
  },
  'milestone.snooze': {
    allow: (actor, r) => r.responsiblePersonId === actor.personId,
    refusal: 'Only the person responsible can snooze these reminders.',
  },
  'action.create': {
    allow: (actor) => actor.roles.includes('subgroup-chair') || actor.roles.includes('business-manager'),
    refusal: 'Only a sub-group chair or the business manager can create actions.',
  },
  'action.own': {
    allow: (actor, r) => r.responsiblePersonId === actor.personId || (actor.roles.includes('safeguarding-lead') && r.agencyKey !== undefined && actor.agencyKey === r.agencyKey),
    refusal: "Only the action's owner or their agency's safeguarding lead can update it.",
  },
  'action.verify': {
    allow: (actor, r) => r.subGroupKey !== undefined && chairs(actor, r.subGroupKey),
    refusal: 'Only the chair of the verifying sub-group can decide this.',
  },
  'action.reassign': {
    allow: (actor, r) => actor.roles.includes('business-manager') || (r.subGroupKey !== undefined && chairs(actor, r.subGroupKey)),
    refusal: 'Only the business manager or the verifying chair can reassign an action.',
  },
  'action.overview': {
    allow: (actor) => actor.roles.some((role) => ['subgroup-chair', 'independent-chair', 'business-manager'].includes(role)),
    refusal: 'The action overview is for chairs and the business manager.',
  },
  'channel.set': {
    allow: (actor, r) => actor.roles.includes('business-manager') || (r.subGroupKey !== undefined && chairs(actor, r.subGroupKey)),
    refusal: "Only the partnership business manager or the sub-group's chair can choose its channel.",
  },
}

export function can(actor: Actor, permission: Permission, resource: PolicyResource = {}): boolean {
  return RULES[permission].allow(actor, resource)
}

/** Throws NOT_PERMITTED with the rule's explanation when the actor may not do this. */
export function assertCan(actor: Actor, permission: Permission, resource: PolicyResource = {}): void {
  if (!can(actor, permission, resource)) throw new AppError('NOT_PERMITTED', RULES[permission].refusal, { detail: { permission } })
}
