import type { z } from 'zod'
import { InvalidInputError } from './errors.ts'

/** Parses input with a schema; every problem names its field, so a form or an API client can point at it. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((p) => typeof p !== 'symbol').join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  throw new InvalidInputError(problems.length === 1 ? problems[0]! : `${problems.length} problems: ${problems.join('; ')}`, problems)
}
