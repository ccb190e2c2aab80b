/**
 * One embedded PostgreSQL for the whole run: migrated once into a template database, which each test
 * file copies (CREATE DATABASE … TEMPLATE), so every file has its own real, migrated database.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedDb } from '../../lib/embedded-db.js'
import { migrateDeploy } from '../../lib/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-test-'))
  // fsync off: a test cluster lost to a power cut costs nothing, and every write is faster.
  const db = await startEmbeddedDb({ dataDir: dir, durable: false })
  await db.ensureDatabase('ll_template')
  await migrateDeploy(db.urlFor('ll_template'))
  project.provide('pgAdminUrl', db.adminUrl)
  return async () => {
    await db.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
