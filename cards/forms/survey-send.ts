/**
 * Sending a survey to an audience (agencies, roles, sub-groups, schools and colleges, or everyone), with open and
 * close dates, named or anonymous, and optionally a public link for children and families; and an audience
 * survey's results. Also the button that shows a course's results.
 */
import { randomUUID } from 'node:crypto'
import { formatDate } from '../../services/calendar/dates.js'
import type { Services } from '../../services/index.js'
import { cardReply, defineButton, defineForm } from '../interaction.js'
import { audienceSurveysCard, courseResultsCard, surveyResultsCard } from '../messages/training-cards.js'
import type { Field } from '../model.js'
import { text } from '../model.js'
import { DEFINE_ROWS, QUESTION_KINDS } from '../../services/training/training.schema.js'
import { VERBS } from '../verbs.js'
import { about, optionsOf } from './shared.js'

type Choices = Awaited<ReturnType<Services['training']['sendSurveyChoices']>>

export const surveySendForm = defineForm({
  verb: VERBS.surveySend,
  title: 'Send a survey',
  submitLabel: 'Send survey',
  fields: [
    { id: 'definitionKey', label: 'Survey', kind: 'select', required: true },
    { id: 'everyone', label: 'Everyone', kind: 'checkbox', help: 'Send it to everyone in the partnership' },
    { id: 'agencies', label: 'Agencies', kind: 'multiselect' },
    { id: 'roles', label: 'Roles', kind: 'multiselect' },
    { id: 'subGroups', label: 'Sub-groups', kind: 'multiselect' },
    { id: 'settings', label: 'Schools and colleges', kind: 'multiselect' },
    { id: 'opensOn', label: 'Opens on', kind: 'date', required: true },
    { id: 'closesOn', label: 'Closes on', kind: 'date', required: true },
    {
      id: 'namedAnswers',
      label: 'Named answers',
      kind: 'checkbox',
      help: 'Ask for named answers (otherwise anonymous)',
    },
    {
      id: 'publicLink',
      label: 'Public link',
      kind: 'checkbox',
      help: 'Also give it a public link for children and families (no sign-in, no personal details)',
    },
  ],
  load: ({ services, actor }) => services.training.sendSurveyChoices(actor),
  view: (c: Choices) => ({
    meta: { formToken: randomUUID() },
    intro: about('It goes to anyone in any of the groups you choose, 1:1, with up to two reminders.'),
    options: {
      definitionKey: c.surveys,
      agencies: c.agencies,
      roles: c.roles,
      subGroups: c.subGroups,
      settings: c.settings,
    },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.training.sendSurvey(actor, { ...values, formToken: meta.formToken })
    const card = audienceSurveysCard(await services.training.listAudienceSurveys(actor))
    const opens = typeof values.opensOn === 'string' ? formatDate(values.opensOn) : ''
    card.blocks.unshift(
      text(
        !r.isNew
          ? 'That survey was already sent.'
          : r.opensNow
            ? `Survey sent to ${r.invited} ${r.invited === 1 ? 'person' : 'people'}.`
            : `Survey ready: it goes out on ${opens}.`,
        'good',
      ),
    )
    return cardReply(card)
  },
})

export const surveyResultsButton = defineButton({
  verb: VERBS.surveyResults,
  run: async ({ services, actor, meta }) =>
    cardReply(surveyResultsCard(await services.training.surveyResults(actor, meta.surveyId ?? ''))),
})

export const trainingResultsButton = defineButton({
  verb: VERBS.trainingResults,
  run: async ({ services, actor, meta }) =>
    cardReply(courseResultsCard(await services.training.courseResults(actor, meta.courseId ?? ''))),
})

const questionRows: Field[] = Array.from({ length: DEFINE_ROWS }, (_, i) => {
  const n = i + 1
  return [
    { id: `kind${n}`, label: `Question ${n}: kind`, kind: 'select', options: optionsOf(QUESTION_KINDS) } as Field,
    { id: `label${n}`, label: `Question ${n}: wording`, kind: 'text', maxLength: 300 } as Field,
    {
      id: `options${n}`,
      label: `Question ${n}: answers to choose from (for choices: one per line, or separated by commas)`,
      kind: 'textarea',
      maxLength: 800,
    } as Field,
  ]
}).flat()

export const surveyDefineForm = defineForm({
  verb: VERBS.surveyDefine,
  title: 'Write a survey',
  submitLabel: 'Save survey',
  fields: [
    { id: 'title', label: 'Title', kind: 'text', required: true, maxLength: 120 },
    { id: 'intro', label: 'What it is for (shown before the questions)', kind: 'textarea', maxLength: 600 },
    ...questionRows,
  ],
  load: ({ services, actor }) => services.training.sendSurveyChoices(actor),
  view: () => ({
    meta: {},
    intro: about('Its questions are saved as a survey you can send. Once sent, a change makes a new version.'),
  }),
  submit: async ({ services, actor, values }) => {
    const r = await services.training.defineSurvey(actor, values)
    const card = audienceSurveysCard(await services.training.listAudienceSurveys(actor))
    card.blocks.unshift(
      text(
        r.isNewVersion && r.version > 1
          ? `Survey saved as version ${r.version}: the surveys already sent keep their questions.`
          : 'Survey saved. Send it with "Send a survey".',
        'good',
      ),
    )
    return cardReply(card)
  },
})
