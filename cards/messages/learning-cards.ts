/**
 * The cards of learning products (issue 14): the product as its author and the learning chair see it, the
 * message each recipient gets (with "I've read it" and, for managers, "I briefed my team"), the sender's
 * progress card, the reach card, the lists, and the notices (approval asked, approved, staff not reachable).
 */
import type { ProductMessage, ProgressMessage } from '../../services/broadcast/broadcast.schema.js'
import { formatDate } from '../../services/calendar/dates.js'
import type { NationalLearningLine, ProductLine } from '../../services/learning/index.js'
import {
  type ProductView,
  type ReachRow,
  type ReachView,
  SECTION_HEADINGS,
  SECTION_KEYS,
} from '../../services/learning/learning.schema.js'
import type { Notice } from '../../services/notifications/notification.schema.js'
import type { Action, Block, Card } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

const n = (count: number, noun: string) => `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`

/** The product's headings and text, each heading in bold as the 7-minute briefing proforma has them. */
function sectionBlocks(sections: Partial<Record<string, string>>): Block[] {
  return SECTION_KEYS.filter((k) => sections[k]).flatMap((k): Block[] => [
    { type: 'heading', text: SECTION_HEADINGS[k] },
    text(sections[k]!),
  ])
}

/** "About 2 minutes left" / "less than a minute left". */
function timeLeft(seconds: number | null): string {
  if (seconds === null) return ''
  if (seconds < 60) return 'less than a minute left'
  const minutes = Math.round(seconds / 60)
  return `about ${n(minutes, 'minute')} left`
}

/** A learning product as its author, the learning chair or a recipient looking it up sees it. */
export function productCard(v: ProductView, note?: { text: string; tone?: 'good' | 'attention' }): Card {
  const buttons: Action[] = []
  const data = { productId: v.id }
  if (v.canApprove)
    buttons.push({ type: 'submit', verb: VERBS.learningApprove, label: 'Approve for sending', data, style: 'positive' })
  if (v.canSend) buttons.push({ type: 'open', verb: VERBS.learningSend, label: 'Send it', data, style: 'positive' })
  if (v.canCancel)
    buttons.push({ type: 'submit', verb: VERBS.learningCancel, label: 'Cancel sending', data, style: 'destructive' })
  if (v.isRecipient && !v.hasRead)
    buttons.push({ type: 'submit', verb: VERBS.learningRead, label: "I've read it", data })
  if (v.canBrief) buttons.push({ type: 'open', verb: VERBS.learningBrief, label: 'I briefed my team', data })
  if (v.canSeeReach && ['SENDING', 'SENT', 'CANCELLED', 'SCHEDULED'].includes(v.status))
    buttons.push({ type: 'submit', verb: VERBS.learningReach, label: 'See its reach', data })
  return {
    title: `${v.reference}: ${v.title}`,
    blocks: [
      ...(note ? [text(note.text, note.tone ?? 'good')] : []),
      facts([
        ['Kind', v.kindLabel],
        ['From', v.source],
        ['Themes', v.themes.join(', ') || 'none chosen'],
        ['Written by', v.authorName],
        ['Status', v.approvedBy ? `${v.statusLabel} (approved by ${v.approvedBy})` : v.statusLabel],
        ...(v.hasRead ? [['You', 'have read it'] as [string, string]] : []),
        ...(v.briefedOn ? [['You briefed your team', formatDate(v.briefedOn)] as [string, string]] : []),
      ]),
      ...sectionBlocks(v.sections),
      ...(buttons.length ? [{ type: 'actions' as const, actions: buttons }] : []),
    ],
  }
}

/** What each recipient gets (1:1, or in a channel): the product, and what to do with it. */
export function productMessageCard(m: ProductMessage, state?: { read?: boolean; briefedOn?: string | null }): Card {
  const data = { productId: m.productId }
  const buttons: Action[] = []
  if (!state?.read)
    buttons.push({ type: 'submit', verb: VERBS.learningRead, label: "I've read it", data, style: 'positive' })
  if (m.offerBriefing && !state?.briefedOn)
    buttons.push({ type: 'open', verb: VERBS.learningBrief, label: 'I briefed my team', data })
  return {
    title: `${m.kindLabel[0]!.toUpperCase()}${m.kindLabel.slice(1)}: ${m.title}`,
    blocks: [
      text(
        m.inChannel
          ? `From the partnership, sharing ${m.source}. Press "I've read it" once you have.`
          : `The partnership is sharing ${m.source} with you (${m.reference}). It takes about 7 minutes to read.`,
        'default',
        true,
      ),
      ...sectionBlocks(m.sections),
      ...(m.themes.length ? [facts([['Themes', m.themes.join(', ')]])] : []),
      ...(state?.read ? [text('Thank you: you have read it.', 'good')] : []),
      ...(state?.briefedOn ? [text(`You briefed your team on ${formatDate(state.briefedOn)}.`, 'good')] : []),
      ...(m.offerBriefing && !state?.briefedOn
        ? [text('As a manager, please talk it through at your next team meeting and record it here.', 'default', true)]
        : []),
      ...(buttons.length ? [{ type: 'actions' as const, actions: buttons }] : []),
    ],
  }
}

