/**
 * The surveys a partnership starts with, as data: the three-stage training evaluation (DOMAIN.md 4: before,
 * straight after, and weeks later with the manager's view), a practitioner survey that tests agencies' Section 11
 * self-ratings, and a short feedback survey for children and families (given a public link). Each is written as
 * version 1 the first time it is needed; changing one later makes a new version (save-survey-definition.ts).
 */
import type { SurveyDefinitionData } from './survey-definition.schema.js'

export const TRAINING_SURVEY_KEYS = {
  before: 'training-before',
  after: 'training-after',
  'follow-up': 'training-follow-up',
  manager: 'training-manager',
} as const
export type TrainingStage = keyof typeof TRAINING_SURVEY_KEYS

const YES_PARTLY_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'partly', label: 'Partly' },
  { value: 'no', label: 'No' },
]

export const DEFAULT_SURVEYS: Record<string, SurveyDefinitionData> = {
  'training-before': {
    title: 'Before the session',
    intro: 'How confident are you now about each thing the course sets out to teach? 1 is not confident, 5 very.',
    questions: [{ kind: 'confidence', id: 'confidence', label: 'Your confidence', when: 'before', required: true }],
  },
  'training-after': {
    title: 'Straight after the session',
    questions: [
      {
        kind: 'scale',
        id: 'relevance',
        label: 'How relevant was the course to your work?',
        min: 1,
        max: 5,
        lowLabel: 'not at all',
        highLabel: 'very',
        required: true,
      },
      {
        kind: 'scale',
        id: 'quality',
        label: 'How good was the training?',
        min: 1,
        max: 5,
        lowLabel: 'poor',
        highLabel: 'excellent',
        required: true,
      },
      { kind: 'confidence', id: 'confidence', label: 'Your confidence', when: 'after', required: true },
      {
        kind: 'text',
        id: 'doDifferently',
        label: 'What will you do differently?',
        maxLength: 1000,
        required: false,
      },
    ],
  },
  'training-follow-up': {
    title: 'Weeks after the course',
    questions: [
      {
        kind: 'single',
        id: 'applied',
        label: 'Have you applied what you learned in your work?',
        options: YES_PARTLY_NO,
        required: true,
      },
      { kind: 'text', id: 'example', label: 'An example of how you applied it', maxLength: 1000, required: false },
      { kind: 'text', id: 'barriers', label: 'What got in the way, if anything?', maxLength: 1000, required: false },
    ],
  },
  'training-manager': {
    title: 'A change in practice',
    questions: [
      {
        kind: 'single',
        id: 'change',
        label: "Have you seen a change in {about}'s practice since the course?",
        options: [...YES_PARTLY_NO, { value: 'too-early', label: 'Too early to say' }],
        required: true,
      },
      { kind: 'text', id: 'comment', label: 'What have you noticed?', maxLength: 1000, required: false },
    ],
  },
  'section-11-practitioners': {
    title: 'Practitioner survey: safeguarding in your agency',
    intro:
      'Your agency rated itself in its Section 11 audit. Tell us how it is for you, so the partnership can test ' +
      'those ratings. 1 is strongly disagree, 5 strongly agree.',
    questions: [
      {
        kind: 'scale',
        id: 'training',
        label: 'My safeguarding training is up to date and meets my needs.',
        min: 1,
        max: 5,
        required: true,
      },
      {
        kind: 'scale',
        id: 'supervision',
        label: 'I get regular safeguarding supervision.',
        min: 1,
        max: 5,
        required: true,
      },
      {
        kind: 'scale',
        id: 'escalation',
        label: 'I know how to escalate a concern when I disagree with another agency.',
        min: 1,
        max: 5,
        required: true,
      },
      {
        kind: 'single',
        id: 'knowsLead',
        label: "Do you know who your agency's safeguarding lead is?",
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ],
        required: true,
      },
      {
        kind: 'text',
        id: 'help',
        label: 'What would help you keep children safe?',
        maxLength: 1000,
        required: false,
      },
    ],
  },
  'family-feedback': {
    title: 'Tell us what it was like',
    intro:
      'We want to learn from families about the help you had. Please do not write any names, addresses or ' +
      'dates of birth.',
    questions: [
      {
        kind: 'scale',
        id: 'listened',
        label: 'Did the people working with you listen to you?',
        min: 1,
        max: 5,
        lowLabel: 'not at all',
        highLabel: 'always',
        required: true,
      },
      {
        kind: 'single',
        id: 'helped',
        label: 'Did the help make things better?',
        options: [...YES_PARTLY_NO, { value: 'not-sure', label: 'Not sure' }],
        required: true,
      },
      {
        kind: 'multiple',
        id: 'who',
        label: 'Who helped you? Choose any.',
        options: [
          { value: 'social-worker', label: 'A social worker' },
          { value: 'health', label: 'A health visitor, nurse or doctor' },
          { value: 'school', label: 'A school or nursery' },
          { value: 'police', label: 'The police' },
          { value: 'other', label: 'Someone else' },
        ],
        required: false,
      },
      { kind: 'text', id: 'better', label: 'What could have been better?', maxLength: 1000, required: false },
    ],
  },
}

/** The surveys a learning or quality assurance sub-group can send to an audience, by key, with their titles. */
export const AUDIENCE_SURVEY_KEYS = ['section-11-practitioners', 'family-feedback'] as const
