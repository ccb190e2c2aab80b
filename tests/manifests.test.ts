/**
 * The Teams app package and the Slack app manifest: built by the real packaging functions into a temp
 * directory, checked against the official Teams schema (offline), read back from the zip, and held
 * against what the running bot really answers and listens for.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import { AppManifestUtils } from '@microsoft/app-manifest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SLACK_LISTENERS } from '../bot/slack/slack-app.js'
import { COMMANDS, slackUsageHint } from '../bot/core/commands.js'
import { packageSlack } from '../scripts/package-slack.js'
import {
  PackagingError,
  packageTeams,
  teamsSchemaPath,
  validateTeamsManifest,
  type TeamsPackage,
} from '../scripts/package-teams.js'
import { createZip } from '../scripts/zip.js'
import { cardOf, cardText } from './support/fake-connector.js'
import { CASE_REVIEW_TEAMS_CHANNEL, TENANT, person, startHarness, type Harness } from './support/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const APP_ID = '00000000-0000-4000-8000-000000000abc'
const HOST = 'learning-loop.example.org'
const ENV = { MICROSOFT_APP_ID: APP_ID, PUBLIC_HOST: HOST }
const EVENTS_URL_TEMPLATE = 'https://{{PUBLIC_HOST}}/slack/events'

const tempDirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'learning-loop-manifests-'))
  tempDirs.push(dir)
  return dir
}
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

// ------------------------------------------------------------------ independent readers for the outputs

type ZipFile = { name: string; data: Buffer; method: number }

/** Reads a zip through its central directory and local headers, inflating and CRC-checking each file. */
function readZip(zip: Buffer): ZipFile[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  expect(eocd).toBeGreaterThan(0)
  const count = zip.readUInt16LE(eocd + 10)
  const cdSize = zip.readUInt32LE(eocd + 12)
  let p = zip.readUInt32LE(eocd + 16)
  expect(p + cdSize).toBe(eocd)
  const files: ZipFile[] = []
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50)
    const method = zip.readUInt16LE(p + 10)
    const crc = zip.readUInt32LE(p + 16)
    const compressed = zip.readUInt32LE(p + 20)
    const size = zip.readUInt32LE(p + 24)
    const nameLength = zip.readUInt16LE(p + 28)
    const extra = zip.readUInt16LE(p + 30)
    const comment = zip.readUInt16LE(p + 32)
    const local = zip.readUInt32LE(p + 42)
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8')
    expect(zip.readUInt32LE(local)).toBe(0x04034b50)
    expect(zip.subarray(local + 30, local + 30 + zip.readUInt16LE(local + 26)).toString('utf8')).toBe(name)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const body = zip.subarray(start, start + compressed)
    const data = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body)
    expect([0, 8]).toContain(method)
    expect(data.length).toBe(size)
    expect(zlib.crc32(data) >>> 0).toBe(crc)
    files.push({ name, data, method })
    p += 46 + nameLength + extra + comment
  }
  return files
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (all five row filters) into its size and pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  let p = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  let ended = false
  while (p < png.length) {
    const length = png.readUInt32BE(p)
    const type = png.subarray(p + 4, p + 8).toString('ascii')
    const data = png.subarray(p + 8, p + 8 + length)
    expect(zlib.crc32(png.subarray(p + 4, p + 8 + length)) >>> 0, `${type} CRC`).toBe(png.readUInt32BE(p + 8 + length))
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      expect([...data.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]) // 8-bit RGBA, deflate, filter 0, no interlace
    }
    if (type === 'IDAT') idat.push(data)
    if (type === 'IEND') ended = true
    p += 12 + length
  }
  expect(ended).toBe(true)
  const raw = zlib.inflateSync(Buffer.concat(idat))
  const stride = width * 4
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    expect(filter, `row ${y} filter`).toBeLessThanOrEqual(4)
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!
      const a = x >= 4 ? pixels[y * stride + x - 4]! : 0
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0
      const paeth = () => {
        const pa = Math.abs(b - c)
        const pb = Math.abs(a - c)
        const pc = Math.abs(a + b - 2 * c)
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      }
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth()
      pixels[y * stride + x] = (value + predictor) & 0xff
    }
  }
  return { width, height, pixels }
}

