import {
  findNodeAtLocation, getNodePath, getNodeValue, type Node, type ParseError, parseTree, printParseErrorCode,
} from 'jsonc-parser'
import type { z } from 'zod'
import { InvalidInputError } from '../lib/errors.ts'

export interface Located<T> {
  value: T
  /** Line (1-based) where the value at this path starts in the file. */
  lineOf(path: (string | number)[]): number
}

function lineAt(text: string, offset: number) {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Strict JSON, with each value's line kept so that problems can say where they are. */
export function parseJsonFile(source: string, fileName: string): Located<unknown> {
  // Editors on Windows start UTF-8 files with a byte order mark; it is not part of the JSON.
  const text = source.replace(/^\uFEFF/, '')
  if (!text.trim()) throw new InvalidInputError(`${fileName}, line 1: not valid JSON: the file is empty.`)
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  if (errors.length || !tree) {
    const first = errors[0]
    const where = first ? `line ${lineAt(text, errorOffset(text, first))}` : 'line 1'
    const reason = first ? describeParseError(printParseErrorCode(first.error)) : 'the file is empty'
    throw new InvalidInputError(`${fileName}, ${where}: not valid JSON: ${reason}.`)
  }
  const nul = findString(tree, (value) => value.includes('\u0000'))
  // PostgreSQL cannot store the NUL character, so an archive holding one could not move between engines.
  if (nul) {
    throw new InvalidInputError(`${fileName}, line ${lineAt(text, nul.offset)} at ${formatPath(getNodePath(nul))}: ` +
      'a text may not contain the NUL character (\\u0000)')
  }
  return {
    value: getNodeValue(tree),
    lineOf(path) {
      let node: Node | undefined
      // The nearest existing ancestor stands in for a field that is missing.
      for (let n = path.length; n >= 0 && !node; n--) node = findNodeAtLocation(tree, path.slice(0, n))
      return lineAt(text, node?.offset ?? 0)
    },
  }
}

/** A missing comma is noticed at the next value, but belongs after the value before it: that line is the one to fix. */
function errorOffset(text: string, error: ParseError) {
  if (printParseErrorCode(error.error) !== 'CommaExpected') return error.offset
  let end = error.offset
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--
  return Math.max(end - 1, 0)
}

function findString(node: Node, test: (value: string) => boolean): Node | undefined {
  if (node.type === 'string' && test(node.value as string)) return node
  for (const child of node.children ?? []) {
    const found = findString(child, test)
    if (found) return found
  }
  return undefined
}

function describeParseError(code: string) {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** Validates the parsed file; every problem names its line, path and reason. */
export function validateJsonFile<S extends z.ZodType>(file: Located<unknown>, schema: S, fileName: string): z.infer<S> {
  const result = schema.safeParse(file.value)
  if (result.success) return result.data
  const problems = result.error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    const at = path.length ? ` at ${formatPath(path)}` : ''
    return `${fileName}, line ${file.lineOf(path)}${at}: ${issue.message}`
  })
  throw new InvalidInputError(problems[0]!, problems)
}

export function formatPath(path: (string | number)[]) {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')
}
