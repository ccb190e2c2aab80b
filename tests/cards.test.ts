/**
 * Every card and form the app can emit, with realistic and worst-case inputs, rendered for both platforms:
 * - Teams: parsed by the Adaptive Cards SDK (`adaptivecards`, schema 1.5) with no parse or validation
 *   events, and under the 40 KB Teams message limit;
 * - Slack: within Block Kit's limits for messages and modals.
 */
import { readFileSync } from 'node:fs'
import * as AC from 'adaptivecards'
import { beforeAll, describe, expect, it } from 'vitest'
import { formOf } from '../cards/interaction.js'
import * as general from '../cards/messages/general.js'
import * as localReviewCards from '../cards/messages/local-review-card.js'
import * as notices from '../cards/messages/notices.js'
import { digestCard } from '../cards/messages/notices.js'
import * as referralCards from '../cards/messages/referral-cards.js'
import { screeningCard } from '../cards/messages/referral-cards.js'
import * as reviewCards from '../cards/messages/review-cards.js'
import * as actionCards from '../cards/messages/action-cards.js'
import type { Card } from '../cards/model.js'
import { cardToAdaptive, dialogPageToAdaptive, formToAdaptive } from '../cards/render/adaptive.js'
import { cardToBlocks, cardToModal, dialogPageToModal, formToModal, type SlackView } from '../cards/render/blockkit.js'
import { SLACK, TEAMS_MAX_CARD_BYTES } from '../cards/render/limits.js'
import {
  CARDS,
  FORM_DATA,
  FORM_DEFS,
  NOTICES,
  prose,
  referralView,
  SLACK_MODAL_FORMS,
  TEAMS_FORMS,
} from './support/card-samples.js'
import { DIALOG_DATA, DIALOG_DEFS, SLACK_DIALOG_PAGES, TEAMS_DIALOG_PAGES } from './support/dialog-samples.js'

// ------------------------------------------------------------------ Adaptive Cards

beforeAll(() => {
  // Without a markdown processor the SDK warns on every TextBlock; Teams renders the markdown itself.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text
    result.didProcess = true
  }
})

/** Every parse and validation event the SDK raises for the card, as "EventName: message". */
function adaptiveCardEvents(json: object): string[] {
  const card = new AC.AdaptiveCard()
  const context = new AC.SerializationContext(AC.Versions.v1_5)
  card.parse(json, context)
  const events: string[] = []
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i)
    events.push(`parse ${AC.ValidationEvent[e.event]}: ${e.message}`)
  }
  for (const e of card.validateProperties().validationEvents)
    events.push(`validate ${AC.ValidationEvent[e.event]}: ${e.message}`)
  return events
}

/**
 * Known problems, reported to the lead rather than hidden. The list must match exactly, so an entry has to
 * be removed once the card is fixed.
 */
const KNOWN_ADAPTIVE_PROBLEMS: Record<string, string[]> = {}

const bytes = (json: object) => Buffer.byteLength(JSON.stringify(json), 'utf8')

describe('Teams: Adaptive Cards 1.5', () => {
  it('the validator does catch a broken card', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'a', isRequired: true },
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Nope' },
      ],
    }
    expect(adaptiveCardEvents(broken)).toEqual([
      expect.stringContaining('parse UnknownElementType'),
      expect.stringContaining('validate RequiredInputsShouldHaveLabel'),
      expect.stringContaining('validate RequiredInputsShouldHaveErrorMessage'),
      expect.stringContaining('validate DuplicateId'),
    ])
  })

  it.each(CARDS)('card: %s', (name, card) => {
    const json = cardToAdaptive(card)
    expect(adaptiveCardEvents(json)).toEqual(KNOWN_ADAPTIVE_PROBLEMS[name] ?? [])
    expect(bytes(json)).toBeLessThanOrEqual(TEAMS_MAX_CARD_BYTES)
    // Teams refreshes a card automatically for at most 60 users.
    expect((json.refresh as { userIds?: string[] } | undefined)?.userIds?.length ?? 0).toBeLessThanOrEqual(60)
  })

  it.each(TEAMS_FORMS)('form: %s', (_name, form) => {
    const json = formToAdaptive(form)
    expect(adaptiveCardEvents(json)).toEqual([])
    expect(bytes(json)).toBeLessThanOrEqual(TEAMS_MAX_CARD_BYTES)
  })

  it.each(TEAMS_DIALOG_PAGES)('dialog page: %s', (_name, verb, page) => {
    const json = dialogPageToAdaptive(verb, page)
    expect(adaptiveCardEvents(json)).toEqual([])
    expect(bytes(json)).toBeLessThanOrEqual(TEAMS_MAX_CARD_BYTES)
  })

  it('keeps the full free text the chair has to read', () => {
    const text = JSON.stringify(cardToAdaptive(screeningCard(referralView(), { canDecide: true })))
    expect(text).toContain(JSON.stringify(prose(4000)).slice(1, -1))
  })
})

