/** A JSON value as the app stores it (e.g. a platform address), without tying callers to Prisma's types. */
export type JsonInput = string | number | boolean | JsonInput[] | { [key: string]: JsonInput | null }
