/** A fresh, migrated database for one test file, copied from the run's template. */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl')
  const name = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`create database ${name} template ll_template`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