/** The sender's card while it sends, updated in place: "4,210 of 10,000 sent, about 2 minutes left". */
export function progressCard(p: ProgressMessage): Card {
  const data = { productId: p.productId }
  const done = p.sent + p.notReachable + p.failed
  const headline =
    p.status === 'CANCELLED'
      ? `Sending cancelled: ${p.sent.toLocaleString('en-GB')} of ${n(p.total, 'recipient')} had it.`
      : p.status === 'DONE'
        ? `Sent to ${p.sent.toLocaleString('en-GB')} of ${n(p.total, 'recipient')}.`
        : p.status === 'SCHEDULED'
          ? `Scheduled for ${n(p.total, 'recipient')}.`
          : `${p.sent.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')} sent, ${timeLeft(p.secondsLeft)}.`
  const buttons: Action[] = [{ type: 'submit', verb: VERBS.learningReach, label: 'See its reach', data }]
  if (p.status === 'SENDING' || p.status === 'SCHEDULED')
    buttons.unshift({ type: 'submit', verb: VERBS.learningCancel, label: 'Cancel sending', data, style: 'destructive' })
  return {
    title: `Sending ${p.reference}: ${p.title}`,
    blocks: [
      text(headline, p.status === 'CANCELLED' ? 'attention' : p.status === 'DONE' ? 'good' : 'default'),
      facts([
        ['Delivered', p.sent.toLocaleString('en-GB')],
        ['Not reachable', p.notReachable + p.failed ? (p.notReachable + p.failed).toLocaleString('en-GB') : 'nobody'],
        ['Still to send', Math.max(0, p.total - done - p.cancelled).toLocaleString('en-GB')],
        ['Read by', p.read !== undefined ? n(p.read, 'person').replace(/persons$/, 'people') : null],
        ['Teams briefed', p.teamsBriefed ? p.teamsBriefed.toLocaleString('en-GB') : null],
      ]),
      { type: 'actions', actions: buttons },
    ],
  }
}

const reachLine = (r: ReachRow) =>
  `${r.label}: ${r.delivered} of ${r.queued} delivered, ${r.read} read` +
  (r.notReachable ? `, ${r.notReachable} not reachable` : '') +
  (r.teamsBriefed ? `, ${n(r.teamsBriefed, 'team')} briefed (${n(r.staffBriefed, 'member')} of staff)` : '')

/** Reach for the author and the learning chair: the totals, by agency, by role, and who could not be reached. */
export function reachCard(r: ReachView, link?: string): Card {
  const t = r.totals
  return {
    title: `Reach of ${r.reference}: ${r.title}`,
    blocks: [
      facts([
        ['Sent to', r.audience],
        ['Status', r.status],
        [
          'Delivered',
          `${t.delivered} of ${t.queued} ${t.queued === 1 ? 'person' : 'people'}${t.channels ? ` and ${n(t.channels, 'channel')}` : ''}`,
        ],
        ['Not reachable', t.notReachable ? String(t.notReachable) : 'nobody'],
        ['Read', `${t.read} of ${t.delivered}`],
        ['Teams briefed', t.teamsBriefed ? `${t.teamsBriefed} (${n(t.staffBriefed, 'member')} of staff)` : 'none yet'],
        ...(r.secondsLeft !== null
          ? [['Still sending', `${t.pending} to go, ${timeLeft(r.secondsLeft)}`] as [string, string]]
          : []),
      ]),
      { type: 'heading', text: 'By agency' },
      ...r.byAgency.map((a) => text(reachLine(a))),
      { type: 'heading', text: 'By role' },
      ...r.byRole.slice(0, 8).map((a) => text(reachLine(a))),
      ...(r.notReachable.length
        ? [
            { type: 'heading' as const, text: 'Not reachable' },
            ...r.notReachable.slice(0, 10).map((p) => text(`${p.name} (${p.agency}): ${p.reason}`, 'attention')),
            ...(r.notReachable.length > 10
              ? [text(`And ${r.notReachable.length - 10} more on the reach page.`, 'default', true)]
              : []),
          ]
        : []),
      ...(link
        ? [{ type: 'actions' as const, actions: [{ type: 'link' as const, label: 'Open the reach page', url: link }] }]
        : []),
    ],
  }
}

