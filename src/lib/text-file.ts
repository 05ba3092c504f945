import { InvalidInputError } from './errors.ts'

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

export const tooLarge = (what: string, maxBytes: number) =>
  new InvalidInputError(`${what} is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller files.`)

/** UTF-8 text, or a clear refusal: NUL bytes, many control characters or invalid UTF-8 mean a binary file. */
export function decodeText(buffer: Uint8Array, label: string, maxBytes = DEFAULT_MAX_BYTES): string {
  if (buffer.length > maxBytes) throw tooLarge(label, maxBytes)
  const sample = buffer.subarray(0, 64 * 1024)
  let control = 0
  for (const byte of sample) {
    if (byte === 0) throw binary(label)
    if (byte < 9 || (byte > 13 && byte < 32)) control++
  }
  if (control > sample.length / 100) throw binary(label)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
  } catch {
    throw new InvalidInputError(`${label} is not UTF-8 text; save it as UTF-8 and try again.`)
  }
  return text.replace(/^\uFEFF/, '')
}

const binary = (label: string) => new InvalidInputError(`${label} looks like a binary file, not text, Markdown, JSON or XML.`)