// ------------------------------------------------------------------ Teams

describe('Teams app package', () => {
  let out: string
  let pkg: TeamsPackage
  let files: ZipFile[]

  beforeAll(() => {
    out = tempDir()
    pkg = packageTeams({ env: ENV, outDir: out })
    files = readZip(readFileSync(pkg.zipPath))
  })

  it('writes the zip into the output directory it is given', () => {
    expect(pkg.zipPath).toBe(path.join(out, 'learning-loop-teams.zip'))
    expect(readdirSync(out)).toEqual(['learning-loop-teams.zip'])
  })

  it('fills the app id and host, and the manifest validates against the official Teams schema, offline', async () => {
    const m = pkg.manifest as any
    expect(JSON.stringify(m)).not.toContain('{{')
    expect(m.id).toBe(APP_ID)
    expect(m.bots[0].botId).toBe(APP_ID)
    expect(m.validDomains).toEqual([HOST])
    expect(m.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version)
    // A current schema version (1.19 or later), and its schema ships in @microsoft/app-manifest.
    const [, minor] = /^1\.(\d+)$/.exec(m.manifestVersion)!
    expect(Number(minor)).toBeGreaterThanOrEqual(19)
    expect(m.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`,
    )
    expect(existsSync(teamsSchemaPath(m.manifestVersion))).toBe(true)
    expect(validateTeamsManifest(m)).toEqual([])
    // The library's own validator maps $schema to the same bundled file, so this is offline too.
    expect(await AppManifestUtils.validateAgainstSchema(m)).toEqual([])
    // The validator does catch mistakes.
    expect(
      validateTeamsManifest({ ...m, bots: [{ ...m.bots[0], scopes: ['personal', 'channel'] }] }).join('\n'),
    ).toContain('/bots/0/scopes/1')
  })

  it('has the bot in personal, team and group chat scopes, a Dashboard tab, and the store listing', () => {
    const m = pkg.manifest as any
    expect([...m.bots[0].scopes].sort()).toEqual(['groupChat', 'personal', 'team'])
    const dashboard = m.staticTabs.find((t: any) => t.name === 'Dashboard')
    expect(dashboard.contentUrl).toBe(`https://${HOST}/tab`)
    expect(m.name).toEqual({ short: 'Learning Loop', full: 'Learning Loop for safeguarding partnerships' })
    expect(m.description.short.length).toBeLessThanOrEqual(80)
    expect(m.description.full.length).toBeLessThanOrEqual(4000)
    // Teams store rule: the short description is not repeated in the full one.
    expect(m.description.full).not.toContain(m.description.short)
    expect(m.description.full).toMatch(/never asks for a child's name/i)
    expect(m.accentColor).toMatch(/^#[0-9A-F]{6}$/i)
    for (const url of [m.developer.websiteUrl, m.developer.privacyUrl, m.developer.termsOfUseUrl])
      expect(url.startsWith(`https://${HOST}/`)).toBe(true)
  })

  it('declares the tab for single sign-on and as a team channel tab (issue 15)', () => {
    const m = pkg.manifest as any
    const appId = m.bots[0].botId
    expect(m.webApplicationInfo).toEqual({ id: appId, resource: `api://${HOST}/${appId}` })
    expect(m.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: `https://${HOST}/tab/configure`, scopes: ['team'] }),
    ])
  })

  it('zips exactly manifest.json, color.png and outline.png at the root, the manifest being the generated one', () => {
    expect(files.map((f) => f.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png'])
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.data.toString('utf8'))
    expect(manifest).toEqual(pkg.manifest)
    for (const icon of ['color.png', 'outline.png']) {
      expect(
        files.find((f) => f.name === icon)!.data.equals(readFileSync(path.join(ROOT, 'manifest', 'teams', icon))),
      ).toBe(true)
    }
    // Packaging the same inputs again gives the same bytes.
    expect(readFileSync(packageTeams({ env: ENV, outDir: tempDir() }).zipPath).equals(readFileSync(pkg.zipPath))).toBe(
      true,
    )
  })

  it('has a 192x192 full-colour icon and a 32x32 outline icon that is white on transparent', () => {
    const color = decodePng(files.find((f) => f.name === 'color.png')!.data)
    expect([color.width, color.height]).toEqual([192, 192])
    const colours = new Set<string>()
    let translucent = 0
    for (let i = 0; i < color.pixels.length; i += 4) {
      if (color.pixels[i + 3] !== 255) translucent++
      colours.add(color.pixels.subarray(i, i + 3).toString('hex'))
    }
    expect(translucent).toBe(0)
    expect(colours).toContain('0f766e') // teal background
    expect(colours).toContain('ffffff') // white loop

    const outline = decodePng(files.find((f) => f.name === 'outline.png')!.data)
    expect([outline.width, outline.height]).toEqual([32, 32])
    let opaque = 0
    let clear = 0
    const notWhite: number[] = []
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4)
      if (a === 0) clear++
      else if (r !== 255 || g !== 255 || b !== 255) notWhite.push(i / 4)
      if (a === 255) opaque++
    }
    expect(notWhite, 'outline pixels that are neither transparent nor white').toEqual([])
    expect(opaque).toBeGreaterThan(100)
    expect(clear).toBeGreaterThan(300)
  })

  it('refuses a missing or malformed MICROSOFT_APP_ID or PUBLIC_HOST with a clear message, and writes nothing', () => {
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ PUBLIC_HOST: HOST }, /MICROSOFT_APP_ID is not set/],
      [{ ...ENV, MICROSOFT_APP_ID: '' }, /MICROSOFT_APP_ID is not set/],
      [{ ...ENV, MICROSOFT_APP_ID: 'learning-loop-bot' }, /MICROSOFT_APP_ID "learning-loop-bot" is not a GUID/],
      [{ ...ENV, MICROSOFT_APP_ID: '{00000000-0000-4000-8000-000000000abc}' }, /is not a GUID/],
      [{ MICROSOFT_APP_ID: APP_ID }, /PUBLIC_HOST is not set/],
      [{ ...ENV, PUBLIC_HOST: `https://${HOST}` }, /PUBLIC_HOST must not include a scheme/],
      [{ ...ENV, PUBLIC_HOST: `${HOST}/api/messages` }, /PUBLIC_HOST must not include a path/],
      [{ ...ENV, PUBLIC_HOST: `${HOST}:8443` }, /PUBLIC_HOST must not include a port/],
      [{ ...ENV, PUBLIC_HOST: 'localhost' }, /PUBLIC_HOST "localhost" is not a valid public host name/],
      [{ ...ENV, PUBLIC_HOST: 'bot_1.example.org' }, /is not a valid public host name/],
      [{ ...ENV, PUBLIC_HOST: '10.0.0.7' }, /is not a valid public host name/],
      [{}, /MICROSOFT_APP_ID is not set[\s\S]*PUBLIC_HOST is not set/],
    ]
    for (const [env, message] of cases) {
      const outDir = path.join(tempDir(), 'dist')
      let error: unknown
      try {
        packageTeams({ env, outDir })
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(PackagingError)
      expect((error as Error).message).toMatch(message)
      expect(existsSync(outDir), `nothing written for ${JSON.stringify(env)}`).toBe(false)
    }
  })

  it('refuses from the command line with exit code 1 and the message, writing nothing', () => {
    const cwd = tempDir() // no .env here, so dotenv adds nothing
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx')
    const before = existsSync(path.join(ROOT, 'manifest', 'dist', 'learning-loop-teams.zip'))
      ? readFileSync(path.join(ROOT, 'manifest', 'dist', 'learning-loop-teams.zip'))
      : null
    const env = { ...process.env, MICROSOFT_APP_ID: 'not-a-guid', PUBLIC_HOST: `https://${HOST}` }
    const run = spawnSync(tsx, [path.join(ROOT, 'scripts', 'package-teams.ts')], { cwd, env, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Cannot build the Teams app package')
    expect(run.stderr).toContain('MICROSOFT_APP_ID "not-a-guid" is not a GUID')
    expect(run.stderr).toContain('PUBLIC_HOST must not include a scheme')
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/) // a message, not a stack trace
    const after = existsSync(path.join(ROOT, 'manifest', 'dist', 'learning-loop-teams.zip'))
      ? readFileSync(path.join(ROOT, 'manifest', 'dist', 'learning-loop-teams.zip'))
      : null
    expect(after?.toString('hex')).toBe(before?.toString('hex'))
  })

  it('the zip writer refuses unsafe or duplicate names', () => {
    expect(() => createZip([{ name: '../manifest.json', data: Buffer.from('{}') }])).toThrow(/unsafe/)
    expect(() => createZip([{ name: '/manifest.json', data: Buffer.from('{}') }])).toThrow(/unsafe/)
    expect(() =>
      createZip([
        { name: 'a.png', data: Buffer.alloc(1) },
        { name: 'a.png', data: Buffer.alloc(1) },
      ]),
    ).toThrow(/duplicate/)
  })
})

