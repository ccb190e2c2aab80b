/** The referrer answers the chair's question, 1:1. */
import { defineForm } from '../interaction.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { done } from './shared.js'

export type QuestionToAnswer = { id: string; reference: string; question: string }

export const referralAnswerForm = defineForm<QuestionToAnswer>({
  verb: VERBS.referralAnswer,
  title: 'Answer the question',
  submitLabel: 'Send answer',
  fields: [
    {
      id: 'answer',
      label: 'Your answer',
      kind: 'textarea',
      required: true,
      maxLength: 2000,
      help: 'Do not name the child or family members.',
    },
  ],
  load: ({ services, actor, meta }) => services.referrals.getQuestionToAnswer(actor, meta.questionId ?? ''),
  view: (q: QuestionToAnswer) => ({
    meta: { questionId: q.id },
    intro: [text(`Question about ${q.reference}:`, 'default', true), text(q.question)],
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.answerQuestion(actor, {
      questionId: meta.questionId,
      answer: values.answer,
      confirmSensitive: values.confirmSensitive,
    })
    return done(
      `Answer sent for ${result.reference}`,
      result.isNew
        ? 'Thank you. Your answer has been added to the referral for the Case Review Group.'
        : 'You already answered this question; nothing was sent twice.',
    )
  },
})
