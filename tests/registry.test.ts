/**
 * The registry of forms, buttons and dialogs is the single source of what Teams and Slack can do: every verb
 * has exactly one definition, and every definition can be reached from both platforms. A test can route a
 * definition of its own beside the app's without the app's list changing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SLACK_LISTENERS } from '../bot/slack/slack-app.js'
import { COMMANDS } from '../bot/core/commands.js'
import { openId, parseActionId } from '../cards/action-id.js'
import { defineDialog } from '../cards/dialog.js'
import { createRegistry, INTERACTIONS, interactionFor, REGISTRY } from '../cards/registry.js'
import { DIALOG_BUTTONS } from '../cards/render/blockkit.js'
import type { Verb } from '../cards/verbs.js'
import { VERBS } from '../cards/verbs.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8')
const listTs = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`)

describe('the registry', () => {
  it('has exactly one definition for every verb, and no definition without a verb', () => {
    const counts = new Map<string, number>()
    for (const i of INTERACTIONS) counts.set(i.verb, (counts.get(i.verb) ?? 0) + 1)
    for (const verb of Object.values(VERBS)) expect(counts.get(verb), `definitions of ${verb}`).toBe(1)
    expect([...counts.keys()].sort()).toEqual(Object.values(VERBS).sort())
  })

  it('routes every Teams verb to its definition, and opens forms and dialogs', () => {
    for (const def of INTERACTIONS) {
      expect(parseActionId(def.verb)).toEqual({ verb: def.verb, open: false })
      expect(interactionFor(parseActionId(def.verb)!.verb)).toBe(def)
      expect(REGISTRY.find(def.verb)).toEqual({ def, open: false })
      if (def.kind !== 'button') {
        expect(parseActionId(openId(def.verb))).toEqual({ verb: def.verb, open: true })
        expect(REGISTRY.find(openId(def.verb))).toEqual({ def, open: true })
      }
    }
    expect(parseActionId('constructor')).toBeNull()
    expect(parseActionId('open:toString')).toBeNull()
    expect(REGISTRY.find('constructor')).toBeNull()
    expect(REGISTRY.find('open:toString')).toBeNull()
  })

  it("routes a test's own dialog beside the app's definitions, and refuses a verb defined twice", async () => {
    const verb = 'test.only-here' as Verb
    const dialog = defineDialog({
      verb,
      page: async () => ({ title: 'T', step: 'S', fields: [], meta: {}, canGoBack: false, canGoNext: false }),
      move: async () => ({ type: 'done', replies: [] }),
    })
    const registry = createRegistry([dialog])
    expect(registry.find(openId(verb))).toEqual({ def: dialog, open: true })
    expect(registry.all).toHaveLength(INTERACTIONS.length + 1)
    expect(REGISTRY.find(verb)).toBeNull()
    expect(() => createRegistry([dialog, dialog])).toThrow(`two definitions for ${verb}`)
    expect(() => createRegistry([INTERACTIONS[0]!])).toThrow('two definitions')
  })

  it('gives Slack a listener for every form and dialog submit, every button and every opener', () => {
    const views = new Set<string>(SLACK_LISTENERS.views)
    const actions = new Set<string>(SLACK_LISTENERS.actions)
    for (const def of INTERACTIONS) {
      expect(actions.has(def.verb), `Slack action ${def.verb}`).toBe(true)
      if (def.kind !== 'button') {
        expect(views.has(def.verb), `Slack view ${def.verb}`).toBe(true)
        expect(actions.has(openId(def.verb)), `Slack action ${openId(def.verb)}`).toBe(true)
      }
    }
    // A dialog's modal has Back and Save and close inside it.
    for (const id of Object.values(DIALOG_BUTTONS)) expect(actions.has(id), `Slack action ${id}`).toBe(true)
  })

  it('offers every definition somewhere: a card, a notice or a command has a button or form for it', () => {
    // The Teams renderer offers Cancel on every whole-card form.
    const offering = [
      ...listTs('cards/messages'),
      ...listTs('cards/forms'),
      'bot/core/commands.ts',
      'cards/render/adaptive.ts',
    ]
    const key = (verb: string) => Object.entries(VERBS).find(([, v]) => v === verb)![0]
    for (const def of INTERACTIONS) {
      const name = key(def.verb)
      const exportName = new RegExp(`\\b${name}(Form|Button|Dialog)\\b`)
      const where = offering.filter((f) => {
        const src = read(f)
        // A definition's own `verb:` is not an offer; a button's `verb:` on a card is.
        const isOwnFile = new RegExp(`export const ${name}(Form|Button|Dialog) =`).test(src)
        return (
          (!isOwnFile && exportName.test(src)) ||
          new RegExp(`VERBS\\.${name}\\b`).test(
            src.replace(/define(Form|Button|Dialog)(<[^(]*>)?\(\{\s*verb: VERBS\.\w+,/g, ''),
          )
        )
      })
      expect(where, `nothing offers ${def.verb}`).not.toEqual([])
    }
  })

  it('has one command row per name, each with a pattern that matches its own name', () => {
    const names = COMMANDS.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const c of COMMANDS.filter((x) => x.help)) expect(c.pattern.test(c.name.toLowerCase()), c.name).toBe(true)
  })
})
