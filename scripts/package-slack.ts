/**
 * `npm run package:slack`: fills PUBLIC_HOST (environment or .env) into manifest/slack/manifest.yml and
 * writes manifest/dist/slack-manifest.yml and slack-manifest.json, ready for Slack's "Create New App >
 * From an app manifest". Nothing is written unless PUBLIC_HOST is a bare host name.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { slackUsageHint } from '../bot/core/commands.js'
import { DIST_DIR, PackagingError, fillTemplate, readPublicHost, runCli } from './package-teams.js'

export const SLACK_TEMPLATE = fileURLToPath(new URL('../manifest/slack/manifest.yml', import.meta.url))

export type SlackPackage = { manifest: Record<string, any>; yamlPath: string; jsonPath: string }

export function packageSlack(
  options: { env?: Record<string, string | undefined>; outDir?: string; template?: string } = {},
): SlackPackage {
  const env = options.env ?? process.env
  const outDir = options.outDir ?? DIST_DIR
  let host: string
  try {
    host = readPublicHost(env)
  } catch (error) {
    if (error instanceof PackagingError)
      throw new PackagingError(`Cannot build the Slack app manifest:\n  - ${error.message}`)
    throw error
  }
  const yamlText = fillTemplate(readFileSync(options.template ?? SLACK_TEMPLATE, 'utf8'), {
    PUBLIC_HOST: host,
    // The /learning hint lists the command table's menu rows, so it never drifts from what the bot answers.
    SLACK_USAGE_HINT: slackUsageHint(),
  })
  const manifest = parse(yamlText) as Record<string, any>
  if (!manifest?.display_information?.name)
    throw new PackagingError('The Slack manifest has no display_information.name')

  mkdirSync(outDir, { recursive: true })
  const yamlPath = path.join(outDir, 'slack-manifest.yml')
  const jsonPath = path.join(outDir, 'slack-manifest.json')
  writeFileSync(yamlPath, yamlText)
  writeFileSync(jsonPath, `${JSON.stringify(manifest, null, 2)}\n`)
  return { manifest, yamlPath, jsonPath }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  await runCli(() => {
    const result = packageSlack()
    return (
      `Wrote ${path.relative(process.cwd(), result.yamlPath)} and ${path.relative(process.cwd(), result.jsonPath)}.\n` +
      'Create the app at https://api.slack.com/apps > Create New App > From an app manifest, and paste either file.'
    )
  })
}
