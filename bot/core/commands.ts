/**
 * What a person can type, as a table: the words, their synonyms, who may use it, what it does, and its line in
 * `help`. `help`, the Teams manifest's command list, the Slack usage hint and the "Did you mean" suggestion for
 * an unknown phrase are all generated from these rows.
 */
import { actionCreateForm } from '../../cards/forms/action-create.js'
import { auditPlanForm } from '../../cards/forms/audit-plan.js'
import { auditProgrammeCard, auditSummaryCard, myAuditsCard } from '../../cards/messages/audit-cards.js'
import { referralSubmitForm } from '../../cards/forms/referral-submit.js'
import { learningCreateForm } from '../../cards/forms/learning-create.js'
import { reviewCdopForm } from '../../cards/forms/review-cdop.js'
import { reviewStartForm } from '../../cards/forms/review-start.js'
import type { AnyForm, Reply, Scope } from '../../cards/interaction.js'
import { actionOverviewCard, escalationsCard, myActionsCard } from '../../cards/messages/action-cards.js'
import { undeliveredCard } from '../../cards/messages/delivery-notices.js'
import { helpCard, messageCard, nothingToCancelCard, signOffsCard } from '../../cards/messages/general.js'
import { nationalLearningCard, productsCard } from '../../cards/messages/learning-cards.js'
import { localReviewCard } from '../../cards/messages/local-review-card.js'
import { notificationsListCard } from '../../cards/messages/notification-cards.js'
import { awaitingDecisionCard, myReferralsCard } from '../../cards/messages/referral-cards.js'
import { reviewStatusCard, reviewTypesCard, themesCard } from '../../cards/messages/review-cards.js'
import { myTasksCard } from '../../cards/messages/tasks-card.js'
import { trainingCourseCreateForm } from '../../cards/forms/training-course.js'
import {
  audienceSurveysCard,
  courseChoiceCard,
  courseResultsCard,
  trainingOverviewCard,
} from '../../cards/messages/training-cards.js'
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
  /**
   * Other ways people say it, matched after normalising (see `phraseKey`): "what's overdue?", "show my actions".
   * A phrase runs the row only for someone it is for (its permission); they also feed the "Did you mean" hint.
   */
  synonyms?: readonly string[]
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
/** What people ask when they mean "what waits for my decision". */
const APPROVALS = [
  'approvals',
  'my approvals',
  'what needs my approval',
  'needs my approval',
  'pending approvals',
  'what needs my decision',
  'waiting for me',
  'what is waiting for me',
  'decisions waiting',
]
const opens =
  (form: AnyForm) =>
  async (scope: CommandScope): Promise<Reply[]> => [await openForm(form, { ...scope, meta: {} })]