// ------------------------------------------------------------------ Slack Block Kit

type Obj = Record<string, any>
const textOf = (t: Obj | undefined) => (t && typeof t.text === 'string' ? t.text : '')

/**
 * Block Kit limits for one surface; returns one line per problem. block_id must be unique in the message
 * or view, action_id in its block (so one view's inputs never collide: each input is its own block).
 */
function blockKitProblems(blocks: Obj[], surface: 'message' | 'modal'): string[] {
  const problems: string[] = []
  const check = (ok: boolean, what: string) => void (ok || problems.push(what))
  const between = (n: number, min: number, max: number) => n >= min && n <= max
  const blockIds = new Set<string>()
  check(between(blocks.length, 1, SLACK.maxBlocks), `${blocks.length} blocks`)
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`
    if (b.block_id !== undefined) {
      check(
        !blockIds.has(b.block_id) && between(b.block_id.length, 1, 255),
        `${at}: block_id ${b.block_id} repeated or too long`,
      )
      blockIds.add(b.block_id)
    }
    const actionIds = new Set<string>()
    const element = (e: Obj) => {
      if (e.action_id === undefined) return
      // Slack: "should be unique among all other action_ids in the containing block".
      check(
        !actionIds.has(e.action_id) && between(e.action_id.length, 1, 255),
        `${at}: action_id ${e.action_id} repeated in the block or too long`,
      )
      actionIds.add(e.action_id)
    }
    const options = (e: Obj, max: number) => {
      check(between(e.options?.length ?? 0, 1, max), `${at}: ${e.options?.length} options`)
      for (const o of e.options ?? [])
        check(
          between(textOf(o.text).length, 1, SLACK.optionText) && between(o.value.length, 1, 150),
          `${at}: option ${o.value}`,
        )
      const values = new Set((e.options ?? []).map((o: Obj) => o.value))
      for (const o of [...(e.initial_options ?? []), ...(e.initial_option ? [e.initial_option] : [])])
        check(values.has(o.value), `${at}: initial option ${o.value} is not an option`)
    }
    switch (b.type) {
      case 'header':
        check(b.text.type === 'plain_text' && between(textOf(b.text).length, 1, SLACK.headerText), `${at}: header text`)
        break
      case 'section':
        check(Boolean(b.text || b.fields), `${at}: neither text nor fields`)
        if (b.text)
          check(
            between(textOf(b.text).length, 1, SLACK.sectionText),
            `${at}: text of ${textOf(b.text).length} characters`,
          )
        if (b.fields) {
          check(between(b.fields.length, 1, SLACK.sectionFields), `${at}: ${b.fields.length} fields`)
          for (const f of b.fields)
            check(between(textOf(f).length, 1, SLACK.fieldText), `${at}: field of ${textOf(f).length} characters`)
        }
        break
      case 'context':
        check(between(b.elements.length, 1, 10), `${at}: ${b.elements.length} elements`)
        for (const e of b.elements)
          check(between(textOf(e).length, 1, SLACK.contextText), `${at}: text of ${textOf(e).length} characters`)
        break
      case 'divider':
        break
      case 'actions':
        check(between(b.elements.length, 1, 25), `${at}: ${b.elements.length} elements`)
        for (const e of b.elements) {
          element(e)
          check(e.type === 'button', `${at}: ${e.type} in actions`)
          check(between(textOf(e.text).length, 1, SLACK.buttonText), `${at}: button text "${textOf(e.text)}"`)
          if (e.value !== undefined)
            check(between(e.value.length, 1, SLACK.buttonValue), `${at}: button value of ${e.value.length} characters`)
          if (e.url !== undefined) check(e.url.length <= 3000, `${at}: url`)
        }
        break
      case 'input': {
        check(surface === 'modal', `${at}: input outside a modal`)
        check(between(textOf(b.label).length, 1, SLACK.inputLabel), `${at}: label`)
        if (b.hint) check(between(textOf(b.hint).length, 1, SLACK.hint), `${at}: hint`)
        const e = b.element
        element(e)
        switch (e.type) {
          case 'plain_text_input':
            if (e.max_length !== undefined) check(between(e.max_length, 1, 3000), `${at}: max_length ${e.max_length}`)
            if (e.placeholder) check(between(textOf(e.placeholder).length, 1, 150), `${at}: placeholder`)
            if (e.initial_value !== undefined && e.max_length !== undefined)
              check(e.initial_value.length <= e.max_length, `${at}: initial_value longer than max_length`)
            break
          case 'number_input': {
            check(typeof e.is_decimal_allowed === 'boolean', `${at}: is_decimal_allowed`)
            const n = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN)
            for (const k of ['min_value', 'max_value', 'initial_value'])
              if (e[k] !== undefined) check(Number.isFinite(n(e[k])), `${at}: ${k} ${e[k]} is not a number in text`)
            if (e.initial_value !== undefined) {
              if (e.min_value !== undefined) check(n(e.initial_value) >= n(e.min_value), `${at}: below min_value`)
              if (e.max_value !== undefined) check(n(e.initial_value) <= n(e.max_value), `${at}: above max_value`)
              if (!e.is_decimal_allowed) check(Number.isInteger(n(e.initial_value)), `${at}: a decimal not allowed`)
            }
            break
          }
          case 'datepicker':
            if (e.initial_date !== undefined)
              check(/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date), `${at}: initial_date ${e.initial_date}`)
            break
          case 'checkboxes':
          case 'radio_buttons':
            options(e, SLACK.checkboxOptions)
            break
          case 'static_select':
          case 'multi_static_select':
            options(e, SLACK.selectOptions)
            break
          default:
            problems.push(`${at}: unexpected element ${e.type}`)
        }
        break
      }
      default:
        problems.push(`${at}: unexpected block type`)
    }
  })
  return problems
}

function modalProblems(view: SlackView): string[] {
  const problems = blockKitProblems(view.blocks, 'modal')
  const check = (ok: boolean, what: string) => void (ok || problems.push(what))
  const plainText = (t: unknown, what: string) => {
    const o = t as Obj | undefined
    check(
      o?.type === 'plain_text' && textOf(o).length >= 1 && textOf(o).length <= SLACK.modalTitle,
      `${what}: ${JSON.stringify(o)}`,
    )
    // Clipping keeps Slack happy but shows "…": the wording itself should fit.
    check(!textOf(o).endsWith('…'), `${what} was clipped: ${textOf(o)}`)
  }
  check(view.type === 'modal', 'not a modal')
  plainText(view.title, 'title')
  if (view.close) plainText(view.close, 'close')
  const hasInputs = view.blocks.some((b) => b.type === 'input')
  if (hasInputs || view.submit) plainText(view.submit, 'submit')
  if (view.callback_id !== undefined) check(view.callback_id.length <= 255, 'callback_id')
  if (view.private_metadata !== undefined) {
    check(
      view.private_metadata.length <= SLACK.privateMetadata,
      `private_metadata of ${view.private_metadata.length} characters`,
    )
    let isJson = true
    try {
      JSON.parse(view.private_metadata)
    } catch {
      isJson = false
    }
    check(isJson, 'private_metadata is not JSON (was it clipped?)')
  }
  return problems
}

describe('Slack: Block Kit limits', () => {
  it('the checker does catch broken blocks', () => {
    const tooLong = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }
    const twoIds = {
      type: 'actions',
      elements: [1, 2].map(() => ({ type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'Go' } })),
    }
    const bigInput = {
      type: 'input',
      block_id: 'a',
      label: { type: 'plain_text', text: 'A' },
      element: { type: 'plain_text_input', action_id: 'a', max_length: 4000 },
    }
    expect(
      blockKitProblems(
        [tooLong, twoIds, bigInput, { ...bigInput, element: { ...bigInput.element, max_length: 10 } }],
        'modal',
      ),
    ).toEqual([
      'block 0 (section): text of 3001 characters',
      'block 1 (actions): action_id same repeated in the block or too long',
      'block 2 (input): max_length 4000',
      'block 3 (input): block_id a repeated or too long',
    ])
    expect(
      modalProblems({
        type: 'modal',
        title: { type: 'plain_text', text: 'A title that is far too long' },
        blocks: [bigInput],
      }),
    ).toEqual(
      expect.arrayContaining([
        'block 0 (input): max_length 4000',
        expect.stringMatching(/^title/),
        'submit: undefined',
      ]),
    )
  })

  it('the checker does catch a number input Slack would refuse', () => {
    const number = (element: Obj) => ({
      type: 'input',
      block_id: 'n',
      label: { type: 'plain_text', text: 'N' },
      element: { type: 'number_input', action_id: 'n', ...element },
    })
    expect(
      blockKitProblems([number({ is_decimal_allowed: false, max_value: '3', initial_value: '4' })], 'modal'),
    ).toEqual(['block 0 (input): above max_value'])
    expect(blockKitProblems([number({ min_value: 0 })], 'modal')).toEqual([
      'block 0 (input): is_decimal_allowed',
      'block 0 (input): min_value 0 is not a number in text',
    ])
  })

  it.each(CARDS)('message: %s', (_name, card) => {
    expect(blockKitProblems(cardToBlocks(card), 'message')).toEqual([])
  })

  it.each(CARDS)('card in a modal: %s', (_name, card) => {
    expect(modalProblems(cardToModal(card, 'Learning Loop'))).toEqual([])
  })

  it.each(SLACK_MODAL_FORMS)('form modal: %s', (_name, form) => {
    expect(modalProblems(formToModal(form))).toEqual([])
  })

  it.each(SLACK_DIALOG_PAGES)('dialog modal: %s', (_name, verb, page) => {
    expect(modalProblems(dialogPageToModal(verb, page))).toEqual([])
  })

  it('keeps a form answer Slack cannot hold within its 3000-character input', () => {
    const modal = formToModal(
      formOf(FORM_DEFS.find((d) => d.verb === 'referral.submit')!, FORM_DATA['referral.submit']),
    )
    const whatHappened = modal.blocks.find((b) => b.block_id === 'whatHappened') as Obj
    expect(whatHappened.element.max_length).toBe(3000)
  })

  it('shortens a list longer than 100 blocks and says so', () => {
    const card: Card = {
      title: 'Long',
      blocks: Array.from({ length: 150 }, (_, i) => ({ type: 'text' as const, text: `Line ${i}` })),
    }
    const blocks = cardToBlocks(card)
    expect(blocks).toHaveLength(100)
    expect(JSON.stringify(blocks.at(-1))).toContain('this list was shortened')
    expect(blockKitProblems(blocks, 'message')).toEqual([])
  })
})

describe('coverage', () => {
  /** Exported helpers that build parts of cards, not whole cards. */
  const HELPERS = ['refreshUserIds', 'statusTone', 'actionButtons', 'nationalReviewLine']
  const COVERED = [
    'helpCard',
    'messageCard',
    'notUnderstoodCard',
    'nothingToCancelCard',
    'cancelledCard',
    'signOffsCard',
    'screeningCard',
    'referralConfirmationCard',
    'myReferralsCard',
    'awaitingDecisionCard',
    'noticeCard',
    'digestCard',
    'reviewStatusCard',
    'localReviewCard',
    'reviewTypesCard',
    'themesCard',
    'myActionsCard',
    'actionOverviewCard',
    'escalationsCard',
  ]

  it('every card builder in cards/messages is checked here', () => {
    const exported = [general, referralCards, notices, reviewCards, localReviewCards, actionCards].flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === 'function')
        .map(([name]) => name),
    )
    expect(exported.filter((name) => !HELPERS.includes(name) && !COVERED.includes(name))).toEqual([])
  })

  it('every form in the registry is rendered here with realistic data', () => {
    expect(FORM_DEFS.filter((d) => !(d.verb in FORM_DATA)).map((d) => d.verb)).toEqual([])
  })

  it('every dialog in the registry is rendered here with its largest realistic pages', () => {
    expect(DIALOG_DEFS.filter((d) => !DIALOG_DATA[d.verb]?.length).map((d) => d.verb)).toEqual([])
  })
})

describe('what a person typed is shown as typed', () => {
  const typed = 'See [Open the secure case file](https://files.example/case) and N**T _now_ `x`\n1. first\n- second'
  const card: Card = {
    title: 'Referral',
    blocks: [
      { type: 'text', text: typed },
      { type: 'facts', facts: [{ label: 'Why', value: typed }] },
    ],
  }

  it('Teams: markdown characters are escaped, so no live link, emphasis or list is made', () => {
    const json = cardToAdaptive(card)
    const [text, facts] = json.body.slice(1) as { text?: string; facts?: { value: string }[] }[]
    for (const shown of [text!.text!, facts!.facts![0]!.value]) {
      expect(shown).toContain('\\[Open the secure case file\\](https://files.example/case)')
      expect(shown).toContain('N\\*\\*T \\_now\\_ \\`x\\`')
      expect(shown).toContain('\n1\\. first\n\\- second')
    }
  })

  it('Slack: text is plain_text, never mrkdwn', () => {
    const blocks = cardToBlocks(card)
    const texts = blocks
      .slice(1)
      .flatMap((b) => [b.text, ...((b.fields as unknown[]) ?? [])])
      .filter(Boolean) as Obj[]
    expect(texts.length).toBe(2)
    for (const t of texts) expect(t).toMatchObject({ type: 'plain_text' })
    expect(JSON.stringify(blocks)).toContain('[Open the secure case file](https://files.example/case)')
  })
})

describe('digest size', () => {
  it('counts the items a digest message does not carry', () => {
    const items = NOTICES['nudge.digest'].items.slice(0, 20)
    const card = digestCard({ template: 'nudge.digest', items, more: 480 })
    expect(card.title).toBe('Reminders: 500 items')
    const last = card.blocks.at(-1)
    expect(last).toMatchObject({ type: 'text', text: 'And 485 more: type "my actions" or "review status".' })
  })
})

describe('the largest dialog page', () => {
  /** The largest of the rendered variants of every seeded audit section, by what the platform limits. */
  const largest = <T>(pages: [string, string, T][], size: (verb: string, page: T) => number) =>
    pages
      .filter(([, verb]) => verb === 'audit.return')
      .map(([name, verb, page]) => ({ name, size: size(verb, page) }))
      .reduce((a, b) => (b.size > a.size ? b : a))

  it('covers every section of every seeded tool, so the longest is among them', () => {
    const seed = JSON.parse(readFileSync(new URL('../prisma/seed/audit-tools.json', import.meta.url), 'utf8'))
    const sections = seed.tools.flatMap((t: { definition: { sections: { title: string }[] } }) => t.definition.sections)
    const pages = DIALOG_DATA['audit.return'] ?? []
    expect(pages.map((p) => p.step.replace(/^Section \d+ of \d+: /, ''))).toEqual(sections.map((x: any) => x.title))
  })

  it('fits Teams (40 KB) and Slack (100 blocks) with every answer as long as allowed and a message on every field', () => {
    const teams = largest(TEAMS_DIALOG_PAGES, (verb, page) => bytes(dialogPageToAdaptive(verb, page)))
    const slack = largest(SLACK_DIALOG_PAGES, (verb, page) => dialogPageToModal(verb, page).blocks.length)
    expect(teams.size, teams.name).toBeLessThanOrEqual(TEAMS_MAX_CARD_BYTES)
    expect(slack.size, slack.name).toBeLessThanOrEqual(SLACK.maxBlocks)
  })
})