// ------------------------------------------------------------------ the commands and listeners, against the real app

describe('Manifests against the running bot', () => {
  let h: Harness
  let teams: any
  beforeAll(async () => {
    h = await startHarness()
    teams = packageTeams({ env: ENV, outDir: tempDir() }).manifest
  })
  afterAll(async () => h?.stop())

  const notUnderstood = /Sorry, I did not understand|Something went wrong/

  it("lists commands from the command table, with the same wording, within Teams' limit of 10 per menu", () => {
    const known = new Map<string, string | undefined>(COMMANDS.map((c) => [c.name, c.help]))
    const lists = teams.bots[0].commandLists as {
      scopes: string[]
      commands: { title: string; description: string }[]
    }[]
    for (const list of lists) {
      expect(list.commands.length).toBeGreaterThan(0)
      expect(list.commands.length).toBeLessThanOrEqual(10)
      for (const c of list.commands) {
        expect(known.has(c.title), `"${c.title}" is not a command`).toBe(true)
        expect(c.description).toBe(known.get(c.title))
      }
    }
    const personal = lists.filter((l) => l.scopes.includes('personal')).flatMap((l) => l.commands.map((c) => c.title))
    expect(personal.sort()).toEqual(
      COMMANDS.filter((c) => c.teamsMenu)
        .map((c) => c.name)
        .sort(),
    )
    // Every scope the bot is installed in has a command list.
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual([...teams.bots[0].scopes].sort())
  })

  it('answers every command in every scope it is listed for', async () => {
    const lists = teams.bots[0].commandLists as { scopes: string[]; commands: { title: string }[] }[]
    const groupChat = {
      id: '19:group-chat-test@thread.v2',
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: TENANT,
    }
    for (const list of lists) {
      for (const scope of list.scopes) {
        for (const { title } of list.commands) {
          let conversation: string
          let send: () => Promise<{ status: number }>
          if (scope === 'personal') {
            conversation = h.teams.personalConversation('priya')
            send = () => h.teams.message('priya', title)
          } else if (scope === 'team') {
            conversation = CASE_REVIEW_TEAMS_CHANNEL
            send = () => h.teams.channelMessage('priya', title)
          } else {
            conversation = groupChat.id
            send = () => h.teams.message('priya', `<at>Learning Loop</at> ${title}`, groupChat)
          }
          const before = h.connector.sentTo(conversation).length
          const res = await send()
          expect(res.status, `${scope}: ${title}`).toBe(200)
          const replies = h.connector
            .sentTo(conversation)
            .slice(before)
            .map((c) => cardText(cardOf(c)))
          expect(replies.length, `${scope}: "${title}" got no reply`).toBeGreaterThan(0)
          for (const text of replies) expect(text, `${scope}: "${title}"`).not.toMatch(notUnderstood)
        }
      }
    }
  })

  it('Slack: every shortcut, command and event has a listener, and every listener is in the manifest', async () => {
    const m = parse(readFileSync(path.join(ROOT, 'manifest', 'slack', 'manifest.yml'), 'utf8'))
    const sorted = (values: readonly string[]) => [...values].sort()
    expect(sorted(m.features.shortcuts.map((s: any) => s.callback_id))).toEqual(sorted(SLACK_LISTENERS.shortcuts))
    expect(sorted(m.features.slash_commands.map((c: any) => c.command))).toEqual(sorted(SLACK_LISTENERS.commands))
    expect(sorted(m.settings.event_subscriptions.bot_events)).toEqual(sorted(SLACK_LISTENERS.events))
    // Modals and buttons arrive through interactivity.
    expect(SLACK_LISTENERS.views.length + SLACK_LISTENERS.actions.length).toBeGreaterThan(0)
    expect(m.settings.interactivity.is_enabled).toBe(true)

    // And the running app really answers each of them.
    const priya = person('priya').slackUserId as string
    for (const callbackId of SLACK_LISTENERS.shortcuts) {
      const before = h.slack.callsTo('views.open').length
      expect((await h.slackClient.shortcut('priya', callbackId)).status).toBe(200)
      expect(h.slack.callsTo('views.open').length).toBe(before + 1)
    }
    for (const command of SLACK_LISTENERS.commands) {
      expect(command).toBe('/learning') // the harness sends /learning
      const res = await h.slackClient.command('priya', 'my referrals')
      expect(res.status).toBe(200)
      expect(JSON.stringify(res.body)).not.toMatch(notUnderstood)
      expect((res.body as any).blocks.length).toBeGreaterThan(0)
    }
    const home = h.slack.callsTo('views.publish').length
    expect(
      (
        await h.slackClient.event({
          type: 'app_home_opened',
          user: priya,
          channel: 'D0PRIYA001',
          tab: 'home',
          event_ts: '1.1',
        })
      ).status,
    ).toBe(200)
    expect(h.slack.callsTo('views.publish').length).toBe(home + 1)
    const posts = h.slack.callsTo('chat.postMessage').length
    expect(
      (
        await h.slackClient.event({
          type: 'message',
          channel_type: 'im',
          channel: 'D0PRIYA001',
          user: priya,
          text: 'my referrals',
          ts: '1.2',
          event_ts: '1.2',
        })
      ).status,
    ).toBe(200)
    expect(h.slack.callsTo('chat.postMessage').length).toBeGreaterThan(posts)
  })
})

