import type { ActivityRecord } from '../archive/archive.schema.ts'

/** One news item read from an import file, before extraction. */
export interface SourceItem {
  /** Where the item sits in its file, for messages: "item 3 (line 41)". */
  position: string
  /** What makes the item the same on a second import: a hash of its text, or a WordPress post's guid. */
  key: string
  title: string | null
  /** The post's body, Markdown, as it will be stored. */
  body: string
  /** What the extractor reads: the text as written (Markdown is fine; HTML is not). */
  text: string
  /** When the source published it (ISO 8601), kept for the post when it is published after review. */
  publishedAt: string | null
  categories: string[]
  tags: string[]
  attachments: { url: string; title: string | null }[]
  /** JSON activity records already say who did what: the proposal is the record, not an extraction. */
  record?: ActivityRecord
}

/** An item that cannot be imported, and why; the other items go on. */
export interface ItemProblem {
  position: string
  reason: string
}

export interface SourceFile {
  format: 'text' | 'records' | 'wxr'
  items: SourceItem[]
  problems: ItemProblem[]
}

/** How a name in the text was matched to a record already in the archive. */
export type MatchReason = 'exact' | 'variant' | 'diacritics' | 'word-order' | 'transliteration' | 'patronymic' | 'translation' | 'acronym' | 'initials'

export interface Candidate {
  id: number
  slug: string
  name: string
  /** 0–1: how sure the match is. */
  confidence: number
  reason: MatchReason
}

export interface Resolution {
  /** The record the name is taken to be, when one candidate is sure enough and clearly ahead of the rest. */
  match: Candidate | null
  /** Every plausible record, most likely first (the match included). */
  candidates: Candidate[]
}