export const COMMANDS: readonly Command[] = [
  {
    name: 'help',
    pattern: /^(hi|hello|hey|help|start|menu|)$/,
    help: 'What Learning Loop can do',
    synonyms: ['what can you do', 'what can i do', 'commands', 'options', 'good morning', 'good afternoon'],
    teamsMenu: 'everywhere',
    // The help card offers the referral form as a button: a form below it would scroll the help out of view.
    run: async (scope) => {
      const waiting = (await scope.services.tasks.listMyTasks(scope.actor)).length
      return card(helpCard(scope.actor.name, helpLines(scope), waiting))
    },
  },
  {
    name: 'thanks',
    pattern: /^(thanks?|thank you|thank you very much|many thanks|thanks a lot|thx|ta|cheers)$/,
    inChannel: true,
    run: async () => card(messageCard('You\u2019re welcome', 'Glad to help. Type "help" whenever you need me.')),
  },
  {
    name: 'cancel',
    pattern: /^(cancel|stop|close|quit|exit|never ?mind|forget it|cancel (it|that|this|the form))$/,
    run: async () => card(nothingToCancelCard()),
  },
  {
    name: 'referral',
    teamsMenu: 'everywhere',
    pattern: /^(raise )?(a )?(review )?referral$|^raise$|^new referral$/,
    help: 'Raise a review referral (no child names)',
    synonyms: ['refer a case', 'make a referral', 'new case', 'refer'],
    run: opens(referralSubmitForm),
  },
  {
    // Everything waiting for this person, across referrals, reviews and actions, each with its button.
    name: 'my tasks',
    teamsMenu: 'personal',
    pattern: /^my tasks?$|^(my )?to ?dos?( list)?$/,
    help: 'Everything waiting for you, with a button for each',
    synonyms: ['tasks', 'what do i need to do', 'to do', 'todo', 'my to do', 'my todo', 'what is on my list'],
    run: async ({ services, actor }) => card(myTasksCard(await services.tasks.listMyTasks(actor))),
  },
  {
    name: 'my referrals',
    teamsMenu: 'personal',
    pattern: /^my referrals?$|^status$/,
    help: 'See the status of the referrals you raised',
    synonyms: ['my cases', 'referrals', 'what have i referred'],
    run: async ({ services, actor }) => card(myReferralsCard(await services.referrals.listMyReferrals(actor))),
  },
  {
    name: 'awaiting',
    teamsMenu: 'personal',
    pattern: /^awaiting( decision)?$|^decisions$/,
    help: 'Referrals waiting for your decision',
    synonyms: APPROVALS,
    permission: 'referral.decide',
    run: async ({ services, actor }) =>
      card(awaitingDecisionCard(await services.referrals.listAwaitingMyDecision(actor))),
  },
  {
    // The partners' "approvals": the services have no query of the sign-offs waiting for one partner (each comes
    // 1:1 as a card with its buttons), so this says where they are and what to type instead.
    name: 'sign-offs',
    pattern: /^(my )?sign[ -]?offs?$/,
    synonyms: APPROVALS,
    permission: 'review.partner-decide',
    run: async () => card(signOffsCard()),
  },
  {
    name: 'notifications',
    teamsMenu: 'personal',
    pattern: /^(serious incident )?notifications?$/,
    help: 'Serious incident notifications with a task still open',
    permission: 'notification.view',
    run: async ({ services, actor }) =>
      card(notificationsListCard(await services.referrals.listOpenNotifications(actor))),
  },
  {
    name: 'review status',
    teamsMenu: 'personal',
    pattern: /^reviews?( status)?$/,
    help: 'Live reviews, their next milestone and how late',
    synonyms: ['live reviews', 'reviews status', 'review progress', 'milestones'],
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
      card(
        reviewTypesCard(await services.reviews.listReviewTypes(actor), {
          canEdit: services.can(actor, 'review.edit-types'),
        }),
      ),
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
    synonyms: ['overdue', 'whats overdue', 'what is overdue', 'my overdue actions'],
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
    synonyms: ['overdue', 'whats overdue', 'what is overdue', 'late actions', 'overdue items', 'all actions'],
    permission: 'action.overview',
    run: async ({ services, actor }) => card(actionOverviewCard(await services.actions.actionOverview(actor))),
  },
  {
    name: 'escalations',
    pattern: /^escalations?$/,
    help: 'Actions 20 working days overdue',
    synonyms: ['escalated', 'escalated actions', 'whats escalated'],
    permission: 'action.view-escalations',
    run: async ({ services, actor }) => card(escalationsCard(await services.actions.listEscalations(actor))),
  },
  {
    name: 'audits',
    pattern: /^audits?( programme| program)?$|^audit programme$/,
    help: 'The audit programme: plan audits, open a summary, copy a tool',
    synonyms: ['section 11', 'section 175', 'audit plan', 'case audits'],
    permission: 'audit.view-summary',
    run: async ({ services, actor }) =>
      card(
        auditProgrammeCard(await services.audits.listAudits(actor), {
          canPlan: services.can(actor, 'audit.plan'),
          tools: await services.audits.listTools(actor),
        }),
      ),
  },
  {
    name: 'plan audit',
    pattern: /^(plan( an?)?|new) audit$/,
    help: 'Plan an audit: type, tool, who takes part, opening date and deadline',
    permission: 'audit.plan',
    run: opens(auditPlanForm),
  },
  {
    name: 'my audits',
    pattern: /^my audits?( returns?)?$/,
    help: 'Your audit returns: carry on, sign off or respond, with progress and deadline',
    synonyms: ['audit returns', 'my returns', 'my audit return', 'section 11 return', 'my section 11'],
    run: async ({ services, actor }) => card(myAuditsCard(await services.audits.listMyAudits(actor))),
  },
  {
    name: 'audit NSCP-AUD-2026-0001',
    pattern: /^audit ([a-z]+-aud-\d{4}-\d{4})$/,
    help: "Open an audit's summary by its reference",
    permission: 'audit.view-summary',
    run: async ({ services, actor, match }) => {
      const summary = await services.audits.getAuditByReference(actor, match[1]!.toUpperCase())
      return card(auditSummaryCard(summary, services.audits.auditPageLinks(actor, summary.id)))
    },
  },
  {
    name: 'undelivered',
    pattern: /^undelivered( messages)?$/,
    synonyms: ['undeliverable', 'not delivered', 'what could not be delivered'],
    help: 'Messages Learning Loop could not deliver yet, and to whom',
    permission: 'delivery.view-undeliverable',
    run: async ({ services, actor }) => card(undeliveredCard(await services.notifications.listUndeliverable(actor))),
  },
  {
    name: 'training results NSCP-TRN-2026-0001',
    pattern: /^(training )?results? (for |of )?(.+)$/,
    help: "A course's results: its reference or words of its title",
    permission: 'training.view-results',
    run: async ({ services, actor, match }) => {
      const courses = await services.training.findCourses(actor, match[3]!)
      if (courses.length !== 1) return card(courseChoiceCard(courses))
      return card(courseResultsCard(await services.training.courseResults(actor, courses[0]!.id)))
    },
  },
  {
    name: 'training',
    pattern: /^(my )?training( sessions)?$|^courses?$|^book( a)? (place|course|training)$/,
    help: 'Training sessions to book, your places, and your courses',
    synonyms: ['training courses', 'book training', 'what training is there', 'my courses'],
    run: async ({ services, actor }) => card(trainingOverviewCard(await services.training.trainingOverview(actor))),
  },
  {
    name: 'new course',
    pattern: /^new (training )?course$/,
    help: 'Create a training course',
    permission: 'training.manage',
    run: opens(trainingCourseCreateForm),
  },
  {
    name: 'surveys',
    pattern: /^surveys?$|^send a survey$/,
    help: 'Send a survey to an audience, and see the answers',
    permission: 'survey.send',
    run: async ({ services, actor }) => card(audienceSurveysCard(await services.training.listAudienceSurveys(actor))),
  },
  {
    name: 'set channel case-review',
    pattern: /^set channel (.+)$/,
    help: "In a channel: make it the Case Review Group's channel",
    permission: 'channel.set',
    inChannel: true,
    run: async ({ services, actor, incoming, match }) => {
      if (!incoming.groupAddress)
        throw new AppError('INVALID_INPUT', 'Type this in the channel you want to use, not in a 1:1 chat.')
      const purpose = parseChannelPurpose(match[1]!)
      await services.people.setPartnershipChannel(actor, {
        purpose,
        platform: incoming.platform,
        address: incoming.groupAddress,
      })
      return card(
        messageCard('Channel set', `This channel will now receive the ${CHANNEL_PURPOSES[purpose]} cards.`, 'good'),
      )
    },
  }, // Learning products and national learning (issue 14).
  {
    name: 'briefings',
    teamsMenu: 'personal',
    pattern: /^(my )?(briefings?|learning products?|learning briefs?|7 ?minute briefings?)$/,
    help: 'Learning products: 7-minute briefings, learning briefs and what was sent to you',
    synonyms: ['seven minute briefings', 'learning', 'what have i been sent'],
    run: async ({ services, actor }) => card(productsCard(await services.learning.listProducts(actor))),
  },
  {
    name: 'new briefing',
    pattern: /^(new|write a?) (7 ?minute )?(briefing|learning product|learning brief)$/,
    help: 'Write a 7-minute briefing or another learning product',
    permission: 'learning.create',
    run: opens(learningCreateForm),
  },
  {
    name: 'national learning',
    pattern: /^national (learning|reviews?)$/,
    help: 'National learning and what the partnership did about it',
    permission: 'national-learning.view',
    run: async ({ services, actor }) =>
      card(
        nationalLearningCard(
          await services.learning.listNationalLearning(actor),
          services.can(actor, 'national-learning.record'),
        ),
      ),
  },
]

