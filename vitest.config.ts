import { configDefaults, defineConfig } from 'vitest/config'

/**
 * Two projects. `unit` needs no database, so it has no global setup and starts at once; `integration` shares
 * one embedded PostgreSQL started by tests/support/global-setup.ts (each file copies a migrated template).
 * A new file under tests/ is integration unless it is listed here.
 */
const COLOCATED = [
  'services/**/*.test.ts',
  'cards/**/*.test.ts',
  'bot/**/*.test.ts',
  'lib/**/*.test.ts',
  'web/**/*.test.ts',
]
/** Files under tests/ that start no app and no database. */
const DATABASE_FREE = ['tests/architecture.test.ts', 'tests/cards.test.ts', 'tests/registry.test.ts']

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'unit', include: [...COLOCATED, ...DATABASE_FREE] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...DATABASE_FREE],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
})
