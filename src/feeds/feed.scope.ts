import type { Db } from '../db/database.ts'
import { NotFoundError } from '../lib/errors.ts'
import { KINDS, KIND_LABELS, type Kind } from '../lib/vocabulary.ts'
import { findOrganizationBySlug } from '../organizations/organization.repository.ts'
import { findPersonBySlug } from '../people/person.repository.ts'

/** What a feed or calendar follows: everything, one person, one organization, or one kind of activity. */
export type ScopeRequest =
  | { type: 'all' }
  | { type: 'person'; slug: string }
  | { type: 'organization'; slug: string }
  | { type: 'kind'; kind: string }

export interface Scope {
  /** Page whose feed this is, e.g. /people/botagoz-rakisheva. */
  pagePath: string
  title: string
  filter: { personId?: number; organizationId?: number; kind?: string; person?: string; organization?: string }
}

export async function resolveScope(db: Db, request: ScopeRequest): Promise<Scope> {
  switch (request.type) {
    case 'all':
      return { pagePath: '/news', title: 'All news', filter: {} }
    case 'person': {
      const person = await findPersonBySlug(db, request.slug)
      if (!person) throw new NotFoundError('person', request.slug)
      return { pagePath: `/people/${person.slug}`, title: person.name, filter: { personId: person.id, person: person.slug } }
    }
    case 'organization': {
      const organization = await findOrganizationBySlug(db, request.slug)
      if (!organization) throw new NotFoundError('organization', request.slug)
      return { pagePath: `/organizations/${organization.slug}`, title: organization.name,
        filter: { organizationId: organization.id, organization: organization.slug } }
    }
    case 'kind': {
      if (!(KINDS as readonly string[]).includes(request.kind)) throw new NotFoundError('kind of activity', request.kind)
      return { pagePath: `/news/kind/${request.kind}`, title: `${KIND_LABELS[request.kind as Kind]}s`, filter: { kind: request.kind } }
    }
  }
}