/** Whether this person may use a row (the service checks again when it runs). */
export const mayUseFor =
  ({ services, actor }: Pick<CommandScope, 'services' | 'actor'>) =>
  (c: Command): boolean =>
    !c.permission || services.can(actor, c.permission)

/** The lines of `help` this person sees: only the commands they may use. */
function helpLines(scope: Pick<CommandScope, 'services' | 'actor'>): { command: string; description: string }[] {
  const mayUse = mayUseFor(scope)
  return COMMANDS.filter((c) => c.help && mayUse(c)).map((c) => ({
    command: c.name,
    description: c.help!,
  }))
}

/** The command a normalised text asks for, with its match (its own words first, then its synonyms). */
export function findCommand(
  text: string,
  mayUse: (c: Command) => boolean = () => true,
): { command: Command; match: RegExpExecArray } | null {
  const key = phraseKey(text)
  for (const words of [text, key]) {
    for (const command of COMMANDS) {
      const match = command.pattern.exec(words)
      if (match) return { command, match }
    }
  }
  // A phrase two rows share ("overdue") goes to the one for this person's role: a row with a permission first.
  const rows = COMMANDS.filter((c) => c.synonyms?.some((s) => phraseKey(s) === key) && mayUse(c))
  const command = rows.find((c) => c.permission) ?? rows[0]
  if (!command) return null
  const match = Object.assign([text], { index: 0, input: text }) as RegExpExecArray
  return { command, match }
}

