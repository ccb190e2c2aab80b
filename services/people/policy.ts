/**
 * Who may do what: one declarative table of pure rules, checked by every use case before it writes.
 * Adapters never decide permissions.
 */
import { AppError } from '../../lib/errors.js'
import type { Actor, Role } from './people.schema.js'

export type Permission =
  | 'referral.submit'
  | 'referral.decide'
  | 'referral.view'
  | 'referral.view-details'
  | 'notification.view'
  | 'referral.answer'
  | 'channel.set'
  | 'delivery.view-undeliverable'
  | 'action.view-escalations'
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
  | 'notification.record'
  | 'review.partner-decide'
  | 'review.publish'
  | 'review.challenge'
  | 'learning.create'
  | 'learning.approve'
  | 'learning.send'
  | 'learning.view-reach'
  | 'learning.brief-team'
  | 'national-learning.record'
  | 'national-learning.link'
  | 'national-learning.view'
  | 'training.manage'
  | 'training.view-results'
  | 'survey.send'
  | 'audit.plan'
  | 'audit.edit-tools'
  | 'audit.moderate'
  | 'audit.discuss'
  | 'audit.view-all'
  | 'audit.view-summary'
  | 'audit.complete'
  | 'audit.sign-off'
  | 'audit.respond'
  | 'audit.view-return'

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
  /** The person manages a team (someone reports to them, or they lead safeguarding for an agency or school). */
  isManager?: boolean
  /** The school or college an audit return is about. */
  settingKey?: string
  /** The line manager of an audit return's lead (a senior manager who may sign it off). */
  managerId?: string
  /** The audit return has been moderated (its ratings are then shared beyond its agency). */
  isModerated?: boolean
}

const chairs = (actor: Actor, subGroup: string) => actor.chairs.includes(subGroup)
/** A delegated safeguarding partner, acting for one of the three statutory partners. */
const isPartner = (actor: Actor) => actor.roles.includes('safeguarding-partner') && !!actor.partnerFor
/** The partnership chair: the safeguarding partner who chairs the Partnership Executive (WT2023 ch.2). */
const isPartnershipChair = (actor: Actor) => isPartner(actor) && chairs(actor, 'executive')

/** Who may read review status lines (references, milestones, clocks: never case detail). */
const VIEW_STATUS_ROLES: Role[] = [
  'subgroup-chair',
  'independent-chair',
  'business-manager',
  'safeguarding-lead',
  'safeguarding-partner',
  'la-notification-lead',
  'independent-scrutineer',
]
/** Who may read the action overview and the escalation list: oversight, never a decision. */
const OVERVIEW_ROLES: Role[] = [
  'subgroup-chair',
  'independent-chair',
  'business-manager',
  'safeguarding-partner',
  'independent-scrutineer',
]

/** The chair of the Quality Assurance and Audit Sub-group, which owns the audit programme. */
const chairsQa = (actor: Actor) => chairs(actor, 'qa-audit')
/** Who oversees audits: the QA chair and the business manager see every return. */
const seesAllAudits = (actor: Actor) => chairsQa(actor) || actor.roles.includes('business-manager')
/** Who reads audit summaries: the QA sub-group, the business manager, the safeguarding partners and scrutiny. */
const readsAuditSummaries = (actor: Actor) =>
  actor.memberOf.includes('qa-audit') ||
  actor.roles.includes('business-manager') ||
  isPartner(actor) ||
  actor.roles.includes('independent-scrutineer')
/** The person who completes an audit return: its lead, the agency's safeguarding lead or auditor, the school's DSL. */
const completesReturn = (actor: Actor, r: PolicyResource) =>
  r.responsiblePersonId === actor.personId ||
  (r.settingKey !== undefined
    ? actor.roles.includes('designated-safeguarding-lead') && actor.settingKey === r.settingKey
    : r.agencyKey !== undefined &&
      actor.agencyKey === r.agencyKey &&
      (actor.roles.includes('safeguarding-lead') || actor.roles.includes('auditor')))
