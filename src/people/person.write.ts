import type { Editor } from '../accounts/editor.ts'
import type { Db } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { validate } from '../lib/validate.ts'
import { findOrganizationById, findOrganizationBySlug } from '../organizations/organization.repository.ts'
import { deleteRecord, saveSnapshot } from '../revisions/index.ts'
import * as repo from './person.repository.ts'
import { PersonInputSchema, type PersonValidInput, type PersonWriteInput } from './person.schema.ts'
import { createPerson } from './person.service.ts'
import { personStore, type PersonSnapshot } from './person.store.ts'

async function resolveAffiliations(db: Db, input: PersonValidInput) {
  const out: PersonSnapshot['affiliations'] = []
  for (const [i, a] of input.affiliations.entries()) {
    const organization = await findOrganizationBySlug(db, a.organization)
    if (!organization) throw new InvalidInputError(`affiliations.${i}.organization: no organization “${a.organization}”`)
    out.push({ organizationId: organization.id, position: a.position, startsOn: a.from, endsOn: a.to })
  }
  return out
}

async function assertSlugFree(db: Db, slug: string, selfId?: number) {
  const other = await repo.findPersonBySlug(db, slug)
  if (other && other.id !== selfId) throw new ConflictError(`The address /people/${slug} is taken by ${other.name}.`)
}

export async function createPersonFromInput(db: Db, raw: PersonWriteInput | unknown, editor: Editor) {
  const input = validate(PersonInputSchema, raw)
  return inTransaction(db, async (trx) => {
    if (input.slug) await assertSlugFree(trx, input.slug)
    const { id } = await createPerson(trx, { ...input, affiliations: await resolveAffiliations(trx, input) }, editor.actor)
    return (await personStore.load(trx, id))!
  })
}

export async function updatePersonFromInput(db: Db, id: number, raw: PersonWriteInput | unknown, editor: Editor, expectedVersion?: number) {
  const input = validate(PersonInputSchema, raw)
  return inTransaction(db, async (trx) => {
    const current = await personStore.load(trx, id)
    if (!current) throw new NotFoundError('person', id)
    const slug = input.slug ?? current.slug
    await assertSlugFree(trx, slug, id)
    const next: PersonSnapshot = {
      id, slug, name: input.name, variants: input.variants, honorific: input.honorific, degree: input.degree,
      biography: input.biography, photoFileId: current.photoFileId, affiliations: await resolveAffiliations(trx, input),
    }
    return saveSnapshot(trx, personStore, next, { actor: editor.actor, expectedVersion })
  })
}

/** The input that would save the person as they are: the starting point of a form or a PATCH. */
export async function personToInput(db: Db, s: PersonSnapshot): Promise<PersonValidInput> {
  const affiliations = []
  for (const a of s.affiliations) {
    const organization = await findOrganizationById(db, a.organizationId)
    if (organization) affiliations.push({ organization: organization.slug, position: a.position, from: a.startsOn, to: a.endsOn })
  }
  return { slug: s.slug, name: s.name, variants: s.variants, honorific: s.honorific, degree: s.degree, biography: s.biography, affiliations }
}

export async function deletePerson(db: Db, id: number, editor: Editor) {
  return inTransaction(db, (trx) => deleteRecord(trx, personStore, id, { actor: editor.actor }))
}
