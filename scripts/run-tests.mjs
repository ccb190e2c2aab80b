// `npm test`: type-checks, runs the two vitest projects, then prints the plain "N passed, N failed" line CI reads.
// The unit project runs beside the integration project, so it does not wait for the embedded PostgreSQL that
// the integration project's global setup starts. Its output is printed once the integration run has finished.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

mkdirSync('test-results', { recursive: true })

// The code must type-check (strict) before its tests count: vitest itself does not check types.
const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' })
if (typecheck.status !== 0) {
  console.log('0 passed, 1 failed (TypeScript errors above)')
  process.exit(typecheck.status ?? 1)
}

const ranNothing = (out) => existsSync(out) && JSON.parse(readFileSync(out, 'utf8')).numTotalTests === 0

/** Runs one project; `capture` keeps its output to print later instead of mixing it with the live run. */
function runProject(project, capture) {
  const out = `test-results/vitest-${project}.json`
  rmSync(out, { force: true })
  const args = ['node_modules/vitest/vitest.mjs', 'run', `--project=${project}`, '--passWithNoTests']
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2))
  const env = capture && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env
  const child = spawn(process.execPath, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env })
  const chunks = []
  child.stdout?.on('data', (c) => chunks.push(c))
  child.stderr?.on('data', (c) => chunks.push(c))
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ project, out, code, output: Buffer.concat(chunks) }))
  })
}

const [integration, unit] = await Promise.all([runProject('integration', false), runProject('unit', true)])
// A filter naming only integration files leaves the unit project nothing to say.
if (!(unit.code === 0 && ranNothing(unit.out))) process.stdout.write(unit.output)

let passed = 0
let failed = 0
let skipped = 0
for (const run of [unit, integration]) {
  if (!existsSync(run.out)) {
    failed += 1 // the run died before reporting
    continue
  }
  const r = JSON.parse(readFileSync(run.out, 'utf8'))
  passed += r.numPassedTests
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  // A file that fails to load fails no single test; count it so the line never reads green by mistake.
  failed += r.numFailedTests || (r.success && run.code === 0 ? 0 : Math.max(1, r.numFailedTestSuites ?? 1))
}
// A filter that matched no file in either project ran nothing: that is not a pass.
if (passed + failed + skipped === 0) failed = 1
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed ? 1 : 0)
