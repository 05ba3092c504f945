import type { Lang } from '../languages.ts'
import { en } from './en.ts'
import { kk } from './kk.ts'
import { ru } from './ru.ts'
import type { Message } from './types.ts'

export type MessageKey = keyof typeof en
export type { Message, PluralMessage } from './types.ts'

export const CATALOGS: Record<Lang, Record<MessageKey, Message>> = { en, ru, kk }
