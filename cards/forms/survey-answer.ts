/**
 * Answering a survey sent 1:1, from its definition: every question has a fixed slot (services/training/
 * survey-definition.schema.ts), so the same definition renders to an Adaptive Card and a Slack modal and a submit
 * is read before anything loads. The card says whether the survey is named or anonymous before the first question.
 * Also "don't ask me again".
 */
import { formatDate } from '../../services/calendar/dates.js'
import { SURVEY_SLOTS, type SurveyField } from '../../services/training/survey-definition.schema.js'
import type { SurveyForm } from '../../services/training/index.js'
import { cardReply, defineButton, defineForm } from '../interaction.js'
import { anonymityLine } from '../messages/training-cards.js'
import { messageCard } from '../messages/general.js'
import type { Field } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'

/** Every slot a survey card can have, with its kind: the static field list a submit is read with. */
const SLOT_FIELDS: Field[] = [
  ...[...SURVEY_SLOTS.scale, ...SURVEY_SLOTS.before, ...SURVEY_SLOTS.after].map(
    (id): Field => ({ id, label: id, kind: 'select', expanded: true }),
  ),
  ...SURVEY_SLOTS.single.map((id): Field => ({ id, label: id, kind: 'select', expanded: true })),
  ...SURVEY_SLOTS.multiple.map((id): Field => ({ id, label: id, kind: 'multiselect' })),
  ...SURVEY_SLOTS.text.map((id): Field => ({ id, label: id, kind: 'textarea' })),
]

/** One question of the definition as a field of the card. */
function surveyField(f: SurveyField): Field {
  const kind: Field['kind'] = f.kind === 'text' ? 'textarea' : f.kind === 'multiple' ? 'multiselect' : 'select'
  return {
    id: f.slot,
    label: f.label,
    kind,
    ...(f.required ? { required: true } : {}),
    ...(f.kind === 'scale' || f.kind === 'single' ? { expanded: true } : {}),
    ...(f.options.length ? { options: f.options } : {}),
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
  }
}

export const surveyAnswerForm = defineForm({
  verb: VERBS.surveyAnswer,
  title: 'Survey',
  submitLabel: 'Send my answers',
  fields: SLOT_FIELDS,
  load: ({ services, actor, meta }) =>
    services.training.openSurvey(actor, {
      surveyId: meta.surveyId,
      ...(meta.aboutPersonId ? { aboutPersonId: meta.aboutPersonId } : {}),
    }),
  view: (s: SurveyForm) => ({
    meta: { surveyId: s.surveyId, ...(s.aboutPersonId ? { aboutPersonId: s.aboutPersonId } : {}) },
    intro: [
      text(
        s.courseTitle ? `${s.courseTitle}${s.sessionDate ? `, ${formatDate(s.sessionDate)}` : ''}` : s.title,
        'default',
        true,
      ),
      text(anonymityLine(s.anonymous), s.anonymous ? 'good' : 'default'),
      ...(s.intro ? [text(s.intro)] : []),
      ...(s.closesOn ? [text(`Open until ${formatDate(s.closesOn)}.`, 'default', true)] : []),
    ],
    fields: s.fields.map(surveyField),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.training.answerSurvey(actor, {
      ...values,
      surveyId: meta.surveyId,
      ...(meta.aboutPersonId ? { aboutPersonId: meta.aboutPersonId } : {}),
    })
    const how = r.anonymous ? 'Your answers were saved with no link to you.' : 'Your answers were saved.'
    return cardReply(
      messageCard('Thank you', `${how} They help the partnership see what difference ${r.title} makes.`, 'good'),
    )
  },
})

export const surveyStopButton = defineButton({
  verb: VERBS.surveyStop,
  run: async ({ services, actor, meta }) => {
    const r = await services.training.stopAsking(actor, {
      surveyId: meta.surveyId,
      ...(meta.aboutPersonId ? { aboutPersonId: meta.aboutPersonId } : {}),
    })
    return cardReply(
      messageCard(
        'We will not ask again',
        r.isCourse
          ? `You will get no more reminders or surveys about ${r.title}.`
          : `You will get no more reminders about ${r.title}.`,
      ),
    )
  },
})
