/**
 * `npm run package:teams`: builds the Teams app package a partnership's IT admin uploads.
 * Reads MICROSOFT_APP_ID and PUBLIC_HOST (environment or .env), fills manifest/teams/manifest.template.json,
 * validates it against the official Teams schema bundled with @microsoft/app-manifest (offline), and
 * writes manifest/dist/learning-loop-teams.zip with manifest.json, color.png and outline.png at its root.
 * Nothing is written unless every check passes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import AjvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import { createZip } from './zip.js'
import { teamsCommandLists } from '../bot/core/commands.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const TEAMS_DIR = path.join(ROOT, 'manifest', 'teams')
export const DIST_DIR = path.join(ROOT, 'manifest', 'dist')
export const TEAMS_ZIP_NAME = 'learning-loop-teams.zip'

/** A refusal with a message meant for the person running the script. */
export class PackagingError extends Error {
  override name = 'PackagingError'
}

type Env = Record<string, string | undefined>

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/** Problems with PUBLIC_HOST, which must be a bare DNS name such as bot.example.org. */
export function publicHostProblem(value: string | undefined): string | null {
  const example =
    'Set it to the bare host name Teams and Slack reach the bot on, for example PUBLIC_HOST=learning-loop.example.org'
  if (!value?.trim()) return `PUBLIC_HOST is not set. ${example}.`
  const host = value.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host))
    return `PUBLIC_HOST must not include a scheme ("${host}"): leave out "https://". ${example}.`
  if (/[/?#]/.test(host)) return `PUBLIC_HOST must not include a path ("${host}"): give the host name only. ${example}.`
  if (/:\d*$/.test(host))
    return `PUBLIC_HOST must not include a port ("${host}"): Teams and Slack call the bot on https port 443. ${example}.`
  const labels = host.split('.')
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/[a-z]/i.test(labels.at(-1)!)) {
    return `PUBLIC_HOST "${host}" is not a valid public host name. ${example}.`
  }
  return null
}

export function appIdProblem(value: string | undefined): string | null {
  if (!value?.trim()) {
    return "MICROSOFT_APP_ID is not set. Use the Application (client) ID of the bot's Microsoft Entra app registration, a GUID such as 00000000-0000-0000-0000-000000000000."
  }
  if (!GUID.test(value.trim())) {
    return `MICROSOFT_APP_ID "${value.trim()}" is not a GUID. Use the Application (client) ID from the bot's Microsoft Entra app registration (Azure portal > App registrations), such as 00000000-0000-0000-0000-000000000000.`
  }
  return null
}

/** Reads and checks PUBLIC_HOST; throws a PackagingError saying what to fix. */
export function readPublicHost(env: Env): string {
  const problem = publicHostProblem(env.PUBLIC_HOST)
  if (problem) throw new PackagingError(problem)
  return env.PUBLIC_HOST!.trim().toLowerCase()
}

/** Replaces every {{NAME}} in a template; refuses if one is left without a value. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (match, key: string) => values[key] ?? match)
  const left = [...new Set(filled.match(/\{\{[^}]*\}\}/g) ?? [])]
  if (left.length) throw new PackagingError(`The template still has placeholders with no value: ${left.join(', ')}`)
  return filled
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a'
  if (
    png.length < 24 ||
    png.subarray(0, 8).toString('hex') !== signature ||
    png.subarray(12, 16).toString('ascii') !== 'IHDR'
  )
    return null
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

const require = createRequire(import.meta.url)

/** The official Teams manifest schema for a manifest version, from @microsoft/app-manifest (no network). */
export function teamsSchemaPath(manifestVersion: string): string {
  const dir = path.join(
    path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
  )
  return path.join(dir, `v${manifestVersion}`, 'MicrosoftTeams.schema.json')
}

