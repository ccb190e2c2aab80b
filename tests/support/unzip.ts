/**
 * Reads one file out of a ZIP archive (a .docx or .xlsx) with node's zlib, for tests that check what a
 * generated document says: finds the entry in the central directory and inflates it.
 */
import { inflateRawSync } from 'node:zlib'

/** The bytes of `name` inside the ZIP archive `zip`; throws when it is not there. */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error('not a ZIP archive')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extra = zip.readUInt16LE(at + 30)
    const comment = zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const entry = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
      const data = zip.subarray(start, start + size)
      return method === 0 ? Buffer.from(data) : inflateRawSync(data)
    }
    at += 46 + nameLength + extra + comment
  }
  throw new Error(`${name} is not in the archive`)
}
