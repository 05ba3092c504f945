import type { Editor } from '../accounts/editor.ts'
import type { Db } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { nameKey } from '../lib/names.ts'
import { validate } from '../lib/validate.ts'
import * as organizations from '../organizations/organization.repository.ts'
import { createOrganization } from '../organizations/organization.service.ts'
import * as people from '../people/person.repository.ts'
import { createPerson } from '../people/person.service.ts'
import { deleteRecord, saveSnapshot } from '../revisions/index.ts'
import * as repo from './activity.repository.ts'
import { ActivityInputSchema, type ActivityValidInput, type ActivityWriteInput, type ParticipantInput } from './activity.schema.ts'
import { createActivity } from './activity.service.ts'
import { activityStore, type ActivitySnapshot } from './activity.store.ts'

/** The person or organization a participant names, created in place when the name is new. */
export async function resolveParticipant(db: Db, p: Pick<ParticipantInput, 'type' | 'slug' | 'name'>, editor: Editor, where: string) {
  const person = p.type === 'person'
  if (p.slug) {
    const found = person ? await people.findPersonBySlug(db, p.slug) : await organizations.findOrganizationBySlug(db, p.slug)
    if (!found) throw new InvalidInputError(`${where}: no ${p.type} “${p.slug}”`)
    return found.id
  }
  const name = p.name!
  const ids = person ? await people.findPersonIdsByNameKey(db, nameKey(name)) : await organizations.findOrganizationIdsByNameKey(db, nameKey(name))
  if (ids.length > 1) throw new InvalidInputError(`${where}: several ${person ? 'people' : 'organizations'} are called “${name}”; choose one by its slug`)
  if (ids.length === 1) return ids[0]!.id
  const created = person
    ? await createPerson(db, { name, variants: [], honorific: null, degree: null, biography: null, affiliations: [] }, editor.actor)
    : await createOrganization(db, { name, variants: [], kind: null, country: null, parentId: null, website: null }, editor.actor)
  return created.id
}

async function toParticipations(db: Db, input: ActivityValidInput, editor: Editor): Promise<ActivitySnapshot['participations']> {
  const out: ActivitySnapshot['participations'] = []
  for (const [i, p] of input.participants.entries()) {
    const id = await resolveParticipant(db, p, editor, `participants.${i}`)
    let affiliationId: number | null = null
    if (p.affiliation) {
      const organization = await organizations.findOrganizationBySlug(db, p.affiliation)
      if (!organization) throw new InvalidInputError(`participants.${i}.affiliation: no organization “${p.affiliation}”`)
      affiliationId = organization.id
    }
    out.push({
      personId: p.type === 'person' ? id : null, organizationId: p.type === 'organization' ? id : null, role: p.role,
      affiliationId, jobTitle: p.type === 'person' ? p.jobTitle : null, internal: p.internal,
    })
  }
  return out
}

async function assertSlugFree(db: Db, slug: string, selfId?: number) {
  const other = await repo.findActivityBySlug(db, slug)
  if (other && other.id !== selfId) throw new ConflictError(`The activity slug “${slug}” is taken.`)
}

export async function createActivityFromInput(db: Db, raw: ActivityWriteInput | unknown, editor: Editor, fallbackName = 'activity') {
  const input = validate(ActivityInputSchema, raw)
  return inTransaction(db, async (trx) => {
    if (input.slug) await assertSlugFree(trx, input.slug)
    const { id } = await createActivity(trx, { ...input, participations: await toParticipations(trx, input, editor) }, editor.actor, fallbackName)
    return (await activityStore.load(trx, id))!
  })
}

export async function updateActivityFromInput(db: Db, id: number, raw: ActivityWriteInput | unknown, editor: Editor, expectedVersion?: number) {
  const input = validate(ActivityInputSchema, raw)
  return inTransaction(db, async (trx) => {
    const current = await activityStore.load(trx, id)
    if (!current) throw new NotFoundError('activity', id)
    const slug = input.slug ?? current.slug
    await assertSlugFree(trx, slug, id)
    const next: ActivitySnapshot = {
      id, slug, kind: input.kind, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, city: input.city,
      country: input.country, format: input.format, internal: input.internal,
      participations: await toParticipations(trx, input, editor),
    }
    return saveSnapshot(trx, activityStore, next, { actor: editor.actor, expectedVersion })
  })
}

/** The input that would save the activity as it is, participants by slug. */
export async function activityToInput(db: Db, s: ActivitySnapshot): Promise<ActivityValidInput> {
  const participants: ParticipantInput[] = []
  for (const p of s.participations) {
    const party = p.personId ? await people.findPersonById(db, p.personId) : await organizations.findOrganizationById(db, p.organizationId!)
    const affiliation = p.affiliationId ? await organizations.findOrganizationById(db, p.affiliationId) : undefined
    if (!party) continue
    participants.push({
      type: p.personId ? 'person' : 'organization', slug: party.slug, name: party.name, role: p.role,
      affiliation: affiliation?.slug ?? null, jobTitle: p.jobTitle, internal: p.internal,
    })
  }
  return {
    slug: s.slug, kind: s.kind as ActivityValidInput['kind'], name: s.name, startsOn: s.startsOn, endsOn: s.endsOn,
    city: s.city, country: s.country, format: s.format as ActivityValidInput['format'], internal: s.internal, participants,
  }
}

export async function deleteActivity(db: Db, id: number, editor: Editor) {
  return inTransaction(db, (trx) => deleteRecord(trx, activityStore, id, { actor: editor.actor }))
}