/** `briefings`: the products this person writes, approves or was sent. */
export function productsCard(list: { lines: ProductLine[]; canCreate: boolean }): Card {
  const create: Action[] = list.canCreate
    ? [{ type: 'open', verb: VERBS.learningCreate, label: 'Write a learning product', data: {}, style: 'positive' }]
    : []
  if (!list.lines.length)
    return {
      title: 'Learning products',
      blocks: [
        text(list.canCreate ? 'None written yet.' : 'Nothing has been shared with you yet.'),
        ...(create.length ? [{ type: 'actions' as const, actions: create }] : []),
      ],
    }
  return {
    title: `Learning products (${list.lines.length})`,
    blocks: [
      ...list.lines.flatMap((l): Block[] => [
        text(`${l.reference}: ${l.title} (${l.kindLabel}, ${l.statusLabel}${l.hasRead ? ', read' : ''})`),
        {
          type: 'actions',
          actions: [
            { type: 'submit', verb: VERBS.learningOpen, label: `Open ${l.reference}`, data: { productId: l.id } },
          ],
        },
      ]),
      ...(create.length ? [{ type: 'actions' as const, actions: create }] : []),
    ],
  }
}

/** `national learning`: each piece and what points to it. */
export function nationalLearningCard(lines: NationalLearningLine[], canRecord: boolean): Card {
  const record: Action[] = canRecord
    ? [
        {
          type: 'open',
          verb: VERBS.nationalLearningRecord,
          label: 'Record national learning',
          data: {},
          style: 'positive',
        },
      ]
    : []
  return {
    title: `National learning (${lines.length})`,
    blocks: [
      ...(lines.length ? [] : [text('None recorded yet.')]),
      ...lines.flatMap((l): Block[] => [
        { type: 'heading', text: `${l.reference}: ${l.title}` },
        facts([
          ['Kind', l.kindLabel],
          ['Published', l.publishedOn ? formatDate(l.publishedOn) : null],
          ['Themes', l.themes.join(', ') || null],
          ['What we did', `${n(l.actions, 'action')}, ${n(l.products, 'learning product')}, ${n(l.audits, 'audit')}`],
        ]),
        {
          type: 'actions',
          actions: [
            ...l.links.slice(0, 3).map((url) => ({ type: 'link' as const, label: `Open on ${hostOf(url)}`, url })),
            ...(canRecord
              ? [
                  {
                    type: 'open' as const,
                    verb: VERBS.nationalLearningLink,
                    label: 'Link an action',
                    data: { nationalLearningId: l.id },
                  },
                ]
              : []),
          ],
        },
      ]),
      ...(record.length ? [{ type: 'actions' as const, actions: record }] : []),
    ],
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return 'the web'
  }
}

type LearningNotice = Extract<Notice, { template: `learning.${string}` }>

/** The learning notices (approval asked, approved, staff not reachable). */
export function learningNoticeCard(notice: LearningNotice): Card {
  const data = { productId: notice.productId }
  switch (notice.template) {
    case 'learning.approval-request':
      return {
        title: `For your approval: ${notice.reference}`,
        blocks: [
          text(`${notice.by} wrote a ${notice.kindLabel}, "${notice.title}", and asks you to approve it for sending.`),
          {
            type: 'actions',
            actions: [
              { type: 'submit', verb: VERBS.learningOpen, label: 'Open it to approve', data, style: 'positive' },
            ],
          },
        ],
      }
    case 'learning.approved':
      return {
        title: `${notice.reference} approved`,
        blocks: [
          text(`${notice.by} approved "${notice.title}". Choose who it goes to and send it.`, 'good'),
          {
            type: 'actions',
            actions: [{ type: 'open', verb: VERBS.learningSend, label: 'Send it', data, style: 'positive' }],
          },
        ],
      }
    case 'learning.not-reachable':
      return {
        title: `${notice.reference}: staff of ${notice.agency} Learning Loop could not reach`,
        blocks: [
          text(
            `"${notice.title}" could not reach these people. Please pass it on another way, and ask them to open ` +
              'Learning Loop in Teams or Slack so the next one reaches them.',
          ),
          ...notice.people.map((p) => text(`${p.name}: ${p.reason}`, 'attention')),
          ...(notice.more ? [text(`And ${notice.more} more.`, 'default', true)] : []),
        ],
      }
  }
}