/** Validates a Teams manifest against the bundled official schema; returns readable errors ([] when valid). */
export function validateTeamsManifest(manifest: Record<string, unknown>): string[] {
  const version = String(manifest.manifestVersion ?? '')
  const file = teamsSchemaPath(version)
  if (!/^1\.\d+$/.test(version) || !existsSync(file))
    return [`no bundled Teams schema for manifestVersion "${version}"`]
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  // Both packages are CommonJS with the class or plugin on `default` as well as on module.exports.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false })
  ajvFormats.default(ajv, ['uri', 'email', 'regex'])
  const validate = ajv.compile(schema)
  if (validate(manifest)) return []
  return (validate.errors ?? []).map(
    (e: { instancePath: string; message?: string; params?: unknown }) =>
      `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  )
}

export type TeamsPackage = { manifest: Record<string, unknown>; zipPath: string; files: string[] }

/**
 * Builds the Teams app package into `outDir` (default manifest/dist). Throws a PackagingError, having
 * written nothing, when the environment, the icons or the manifest are not right.
 */
export function packageTeams(options: { env?: Env; outDir?: string; teamsDir?: string } = {}): TeamsPackage {
  const env = options.env ?? process.env
  const teamsDir = options.teamsDir ?? TEAMS_DIR
  const outDir = options.outDir ?? DIST_DIR

  const problems = [
    appIdProblem(env.MICROSOFT_APP_ID),
    publicHostProblem(env.PUBLIC_HOST),
    ...(env.TAB_SSO_CLIENT_ID
      ? [appIdProblem(env.TAB_SSO_CLIENT_ID)?.replace('MICROSOFT_APP_ID', 'TAB_SSO_CLIENT_ID') ?? null]
      : []),
  ].filter((p): p is string => p !== null)
  if (problems.length) throw new PackagingError(`Cannot build the Teams app package:\n  - ${problems.join('\n  - ')}`)
  const appId = env.MICROSOFT_APP_ID!.trim().toLowerCase()
  const host = readPublicHost(env)

  const icons = { 'color.png': 192, 'outline.png': 32 } as const
  const iconData: Record<string, Buffer> = {}
  for (const [name, size] of Object.entries(icons)) {
    const file = path.join(teamsDir, name)
    if (!existsSync(file)) throw new PackagingError(`${file} is missing. Run: npx tsx scripts/make-icons.ts`)
    const data = readFileSync(file)
    const actual = pngSize(data)
    if (!actual || actual.width !== size || actual.height !== size) {
      throw new PackagingError(
        `${file} must be a ${size}x${size} PNG${actual ? `, not ${actual.width}x${actual.height}` : ''}. Run: npx tsx scripts/make-icons.ts`,
      )
    }
    iconData[name] = data
  }

  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const template = readFileSync(path.join(teamsDir, 'manifest.template.json'), 'utf8')
  const manifest = JSON.parse(
    fillTemplate(template, {
      MICROSOFT_APP_ID: appId,
      PUBLIC_HOST: host,
      APP_VERSION: version,
      // The tab's single sign-on app: by default the bot's own registration (README, "Teams tab sign-in").
      TAB_SSO_CLIENT_ID: env.TAB_SSO_CLIENT_ID?.trim().toLowerCase() ?? appId,
    }),
  ) as Record<string, unknown>
  // The command menus come from the bot's command table, so the menu and what the bot answers never drift.
  for (const bot of manifest.bots as Record<string, unknown>[]) bot.commandLists = teamsCommandLists()
  const errors = validateTeamsManifest(manifest)
  if (errors.length)
    throw new PackagingError(`The Teams manifest does not match the official schema:\n  - ${errors.join('\n  - ')}`)

  const manifestJson = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')
  const zip = createZip([
    { name: 'manifest.json', data: manifestJson },
    { name: 'color.png', data: iconData['color.png']! },
    { name: 'outline.png', data: iconData['outline.png']! },
  ])
  mkdirSync(outDir, { recursive: true })
  const zipPath = path.join(outDir, TEAMS_ZIP_NAME)
  writeFileSync(zipPath, zip)
  return { manifest, zipPath, files: ['manifest.json', 'color.png', 'outline.png'] }
}

/** Runs a packaging step as a command: loads .env, prints the result or the refusal, sets the exit code. */
export async function runCli(step: () => string): Promise<void> {
  const dotenv = await import('dotenv')
  dotenv.config({ quiet: true })
  try {
    console.log(step())
  } catch (error) {
    if (error instanceof PackagingError) {
      console.error(error.message)
      process.exitCode = 1
      return
    }
    throw error
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  await runCli(() => {
    const result = packageTeams()
    return (
      `Wrote ${path.relative(process.cwd(), result.zipPath)} (${result.files.join(', ')}).\n` +
      'Upload it in the Teams admin centre: Teams apps > Manage apps > Upload new app.'
    )
  })
}
