/**
 * Training and survey cards: a person's training (sessions to book, their places, their courses), a course with its
 * sessions, a course's results, the 1:1 notices (a place, a survey to answer, a reminder), and surveys sent to an
 * audience with their results. Figures withheld below the partnership's minimum say so, with the number needed.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { Notice } from '../../services/notifications/notification.schema.js'
import type {
  AudienceSurveyLine,
  CourseResults,
  CourseView,
  Figure,
  ResultsBlock,
  SessionLine,
  SurveyResults,
  TrainingOverview,
} from '../../services/training/index.js'
import { BOOKING_STATUSES } from '../../services/training/training.schema.js'
import type { Action, Block, Card } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const when = (s: { date: string; startTime: string; endTime: string }) =>
  `${formatDate(s.date)}, ${s.startTime} to ${s.endTime}`
const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)}%`)
const actions = (...list: Action[]): Block => ({ type: 'actions', actions: list })

/** How a survey says, before its first question, whether answers are named. */
export function anonymityLine(anonymous: boolean): string {
  return anonymous
    ? 'This survey is anonymous: your answers are stored with no link to you, and nobody can see who gave them.'
    : 'This survey is named: the course team can see your answers with your name.'
}

function sessionLine(s: SessionLine): string {
  const places = `${plural(s.booked, 'place')} of ${s.capacity} taken`
  return `${s.courseTitle}: ${when(s)}. For ${s.audience}. ${places}.`
}

/** `training`: sessions the reader can book, their places, and for trainers their courses. */
export function trainingOverviewCard(o: TrainingOverview): Card {
  const blocks: Block[] = []
  blocks.push({ type: 'heading', text: `Sessions you can book (${o.open.length})` })
  if (!o.open.length) blocks.push(text('There are no sessions open to you at the moment.', 'default', true))
  for (const s of o.open.slice(0, 10)) {
    blocks.push(text(sessionLine(s)))
    blocks.push(
      actions({
        type: 'submit',
        verb: VERBS.trainingBook,
        label: 'Book a place',
        data: { sessionId: s.id },
        style: 'positive',
      }),
    )
  }
  blocks.push({ type: 'heading', text: `Your places (${o.mine.length})` })
  if (!o.mine.length) blocks.push(text('You have no places booked.', 'default', true))
  for (const s of o.mine.slice(0, 10)) {
    const status = s.status === 'CANCELLED' ? 'Session cancelled' : BOOKING_STATUSES[s.myBooking ?? 'BOOKED']
    blocks.push(text(`${s.courseTitle}: ${when(s)}. ${status}.`))
    if (!s.isPast && s.status === 'SCHEDULED' && s.myBooking === 'BOOKED')
      blocks.push(
        actions({
          type: 'submit',
          verb: VERBS.trainingCancelPlace,
          label: 'Give up my place',
          data: { sessionId: s.id },
        }),
      )
  }
  if (o.courses.length || o.canCreate) {
    blocks.push({ type: 'heading', text: `Courses (${o.courses.length})` })
    for (const c of o.courses) {
      blocks.push(text(`${c.reference}: ${c.title}. ${plural(c.sessions, 'session')}.`))
      blocks.push(
        actions(
          { type: 'submit', verb: VERBS.trainingCourseOpen, label: 'Open the course', data: { courseId: c.id } },
          { type: 'submit', verb: VERBS.trainingResults, label: 'See the results', data: { courseId: c.id } },
        ),
      )
    }
    if (o.canCreate)
      blocks.push(
        actions({
          type: 'open',
          verb: VERBS.trainingCourseCreate,
          label: 'Create a course',
          data: {},
          style: 'positive',
        }),
      )
  }
  if (o.managerAnswers.length) {
    blocks.push({ type: 'heading', text: 'What you told us about your staff' })
    for (const a of o.managerAnswers.slice(0, 10))
      blocks.push(text(`${a.about}, after ${a.course}: a change in practice? ${a.change}.`))
  }
  if (o.canSendSurveys)
    blocks.push(text('Type "surveys" to send a survey to an audience or to see surveys sent.', 'default', true))
  return { title: 'Training', blocks }
}