// ------------------------------------------------------------------ Slack manifest

describe('Slack app manifest', () => {
  const template = readFileSync(path.join(ROOT, 'manifest', 'slack', 'manifest.yml'), 'utf8')
  const m = parse(template)

  it('sends everything to https://{{PUBLIC_HOST}}/slack/events', () => {
    expect(m.settings.event_subscriptions.request_url).toBe(EVENTS_URL_TEMPLATE)
    expect(m.settings.interactivity.request_url).toBe(EVENTS_URL_TEMPLATE)
    for (const c of m.features.slash_commands) expect(c.url).toBe(EVENTS_URL_TEMPLATE)
    expect(m.settings.socket_mode_enabled).toBe(false)
  })

  it('asks for exactly the bot scopes the app uses, and no user scopes', () => {
    // chat:write: chat.postMessage (channels and 1:1 by user id), chat.update, chat.postEphemeral;
    // commands: /learning and the global shortcut; im:history: the message.im event; im:write: conversations.open
    // for a DM to someone who has never messaged the bot.
    // views.open, views.publish and app_home_opened need no scope.
    expect([...m.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'im:history', 'im:write'])
    expect(m.oauth_config.scopes.user).toBeUndefined()
  })

  it('has the bot user, App Home, shortcut and slash command as Slack expects them', () => {
    expect(m._metadata.major_version).toBe(2)
    expect(m.features.bot_user.display_name).toBe('Learning Loop')
    expect(m.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    })
    expect(m.features.shortcuts).toEqual([
      expect.objectContaining({ name: 'Raise a review referral', type: 'global', callback_id: 'referral.raise' }),
    ])
    // The hint is filled from the command table when packaging (see below).
    expect(m.features.slash_commands[0].usage_hint).toBe('{{SLACK_USAGE_HINT}}')
    // Limits from Slack's published manifest schema (slackapi/manifest-schema).
    const d = m.display_information
    expect(d.name.length).toBeLessThanOrEqual(35)
    expect(d.description.length).toBeLessThanOrEqual(140)
    expect(d.long_description.length).toBeGreaterThanOrEqual(175)
    expect(d.long_description.length).toBeLessThanOrEqual(4000)
    expect(d.long_description).toMatch(/never asks for a child's name/i)
    expect(d.background_color).toMatch(/^#[0-9a-f]{6}$/i)
    for (const s of m.features.shortcuts) {
      expect(s.name.length).toBeLessThanOrEqual(24)
      expect(s.description.length).toBeLessThanOrEqual(150)
    }
    for (const c of m.features.slash_commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/)
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000)
    }
  })

  it('packages with PUBLIC_HOST filled in, as YAML and a matching JSON copy', () => {
    const out = tempDir()
    const result = packageSlack({ env: { PUBLIC_HOST: HOST }, outDir: out })
    expect(readdirSync(out).sort()).toEqual(['slack-manifest.json', 'slack-manifest.yml'])
    const yamlText = readFileSync(result.yamlPath, 'utf8')
    expect(yamlText).not.toContain('{{')
    const fromYaml = parse(yamlText)
    expect(JSON.parse(readFileSync(result.jsonPath, 'utf8'))).toEqual(fromYaml)
    expect(fromYaml.settings.event_subscriptions.request_url).toBe(`https://${HOST}/slack/events`)
    expect(fromYaml.settings.interactivity.request_url).toBe(`https://${HOST}/slack/events`)
    expect(fromYaml.features.slash_commands[0].url).toBe(`https://${HOST}/slack/events`)
    // The /learning hint lists the command table's menu, within Slack's 1000 characters.
    const hint = fromYaml.features.slash_commands[0].usage_hint as string
    expect(hint).toBe(slackUsageHint())
    expect(hint).toContain('my actions')
    expect(hint.length).toBeLessThanOrEqual(1000)
    // Apart from the host and the hint, the packaged manifest is the template.
    expect(JSON.stringify(fromYaml)).toBe(
      JSON.stringify(m).replaceAll('{{PUBLIC_HOST}}', HOST).replace('{{SLACK_USAGE_HINT}}', hint),
    )
  })

  it('refuses a missing or malformed PUBLIC_HOST and writes nothing', () => {
    for (const [env, message] of [
      [{}, /PUBLIC_HOST is not set/],
      [{ PUBLIC_HOST: `https://${HOST}/` }, /must not include a scheme/],
      [{ PUBLIC_HOST: 'learning loop' }, /is not a valid public host name/],
    ] as const) {
      const outDir = path.join(tempDir(), 'dist')
      expect(() => packageSlack({ env, outDir })).toThrow(message)
      expect(() => packageSlack({ env, outDir })).toThrow(/Cannot build the Slack app manifest/)
      expect(existsSync(outDir)).toBe(false)
    }
  })
})
