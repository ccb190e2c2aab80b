/**
 * A minimal zip writer (PKZIP 2.0: deflate, no zip64, no encryption) for the Teams app package, so
 * packaging needs no npm dependency. Output is deterministic: the same files give the same bytes.
 */
import zlib from 'node:zlib'

export type ZipEntry = { name: string; data: Buffer | Uint8Array }

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const VERSION = 20 // 2.0: deflate
const UTF8_NAMES = 0x0800
const METHOD_STORE = 0
const METHOD_DEFLATE = 8
const MAX_32 = 0xffffffff

/** MS-DOS date and time as zip stores them (two-second resolution), from the UTC fields so the time zone does not matter. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear())
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

function checkName(name: string): void {
  if (
    !name ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.split('/').some((part) => part === '..' || part === '')
  ) {
    throw new Error(`unsafe zip entry name: ${JSON.stringify(name)}`)
  }
}

/**
 * Builds a zip archive. `modified` stamps every entry (default 2020-01-01T00:00:00Z) so that packaging
 * the same files twice gives identical archives.
 */
export function createZip(entries: ZipEntry[], modified = new Date(Date.UTC(2020, 0, 1))): Buffer {
  if (entries.length > 0xffff) throw new Error('too many zip entries')
  const seen = new Set<string>()
  const { time, date } = dosDateTime(modified)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0

  for (const entry of entries) {
    checkName(entry.name)
    if (seen.has(entry.name)) throw new Error(`duplicate zip entry: ${entry.name}`)
    seen.add(entry.name)
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength)
    const name = Buffer.from(entry.name, 'utf8')
    const deflated = zlib.deflateRawSync(data, { level: 9 })
    const useDeflate = deflated.length < data.length
    const body = useDeflate ? deflated : data
    const crc = zlib.crc32(data) >>> 0
    if (data.length >= MAX_32 || body.length >= MAX_32 || offset >= MAX_32)
      throw new Error('zip too large (zip64 not supported)')

    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_HEADER, 0)
    local.writeUInt16LE(VERSION, 4)
    local.writeUInt16LE(UTF8_NAMES, 6)
    local.writeUInt16LE(useDeflate ? METHOD_DEFLATE : METHOD_STORE, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28) // extra field length

    const central = Buffer.alloc(46)
    central.writeUInt32LE(CENTRAL_HEADER, 0)
    central.writeUInt16LE((3 << 8) | VERSION, 4) // made by: Unix, 2.0
    central.writeUInt16LE(VERSION, 6)
    central.writeUInt16LE(UTF8_NAMES, 8)
    central.writeUInt16LE(useDeflate ? METHOD_DEFLATE : METHOD_STORE, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(0, 30) // extra field length
    central.writeUInt16LE(0, 32) // comment length
    central.writeUInt16LE(0, 34) // disk number start
    central.writeUInt16LE(0, 36) // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38) // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42)

    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }

  const centralDirectory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  end.writeUInt16LE(0, 4) // this disk
  end.writeUInt16LE(0, 6) // disk with the central directory
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralDirectory.length, 12)
  end.writeUInt32LE(offset, 16)
  end.writeUInt16LE(0, 20) // comment length
  return Buffer.concat([...locals, centralDirectory, end])
}