/** A course with its sessions, for its trainer: schedule, register, take the register, move or cancel. */
export function courseCard(c: CourseView): Card {
  const blocks: Block[] = [
    facts([
      ['Learning outcomes', c.outcomes.map((o, i) => `Outcome ${i + 1}: ${o}`).join('\n')],
      ['Theme', c.theme],
      ['Responds to', c.respondsTo],
      ['Trainer', c.trainer],
      ['Answers', c.anonymous ? 'Anonymous' : 'Named'],
    ]),
    { type: 'heading', text: `Sessions (${c.sessions.length})` },
  ]
  if (!c.sessions.length) blocks.push(text('No sessions yet.', 'default', true))
  for (const s of c.sessions.slice(-8)) {
    const status = s.status === 'CANCELLED' ? ' Cancelled.' : ''
    blocks.push(text(`${when(s)}. For ${s.audience}. ${plural(s.booked, 'place')} of ${s.capacity} taken.${status}`))
    const people = s.attendees.filter((a) => a.status !== 'CANCELLED')
    if (people.length && c.canManage)
      blocks.push(
        text(people.map((a) => `${a.name} (${BOOKING_STATUSES[a.status].toLowerCase()})`).join(', '), 'default', true),
      )
    if (!c.canManage || s.status === 'CANCELLED') continue
    const row: Action[] = s.isPast
      ? [
          {
            type: 'open',
            verb: VERBS.trainingAttendance,
            label: 'Record attendance',
            data: { sessionId: s.id },
            style: 'positive',
          },
        ]
      : [
          { type: 'open', verb: VERBS.trainingRegister, label: 'Register people', data: { sessionId: s.id } },
          { type: 'open', verb: VERBS.trainingSessionReschedule, label: 'Move the session', data: { sessionId: s.id } },
          {
            type: 'submit',
            verb: VERBS.trainingSessionCancel,
            label: 'Cancel the session',
            data: { sessionId: s.id },
            style: 'destructive',
          },
        ]
    blocks.push(actions(...row))
  }
  const bottom: Action[] = []
  if (c.canManage)
    bottom.push({
      type: 'open',
      verb: VERBS.trainingSessionCreate,
      label: 'Add a session',
      data: { courseId: c.id },
      style: 'positive',
    })
  if (c.canSeeResults)
    bottom.push({ type: 'submit', verb: VERBS.trainingResults, label: 'See the results', data: { courseId: c.id } })
  if (bottom.length) blocks.push(actions(...bottom))
  return { title: `${c.reference}: ${c.title}`, blocks }
}

/** A figure, or why it is not shown. */
function shown(f: Figure, min: number, format: (v: number) => string): string {
  if (f.value === null) return `not shown: ${plural(f.n, 'answer')}, ${min} needed`
  return `${format(f.value)} (${plural(f.n, 'answer')})`
}
const outOf5 = (v: number) => `${v.toFixed(1)} out of 5`

function resultsBlocks(r: ResultsBlock, outcomes: string[], min: number): Block[] {
  const rate =
    r.responseRate === null ? 'nobody asked yet' : `${percent(r.responseRate)} (${r.answered} of ${r.invited})`
  const rows: [string, string][] = [
    ['Response rate', rate],
    ['Relevance', shown(r.relevance, min, outOf5)],
    ['Quality', shown(r.quality, min, outOf5)],
  ]
  r.outcomes.forEach((o, i) => {
    const label = `Confidence, outcome ${i + 1}`
    rows.push([
      label,
      o.uplift === null
        ? `not shown: ${plural(o.before.n, 'answer')} before and ${o.after.n} after, ${min} needed`
        : `${o.uplift >= 0 ? 'up' : 'down'} ${Math.abs(o.uplift).toFixed(1)}: ${o.before.value!.toFixed(1)} before (${plural(o.before.n, 'answer')}), ${o.after.value!.toFixed(1)} after (${plural(o.after.n, 'answer')})`,
    ])
  })
  rows.push([
    'Applied it at follow-up',
    r.followUp.answered === 0
      ? 'no answers yet'
      : shown(r.followUp.applied, min, (v) => `${percent(v)} yes, ${percent(r.followUp.partly.value)} partly`),
  ])
  rows.push([
    'Managers who saw a change',
    r.managers.answered === 0
      ? 'no answers yet'
      : shown(r.managers.sawChange, min, (v) => `${percent(v)} yes, ${percent(r.managers.partly.value)} partly`),
  ])
  const blocks: Block[] = [facts(rows)]
  if (outcomes.length) blocks.push(text(outcomes.map((o, i) => `Outcome ${i + 1}: ${o}`).join('\n'), 'default', true))
  for (const q of r.quotes) blocks.push(text(`\u201c${q}\u201d`))
  return blocks
}

