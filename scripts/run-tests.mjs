// `npm test`: runs vitest, then prints the plain "N passed, N failed" line CI reads.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'

mkdirSync('test-results', { recursive: true })

// The code must type-check (strict) before its tests count: vitest itself does not check types.
const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' })
if (typecheck.status !== 0) {
  console.log('0 passed, 1 failed (TypeScript errors above)')
  process.exit(typecheck.status ?? 1)
}

const out = 'test-results/vitest.json'
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
)
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'))
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  // A file that fails to load fails no single test; count it so the line never reads green by mistake.
  const failed = r.numFailedTests || (r.success ? 0 : Math.max(1, r.numFailedTestSuites ?? 1))
  console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
}
process.exit(result.status ?? 1)
