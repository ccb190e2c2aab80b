/**
 * What a person can type, as a table: the words, who may use it, what it does, and its line in `help`.
 * `help`, the Teams manifest's command list and the Slack usage hint are all generated from these rows.
 */
import { actionCreateForm } from '../../cards/forms/action-create.js'
import { referralSubmitForm } from '../../cards/forms/referral-submit.js'
import { reviewCdopForm } from '../../cards/forms/review-cdop.js'
import { reviewStartForm } from '../../cards/forms/review-start.js'
import type { AnyForm, Reply, Scope } from '../../cards/interaction.js'
import { actionOverviewCard, escalationsCard, myActionsCard } from '../../cards/messages/action-cards.js'
import { helpCard, messageCard } from '../../cards/messages/general.js'
import { localReviewCard } from '../../cards/messages/local-review-card.js'
import { notificationsListCard } from '../../cards/messages/notification-cards.js'
import { awaitingDecisionCard, myReferralsCard } from '../../cards/messages/referral-cards.js'
import { reviewStatusCard, reviewTypesCard, themesCard } from '../../cards/messages/review-cards.js'
import type { Card } from '../../cards/model.js'
import { AppError } from '../../lib/errors.js'
import { CHANNEL_PURPOSES, parseChannelPurpose } from '../../services/people/channel.schema.js'
import type { Permission } from '../../services/people/policy.js'
import { openForm } from './open-form.js'
import type { Incoming } from './types.js'

export type CommandScope = Omit<Scope, 'meta'> & { incoming: Incoming; match: RegExpExecArray }

export type Command = {
  /** The words as `help` shows them. */
  name: string
  /** What the normalised text (lower case, no punctuation) must match. */
  pattern: RegExp
  /** Its line in `help`; commands without one are not listed (greetings). */
  help?: string
  /** Shown in `help` only to people this permission allows (the service checks again when it runs). */
  permission?: Permission
  /** May be used in a channel, where everyone sees the answer (nothing personal). */
  inChannel?: boolean
  /** Listed in Teams' command menu: in 1:1 chats only, or in channels and group chats too (at most 10 each). */
  teamsMenu?: 'personal' | 'everywhere'
  run: (scope: CommandScope) => Promise<Reply[]>
}

const card = (c: Card): Reply[] => [{ type: 'card', card: c }]
const opens = (form: AnyForm) => async (scope: CommandScope): Promise<Reply[]> => [
  await openForm(form, { ...scope, meta: {} }),
]