/** `training results <course>`: the course's figures, each session's, and the links to the page and spreadsheet. */
export function courseResultsCard(r: CourseResults): Card {
  const blocks: Block[] = [
    text(
      `${r.anonymous ? 'Answers are anonymous.' : 'Answers are named.'} Figures from fewer than ${plural(r.minAnswers, 'answer')} are not shown, so nobody can be picked out.`,
      'default',
      true,
    ),
    { type: 'heading', text: `All sessions (${r.sessions.length})` },
    ...resultsBlocks(r.course, r.outcomes, r.minAnswers),
  ]
  for (const s of r.sessions.slice(-5)) {
    blocks.push({ type: 'heading', text: `Session on ${formatDate(s.date)}: ${plural(s.attended, 'attendee')}` })
    const rate =
      s.responseRate === null ? 'nobody asked yet' : `${percent(s.responseRate)} (${s.answered} of ${s.invited})`
    blocks.push(
      text(
        s.suppressed
          ? `Response rate ${rate}. Other figures are not shown below ${plural(r.minAnswers, 'answer')}.`
          : `Response rate ${rate}. Relevance ${shown(s.relevance, r.minAnswers, outOf5)}; quality ${shown(s.quality, r.minAnswers, outOf5)}.`,
      ),
    )
  }
  const links: Action[] = []
  if (r.pageUrl) links.push({ type: 'link', label: 'Open the full results page', url: r.pageUrl })
  if (r.spreadsheetUrl) links.push({ type: 'link', label: 'Download the spreadsheet', url: r.spreadsheetUrl })
  if (links.length) blocks.push(actions(...links))
  return { title: `Results: ${r.reference} ${r.title}`, blocks }
}

/** Several courses match what was typed: choose one. */
export function courseChoiceCard(courses: { id: string; reference: string; title: string }[]): Card {
  if (!courses.length)
    return { title: 'No course found', blocks: [text('No course matches that. Type "training" to see the courses.')] }
  return {
    title: 'Which course?',
    blocks: courses.flatMap((c) => [
      text(`${c.reference}: ${c.title}`),
      actions({ type: 'submit', verb: VERBS.trainingResults, label: 'See the results', data: { courseId: c.id } }),
    ]),
  }
}

type SessionNotice = Extract<Notice, { template: 'training.session' }>
type SurveyNotice = Extract<Notice, { template: 'training.survey' }>

const STAGE_TITLES: Record<string, string> = {
  before: 'before the session',
  after: 'straight after the session',
  'follow-up': 'a few weeks on',
}

/** The 1:1 cards of training: a place (registered, moved, cancelled), the register to take, a survey to answer. */
export function trainingNoticeCard(notice: SessionNotice | SurveyNotice): Card {
  if (notice.template === 'training.session') {
    const at = when(notice)
    switch (notice.change) {
      case 'registered':
        return {
          title: `A place for you: ${notice.courseTitle}`,
          blocks: [
            text(`${notice.by} has booked you a place on ${notice.courseTitle}, ${at}.`),
            ...(notice.beforeSurveyId
              ? [
                  text(
                    'Before it, you can rate how confident you feel now about what it sets out to teach.',
                    'default',
                    true,
                  ),
                  actions(
                    {
                      type: 'open',
                      verb: VERBS.surveyAnswer,
                      label: 'Rate my confidence now',
                      data: { surveyId: notice.beforeSurveyId },
                    },
                    {
                      type: 'submit',
                      verb: VERBS.trainingCancelPlace,
                      label: 'Give up my place',
                      data: { sessionId: notice.sessionId },
                    },
                  ),
                ]
              : []),
          ],
        }
      case 'rescheduled':
        return {
          title: `${notice.courseTitle} has moved`,
          blocks: [text(`${notice.by} moved the session you have a place on. It is now ${at}.`, 'attention')],
        }
      case 'cancelled':
        return {
          title: `${notice.courseTitle} is cancelled`,
          blocks: [text(`${notice.by} cancelled the session on ${at}. Type "training" to book another.`, 'attention')],
        }
      case 'attendance-due':
        return {
          title: `Take the register: ${notice.courseTitle}`,
          blocks: [
            text(
              `The session on ${at} has ended and nobody is marked as attended yet. Each attendee gets their survey as soon as you mark them.`,
            ),
            actions({
              type: 'open',
              verb: VERBS.trainingAttendance,
              label: 'Record attendance',
              data: { sessionId: notice.sessionId },
              style: 'positive',
            }),
          ],
        }
    }
  }
  const about = notice.aboutName ?? 'a member of your staff'
  const isManager = notice.kind === 'manager'
  const title = isManager
    ? `${about} went on ${notice.title}: have you seen a change?`
    : notice.kind === 'audience'
      ? `Survey: ${notice.title}`
      : `${notice.title}: ${STAGE_TITLES[notice.kind] ?? 'your views'}`
  const lead = isManager
    ? `${about} went on ${notice.title}${notice.sessionDate ? ` on ${formatDate(notice.sessionDate)}` : ''}. As their line manager, tell us whether you have seen a change in their practice. It takes a minute.`
    : notice.kind === 'audience'
      ? 'The partnership would like your views. It takes a few minutes.'
      : `You went on ${notice.title}${notice.sessionDate ? ` on ${formatDate(notice.sessionDate)}` : ''}. Tell us how it went: it takes a few minutes.`
  const data: Record<string, string> = {
    surveyId: notice.surveyId,
    ...(notice.aboutPersonId ? { aboutPersonId: notice.aboutPersonId } : {}),
  }
  return {
    title: notice.reminder ? `Reminder ${notice.reminder} of 2: ${title}` : title,
    blocks: [
      text(lead),
      text(anonymityLine(notice.anonymous), 'default', true),
      ...(notice.closesOn ? [text(`Open until ${formatDate(notice.closesOn)}.`, 'default', true)] : []),
      actions(
        { type: 'open', verb: VERBS.surveyAnswer, label: 'Answer the survey', data, style: 'positive' },
        {
          type: 'submit',
          verb: VERBS.surveyStop,
          label: notice.isCourse ? "Don't ask me again for this course" : "Don't ask me again",
          data,
        },
      ),
    ],
  }
}

