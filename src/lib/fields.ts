import { z } from 'zod'

// Field shapes shared by every schema: forms, the API, the archive file and the command line.

// Lower-case letters, and letters of scripts without case or modifier letters: what slugify makes.
export const slugField = z.string().max(200).regex(/^[\p{Ll}\p{Lm}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lm}\p{Lo}\p{N}]+)*$/u,
  'a slug is lower-case words joined by hyphens')
// A real calendar day: 2024-02-30 is refused, not stored.
export const isoDateField = z.iso.date({ message: 'a date is a calendar day written YYYY-MM-DD' })
export const timestampField = z.iso.datetime({ offset: true, message: 'a time is written like 2024-09-20T14:00:00+05:00' })
export const countryField = z.string().trim().toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code such as KZ')
export const textField = (max = 500) => z.string().trim().min(1, 'this cannot be empty').max(max, `at most ${max} characters`)
export const optionalTextField = (max = 500) => textField(max).nullable().default(null)
export const urlField = z.url({ protocol: /^https?$/, message: 'a web address starts with http:// or https://' }).max(2000)