export const COMMANDS: readonly Command[] = [
  {
    name: 'help',
    pattern: /^(hi|hello|hey|help|start|menu|)$/,
    help: 'What Learning Loop can do',
    teamsMenu: 'everywhere',
    run: async (scope) => [
      { type: 'card', card: helpCard(scope.actor.name, helpLines(scope)) },
      await openForm(referralSubmitForm, { ...scope, meta: {} }),
    ],
  },
  {
    name: 'referral',
    teamsMenu: 'everywhere',
    pattern: /^(raise )?(a )?(review )?referral$|^raise$|^new referral$/,
    help: 'Raise a review referral (no child names)',
    run: opens(referralSubmitForm),
  },
  {
    name: 'my referrals',
    teamsMenu: 'personal',
    pattern: /^my referrals?$|^status$/,
    help: 'See the status of the referrals you raised',
    run: async ({ services, actor }) => card(myReferralsCard(await services.referrals.listMyReferrals(actor))),
  },
  {
    name: 'awaiting',
    teamsMenu: 'personal',
    pattern: /^awaiting( decision)?$|^decisions$/,
    help: 'Referrals waiting for your decision',
    permission: 'referral.decide',
    run: async ({ services, actor }) => card(awaitingDecisionCard(await services.referrals.listAwaitingMyDecision(actor))),
  },
  {
    name: 'notifications',
    teamsMenu: 'personal',
    pattern: /^(serious incident )?notifications?$/,
    help: 'Serious incident notifications with a task still open',
    permission: 'notification.view',
    run: async ({ services, actor }) => card(notificationsListCard(await services.referrals.listOpenNotifications(actor))),
  },
  {
    name: 'review status',
    teamsMenu: 'personal',
    pattern: /^reviews?( status)?$/,
    help: 'Live reviews, their next milestone and how late',
    permission: 'review.view-status',
    run: async ({ services, actor }) => {
      const lines = await services.reviews.reviewStatus(actor)
      const options = {
        canRecordOutcome: services.can(actor, 'review.record-outcome'),
        canRecordPanel: services.can(actor, 'review.record-panel-notification'),
      }
      return card(reviewStatusCard(lines, options))
    },
  },
  {
    name: 'review NSCP-2026-0001',
    pattern: /^review ([a-z]+-\d{4}-\d{4})$/,
    help: "Open a local review's card by its reference",
    permission: 'review.view-status',
    run: async ({ services, actor, match }) => {
      const view = await services.reviews.findLocalReviewByReference(actor, match[1]!.toUpperCase())
      return card(localReviewCard(view))
    },
  },
  {
    name: 'new review',
    pattern: /^(new|start a?) ?review$/,
    help: 'Start a learning, practice learning, management, single-agency or good practice review',
    permission: 'review.manage',
    run: opens(reviewStartForm),
  },
  {
    name: 'cdop',
    pattern: /^cdop( notification)?$/,
    help: 'Record a child death notified by the CDOP',
    permission: 'review.manage',
    run: opens(reviewCdopForm),
  },
  {
    name: 'review types',
    pattern: /^review types?$/,
    help: 'Review types and when their milestones fall due',
    permission: 'review.view-status',
    run: async ({ services, actor }) =>
      card(reviewTypesCard(await services.reviews.listReviewTypes(actor), { canEdit: services.can(actor, 'review.edit-types') })),
  },
  {
    name: 'themes',
    pattern: /^(learning )?themes$/,
    help: 'The learning themes findings are tagged with',
    permission: 'review.view-status',
    run: async ({ services, actor }) =>
      card(themesCard(await services.reviews.listThemes(actor), { canEdit: services.can(actor, 'review.edit-types') })),
  },
  {
    name: 'my actions',
    teamsMenu: 'personal',
    pattern: /^my actions?$/,
    help: 'Your actions: update, complete or ask for more time',
    run: async ({ services, actor }) => card(myActionsCard(await services.actions.listMyActions(actor))),
  },
  {
    name: 'new actions',
    pattern: /^new actions?$/,
    help: 'Create up to three actions at once',
    permission: 'action.create',
    run: opens(actionCreateForm),
  },
  {
    name: 'actions overdue',
    teamsMenu: 'personal',
    pattern: /^actions?( overdue)?$|^overdue actions$/,
    help: "Your sub-group's actions, grouped by agency",
    permission: 'action.overview',
    run: async ({ services, actor }) => card(actionOverviewCard(await services.actions.actionOverview(actor))),
  },
  {
    name: 'escalations',
    pattern: /^escalations?$/,
    help: 'Actions 20 working days overdue',
    permission: 'action.overview',
    run: async ({ services, actor }) => card(escalationsCard(await services.actions.listEscalations(actor))),
  },
  {
    name: 'set channel case-review',
    pattern: /^set channel (.+)$/,
    help: "In a channel: make it the Case Review Group's channel",
    permission: 'channel.set',
    inChannel: true,
    run: async ({ services, actor, incoming, match }) => {
      if (!incoming.groupAddress) throw new AppError('INVALID_INPUT', 'Type this in the channel you want to use, not in a 1:1 chat.')
      const purpose = parseChannelPurpose(match[1]!)
      await services.people.setPartnershipChannel(actor, { purpose, platform: incoming.platform, address: incoming.groupAddress })
      return card(messageCard('Channel set', `This channel will now receive the ${CHANNEL_PURPOSES[purpose]} cards.`, 'good'))
    },
  },
]

/** The lines of `help` this person sees: only the commands they may use. */
export function helpLines({ services, actor }: Pick<CommandScope, 'services' | 'actor'>): { command: string; description: string }[] {
  return COMMANDS.filter((c) => c.help && (!c.permission || services.can(actor, c.permission))).map((c) => ({
    command: c.name,
    description: c.help!,
  }))
}

/** The command a normalised text asks for, with its match. */
export function findCommand(text: string): { command: Command; match: RegExpExecArray } | null {
  for (const command of COMMANDS) {
    const match = command.pattern.exec(text)
    if (match) return { command, match }
  }
  return null
}

/** Teams' command menus (manifest `commandLists`): the rows marked for them, in the order above. */
export function teamsCommandLists(): { scopes: string[]; commands: { title: string; description: string }[] }[] {
  const menu = (rows: readonly Command[]) => rows.map((c) => ({ title: c.name, description: c.help ?? c.name }))
  return [
    { scopes: ['personal'], commands: menu(COMMANDS.filter((c) => c.teamsMenu)) },
    { scopes: ['team', 'groupChat'], commands: menu(COMMANDS.filter((c) => c.teamsMenu === 'everywhere')) },
  ]
}
