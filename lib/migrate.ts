/** Applies the Prisma migrations with the Prisma CLI (`migrate deploy`), as in every environment. */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Runs `prisma <args>` against `databaseUrl`; throws with the CLI's output when it fails. */
export async function prismaCli(databaseUrl: string, args: string[]): Promise<string> {
  const require = createRequire(import.meta.url)
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js')
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      maxBuffer: 10 * 1024 * 1024,
    })
    return stdout
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`prisma ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`)
  }
}

export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await prismaCli(databaseUrl, ['migrate', 'deploy'])
}
