import { t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'

const CREDIT_ROLES = ['author', 'presenter', 'commissioner', 'partner', 'supporter', 'organizer', 'moderator', 'speaker', 'discussant', 'participant']
const METHODS = ['mass-survey', 'expert-interviews', 'focus-groups']
const KINDS = ['report', 'article', 'book', 'dataset']

/** "Prepared by", "Commissioned by": what a contributor did for a publication, in the reader's language. */
export const creditLabel = (role: string) => (CREDIT_ROLES.includes(role) ? t(`credit.${role}` as MessageKey) : role)
export const methodLabel = (method: string) => (METHODS.includes(method) ? t(`method.${method}` as MessageKey) : method)
export const publicationKindLabel = (kind: string) => (KINDS.includes(kind) ? t(`pubKind.${kind}` as MessageKey) : kind)