/** `surveys`: surveys sent to an audience, with their answers so far and their public links. */
export function audienceSurveysCard(lines: AudienceSurveyLine[]): Card {
  const STATUS = { SCHEDULED: 'Opens', OPEN: 'Open until', CLOSED: 'Closed on' } as const
  const blocks: Block[] = [
    actions(
      { type: 'open', verb: VERBS.surveySend, label: 'Send a survey', data: {}, style: 'positive' },
      { type: 'open', verb: VERBS.surveyDefine, label: 'Write a survey', data: {} },
    ),
    { type: 'heading', text: `Surveys sent (${lines.length})` },
  ]
  if (!lines.length) blocks.push(text('No surveys have been sent yet.', 'default', true))
  for (const s of lines.slice(0, 10)) {
    const date = s.status === 'SCHEDULED' ? s.opensOn : s.closesOn
    const dates = date ? ` ${STATUS[s.status]} ${formatDate(date)}.` : ''
    blocks.push(
      text(
        `${s.title}.${dates} ${plural(s.answered, 'answer')}${s.invited ? ` from ${plural(s.invited, 'person', 'people')} asked` : ''}. ${s.anonymous ? 'Anonymous' : 'Named'}.`,
      ),
    )
    const row: Action[] = [
      { type: 'submit', verb: VERBS.surveyResults, label: 'See the results', data: { surveyId: s.id } },
    ]
    if (s.publicUrl) row.push({ type: 'link', label: 'Open the public link', url: s.publicUrl })
    blocks.push(actions(...row))
    if (s.publicUrl) blocks.push(text(`Public link to share: ${s.publicUrl}`, 'default', true))
  }
  return { title: 'Surveys', blocks }
}

/** One audience survey's results, question by question. */
export function surveyResultsCard(r: SurveyResults): Card {
  const blocks: Block[] = [
    text(`${plural(r.answered, 'answer')}${r.invited ? ` from ${plural(r.invited, 'person', 'people')} asked` : ''}.`),
  ]
  if (r.suppressed) {
    blocks.push(
      text(`Results show once ${plural(r.minAnswers, 'answer')} are in, so nobody can be picked out.`, 'attention'),
    )
    return { title: `Results: ${r.title}`, blocks }
  }
  for (const q of r.questions) {
    blocks.push({ type: 'heading', text: q.label })
    if (q.kind === 'scale' && q.mean !== null)
      blocks.push(text(`Average ${q.mean.toFixed(1)} (${plural(q.n, 'answer')}).`))
    if (q.counts.length) blocks.push(facts(q.counts.map((c): [string, string] => [c.label, String(c.count)])))
    for (const quote of q.quotes) blocks.push(text(`\u201c${quote}\u201d`))
    if (q.kind === 'text' && !q.quotes.length) blocks.push(text('No answers to quote.', 'default', true))
  }
  if (r.themes.length)
    blocks.push(
      { type: 'heading', text: 'Themes in what people wrote' },
      text(r.themes.map((t) => `${t.theme} (${plural(t.count, 'answer')})`).join(', ')),
    )
  return { title: `Results: ${r.title}`, blocks }
}