/** Who signs an audit return off: the school's headteacher, or the agency's safeguarding partner or the lead's manager. */
const signsOffReturn = (actor: Actor, r: PolicyResource) =>
  r.settingKey !== undefined
    ? actor.roles.includes('headteacher') && actor.settingKey === r.settingKey
    : r.agencyKey !== undefined &&
      actor.agencyKey === r.agencyKey &&
      (isPartner(actor) || (r.managerId !== undefined && r.managerId === actor.personId))

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
    allow: (actor, r) =>
      r.referrerId === actor.personId ||
      actor.memberOf.includes('case-review') ||
      actor.roles.includes('business-manager') ||
      actor.roles.includes('la-notification-lead') ||
      isPartner(actor),
    refusal: 'Only the referrer and the Case Review Group can see this referral.',
  },
  // Need to know: the case detail (what happened, the criteria, questions, answers, rationales) is for the
  // people deciding (the Case Review Group's chair, the notification lead, the safeguarding partners) and the
  // referrer. Other members of the group see the channel card: reference, status, agencies, age band, clocks.
  'referral.view-details': {
    allow: (actor, r) =>
      r.referrerId === actor.personId ||
      chairs(actor, 'case-review') ||
      actor.roles.includes('la-notification-lead') ||
      isPartner(actor),
    refusal: 'Only the people deciding and the referrer can see the details of this referral.',
  },
  'notification.view': {
    allow: (actor) => actor.roles.includes('la-notification-lead') || isPartner(actor) || chairs(actor, 'case-review'),
    refusal:
      "Only the local authority's notification lead, the safeguarding partners and the Case Review Group's chair " +
      'can see this notification.',
  },
  'referral.answer': {
    allow: (actor, r) => r.referrerId === actor.personId,
    refusal: 'Only the person who raised the referral can answer.',
  },
  'review.answer-information': {
    allow: (actor, r) =>
      r.responsiblePersonId === actor.personId ||
      (actor.roles.includes('safeguarding-lead') && r.agencyKey !== undefined && actor.agencyKey === r.agencyKey),
    refusal: "Only the agency's safeguarding lead asked for this information can answer.",
  },
  // The business manager keeps the Panel's correspondence after the notification: its reply to a rapid review,
  // and its taking a case for a national review. The notification itself is the local authority's duty
  // (notification.record).
  'review.record-panel-notification': {
    allow: (actor) => actor.roles.includes('business-manager'),
    refusal: "Only the partnership business manager records the national Panel's replies.",
  },
  'review.record-outcome': {
    allow: (actor) => chairs(actor, 'case-review'),
    refusal: 'Only the chair of the Case Review Group records the rapid review outcome.',
  },
  // Old single approver: an independent chair no longer decides anything (WT2023: the partners decide), so
  // only the partnership chair may, until the partners' sign-off replaces it.
  'review.approve': {
    allow: (actor, r) => r.approver !== 'independent-chair' && isPartnershipChair(actor),
    refusal: 'Only the safeguarding partners decide on a review recommendation.',
  },
  'notification.record': {
    allow: (actor) => actor.roles.includes('la-notification-lead'),
    refusal: "Only the local authority's notification lead records serious incident notifications.",
  },
  'review.partner-decide': {
    allow: (actor) => isPartner(actor),
    refusal: 'Only the three safeguarding partners sign off this decision.',
  },
  'review.publish': {
    allow: (actor) => isPartnershipChair(actor),
    refusal: 'Only the partnership chair publishes a review.',
  },
  'review.challenge': {
    allow: (actor) => actor.roles.includes('independent-scrutineer'),
    refusal: 'Only the independent scrutineer records a challenge.',
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
    allow: (actor) => actor.roles.some((r) => VIEW_STATUS_ROLES.includes(r)),
    refusal: 'Review status is for chairs, the safeguarding partners, safeguarding leads and the business manager.',
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
    allow: (actor, r) =>
      r.responsiblePersonId === actor.personId ||
      (actor.roles.includes('safeguarding-lead') && r.agencyKey !== undefined && actor.agencyKey === r.agencyKey),
    refusal: "Only the action's owner or their agency's safeguarding lead can update it.",
  },
  'action.verify': {
    allow: (actor, r) => r.subGroupKey !== undefined && chairs(actor, r.subGroupKey),
    refusal: 'Only the chair of the verifying sub-group can decide this.',
  },
  'action.reassign': {
    allow: (actor, r) =>
      actor.roles.includes('business-manager') || (r.subGroupKey !== undefined && chairs(actor, r.subGroupKey)),
    refusal: 'Only the business manager or the verifying chair can reassign an action.',
  },
  'action.view-escalations': {
    allow: (actor) => actor.roles.some((role) => OVERVIEW_ROLES.includes(role)),
    refusal:
      'The escalation list (actions 20 working days overdue) is for chairs, the safeguarding partners, scrutiny and the business manager.',
  },
  'action.overview': {
    allow: (actor) => actor.roles.some((role) => OVERVIEW_ROLES.includes(role)),
    refusal: 'The action overview is for chairs, the safeguarding partners, scrutiny and the business manager.',
  },
  'delivery.view-undeliverable': {
    allow: (actor) => actor.roles.includes('business-manager'),
    refusal: 'Only the partnership business manager can see messages that could not be delivered.',
  },
  // Learning products (issue 14): any sub-group chair or the business manager writes one; the chair of the
  // Learning and Development Sub-group approves it; its author, that chair or the business manager sends it.
  'learning.create': {
    allow: (actor) => actor.roles.includes('subgroup-chair') || actor.roles.includes('business-manager'),
    refusal: 'Only a sub-group chair or the business manager can write a learning product.',
  },
  'learning.approve': {
    allow: (actor) => chairs(actor, 'learning'),
    refusal: 'Only the chair of the Learning and Development Sub-group approves learning products.',
  },
  'learning.send': {
    allow: (actor, r) =>
      chairs(actor, 'learning') || actor.roles.includes('business-manager') || r.responsiblePersonId === actor.personId,
    refusal:
      'Only its author, the chair of the Learning and Development Sub-group or the business manager can send it.',
  },
  'learning.view-reach': {
    allow: (actor, r) =>
      chairs(actor, 'learning') ||
      actor.roles.includes('business-manager') ||
      isPartner(actor) ||
      r.responsiblePersonId === actor.personId,
    refusal:
      'Reach is for its author, the chair of the Learning and Development Sub-group, the business manager and the ' +
      'safeguarding partners.',
  },
  'learning.brief-team': {
    allow: (_actor, r) => r.isManager === true,
    refusal: 'Only managers record briefing their team. Ask your manager to brief your team.',
  },
  'national-learning.record': {
    allow: (actor) => actor.roles.includes('business-manager'),
    refusal: 'Only the partnership business manager records national learning.',
  },
  'national-learning.link': {
    allow: (actor) => actor.roles.includes('business-manager') || actor.roles.includes('subgroup-chair'),
    refusal: 'Only the business manager or a sub-group chair can link work to national learning.',
  },
  'national-learning.view': {
    allow: (actor) => actor.roles.some((r) => VIEW_STATUS_ROLES.includes(r)),
    refusal: 'National learning is for chairs, the safeguarding partners, safeguarding leads and the business manager.',
  },
  // Training (issue 13): the Learning and Development Sub-group owns it. A trainer manages their own courses
  // (resource.responsiblePersonId is the course's trainer), its chair and the business manager any course.
  'training.manage': {
    allow: (actor, r) =>
      chairs(actor, 'learning') ||
      actor.roles.includes('business-manager') ||
      (actor.roles.includes('trainer') &&
        (r.responsiblePersonId === undefined || r.responsiblePersonId === actor.personId)),
    refusal:
      "Only the course's trainer, the Learning and Development Sub-group's chair or the business manager can do this.",
  },
  // Results: a trainer sees their own courses', the learning sub-group sees all. Never who gave an answer.
  'training.view-results': {
    allow: (actor, r) =>
      actor.memberOf.includes('learning') ||
      (r.responsiblePersonId !== undefined && r.responsiblePersonId === actor.personId),
    refusal: "Only the course's trainer and the Learning and Development Sub-group can see its results.",
  },
  'survey.send': {
    allow: (actor) =>
      chairs(actor, 'learning') ||
      chairs(actor, 'qa-audit') ||
      actor.roles.includes('trainer') ||
      actor.roles.includes('business-manager'),
    refusal:
      'Only the chairs of the Learning and Development and the Quality Assurance and Audit Sub-groups, trainers ' +
      'and the business manager can send surveys.',
  },
  'audit.plan': {
    allow: (actor) => chairsQa(actor) || actor.roles.includes('business-manager'),
    refusal: 'Only the chair of the Quality Assurance and Audit Sub-group or the business manager plans audits.',
  },
  'audit.edit-tools': {
    allow: (actor) => chairsQa(actor) || actor.roles.includes('business-manager'),
    refusal:
      'Only the chair of the Quality Assurance and Audit Sub-group or the business manager can change audit tools.',
  },
  'audit.moderate': {
    allow: (actor) => chairsQa(actor),
    refusal: 'Only the chair of the Quality Assurance and Audit Sub-group moderates returns and reopens them.',
  },
  'audit.discuss': {
    allow: (actor) => chairsQa(actor),
    refusal:
      'Only the chair of the Quality Assurance and Audit Sub-group chooses cases and records the audit discussion.',
  },
  'audit.view-all': {
    allow: (actor) => seesAllAudits(actor),
    refusal: 'Only the chair of the Quality Assurance and Audit Sub-group and the business manager see every return.',
  },
  'audit.view-summary': {
    allow: (actor) => readsAuditSummaries(actor),
    refusal:
      'Audit summaries are for the Quality Assurance and Audit Sub-group, the business manager, the safeguarding partners and scrutiny.',
  },
  'audit.complete': {
    allow: (actor, r) => completesReturn(actor, r),
    refusal:
      "Only the agency's safeguarding lead (for a school, its designated safeguarding lead) completes this return.",
  },
  'audit.sign-off': {
    allow: (actor, r) => signsOffReturn(actor, r),
    refusal:
      "Only the agency's safeguarding partner or a senior manager (for a school, its headteacher) signs this return off.",
  },
  'audit.respond': {
    allow: (actor, r) =>
      completesReturn(actor, r) ||
      signsOffReturn(actor, r) ||
      (r.settingKey !== undefined && actor.roles.includes('headteacher') && actor.settingKey === r.settingKey),
    refusal:
      'Only the agency that made this return (for a school, its lead or headteacher) can respond to a challenge.',
  },
  'audit.view-return': {
    allow: (actor, r) =>
      seesAllAudits(actor) ||
      (r.settingKey !== undefined
        ? actor.settingKey === r.settingKey &&
          (actor.roles.includes('designated-safeguarding-lead') || actor.roles.includes('headteacher'))
        : r.agencyKey !== undefined && actor.agencyKey === r.agencyKey) ||
      (r.settingKey !== undefined && actor.memberOf.includes('qa-audit')) ||
      (r.isModerated === true && readsAuditSummaries(actor)) ||
      r.responsiblePersonId === actor.personId,
    refusal:
      "An agency's return is seen by its own people until it is moderated, and by the chair of the Quality Assurance and Audit Sub-group and the business manager.",
  },
  'channel.set': {
    allow: (actor, r) =>
      actor.roles.includes('business-manager') || (r.subGroupKey !== undefined && chairs(actor, r.subGroupKey)),
    refusal: "Only the partnership business manager or the sub-group's chair can choose its channel.",
  },
}

/** Whether the actor may do this (for showing or hiding a button; use cases call assertCan). */
export function can(actor: Actor, permission: Permission, resource: PolicyResource = {}): boolean {
  return RULES[permission].allow(actor, resource)
}

/** Throws NOT_PERMITTED with the rule's explanation when the actor may not do this. */
export function assertCan(actor: Actor, permission: Permission, resource: PolicyResource = {}): void {
  if (!can(actor, permission, resource))
    throw new AppError('NOT_PERMITTED', RULES[permission].refusal, { detail: { permission } })
}
