/** A plural message: the forms a language needs, chosen by Intl.PluralRules from {count}. */
export interface PluralMessage {
  zero?: string
  one?: string
  two?: string
  few?: string
  many?: string
  other: string
}

export type Message = string | PluralMessage