/** Words that carry no meaning in a request: "please show me my actions" is "my actions". */
const FILLER = new Set([
  'please',
  'pls',
  'show',
  'me',
  'list',
  'see',
  'view',
  'give',
  'can',
  'could',
  'you',
  'the',
  'all',
])

/** A phrase without filler words or apostrophes, so "What's overdue?" and "whats overdue" are the same. */
export function phraseKey(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w && !FILLER.has(w))
  return words.join(' ')
}

/**
 * The command nearest to an unknown phrase among those this person may use: a synonym or name within a small
 * edit distance of the phrase, or whose words the phrase contains ("overdue stuff" → "actions overdue").
 */
export function suggestCommand(text: string, mayUse: (c: Command) => boolean): Command | null {
  const key = phraseKey(text)
  if (!key) return null
  const words = new Set(key.split(' '))
  let best: { command: Command; score: number } | null = null
  for (const command of COMMANDS) {
    if (!command.help || command.inChannel || /\d/.test(command.name) || !mayUse(command)) continue
    for (const phrase of [command.name, ...(command.synonyms ?? [])].map(phraseKey)) {
      const distance = editDistance(key, phrase) / Math.max(key.length, phrase.length)
      const contained = phrase.split(' ').every((w) => words.has(w)) ? 0.2 : 1
      const score = Math.min(distance, contained) - (command.permission ? 0.01 : 0)
      if (!best || score < best.score) best = { command, score }
    }
  }
  return best && best.score <= 0.34 ? best.command : null
}

/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

/** Teams' command menus (manifest `commandLists`): the rows marked for them, in the order above. */
export function teamsCommandLists(): { scopes: string[]; commands: { title: string; description: string }[] }[] {
  const menu = (rows: readonly Command[]) => rows.map((c) => ({ title: c.name, description: c.help ?? c.name }))
  return [
    { scopes: ['personal'], commands: menu(COMMANDS.filter((c) => c.teamsMenu)) },
    { scopes: ['team', 'groupChat'], commands: menu(COMMANDS.filter((c) => c.teamsMenu === 'everywhere')) },
  ]
}

/** The /learning command's usage hint in the Slack manifest: the menu rows, then setting the channel. */
export function slackUsageHint(): string {
  return [...COMMANDS.filter((c) => c.teamsMenu).map((c) => c.name), 'set-channel case-review'].join(' | ')
}
