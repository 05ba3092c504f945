import type { Editor } from '../accounts/editor.ts'
import { findActivityById, findActivityBySlug } from '../activities/activity.repository.ts'
import { resolveParticipant } from '../activities/activity.write.ts'
import type { Db } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { validate } from '../lib/validate.ts'
import { findOrganizationById } from '../organizations/organization.repository.ts'
import { findPersonById } from '../people/person.repository.ts'
import { deleteRecord, saveSnapshot } from '../revisions/index.ts'
import * as repo from './publication.repository.ts'
import { PublicationInputSchema, type PublicationValidInput, type PublicationWriteInput } from './publication.schema.ts'
import { createPublication } from './publication.service.ts'
import { publicationStore, type PublicationSnapshot } from './publication.store.ts'

async function resolveRefs(db: Db, input: PublicationValidInput, editor: Editor) {
  let activityId: number | null = null
  if (input.activity) {
    const activity = await findActivityBySlug(db, input.activity)
    if (!activity) throw new InvalidInputError(`activity: no activity “${input.activity}”`)
    activityId = activity.id
  }
  const contributors: PublicationSnapshot['contributors'] = []
  for (const [i, c] of input.contributors.entries()) {
    const id = await resolveParticipant(db, c, editor, `contributors.${i}`)
    contributors.push({ personId: c.type === 'person' ? id : null, organizationId: c.type === 'organization' ? id : null, role: c.role })
  }
  return { activityId, contributors }
}

async function assertSlugFree(db: Db, slug: string, selfId?: number) {
  const other = await repo.findPublicationBySlug(db, slug)
  if (other && other.id !== selfId) throw new ConflictError(`The address /publications/${slug} is taken by “${other.title}”.`)
}

export async function createPublicationFromInput(db: Db, raw: PublicationWriteInput | unknown, editor: Editor) {
  const input = validate(PublicationInputSchema, raw)
  return inTransaction(db, async (trx) => {
    if (input.slug) await assertSlugFree(trx, input.slug)
    const refs = await resolveRefs(trx, input, editor)
    const { id } = await createPublication(trx, {
      slug: input.slug, kind: input.kind, title: input.title, summary: input.summary, publishedOn: input.publishedOn,
      activityId: refs.activityId, sampleSize: input.method.sampleSize, regions: input.method.regions, methods: input.method.methods,
      contributors: refs.contributors,
    }, editor.actor)
    if (input.method.fieldworkFrom || input.method.fieldworkTo) {
      const created = (await publicationStore.load(trx, id))!
      return saveSnapshot(trx, publicationStore, { ...created, fieldworkFrom: input.method.fieldworkFrom, fieldworkTo: input.method.fieldworkTo },
        { actor: editor.actor })
    }
    return (await publicationStore.load(trx, id))!
  })
}

export async function updatePublicationFromInput(db: Db, id: number, raw: PublicationWriteInput | unknown, editor: Editor, expectedVersion?: number) {
  const input = validate(PublicationInputSchema, raw)
  return inTransaction(db, async (trx) => {
    const current = await publicationStore.load(trx, id)
    if (!current) throw new NotFoundError('publication', id)
    const slug = input.slug ?? current.slug
    await assertSlugFree(trx, slug, id)
    const refs = await resolveRefs(trx, input, editor)
    const next: PublicationSnapshot = {
      id, slug, kind: input.kind, title: input.title, summary: input.summary, publishedOn: input.publishedOn,
      activityId: refs.activityId, sampleSize: input.method.sampleSize, regions: input.method.regions, methods: input.method.methods,
      fieldworkFrom: input.method.fieldworkFrom, fieldworkTo: input.method.fieldworkTo, contributors: refs.contributors,
      files: current.files,
    }
    return saveSnapshot(trx, publicationStore, next, { actor: editor.actor, expectedVersion })
  })
}

export async function publicationToInput(db: Db, s: PublicationSnapshot): Promise<PublicationValidInput> {
  const activity = s.activityId ? await findActivityById(db, s.activityId) : undefined
  const contributors: PublicationValidInput['contributors'] = []
  for (const c of s.contributors) {
    const party = c.personId ? await findPersonById(db, c.personId) : await findOrganizationById(db, c.organizationId!)
    if (party) contributors.push({ type: c.personId ? 'person' : 'organization', slug: party.slug, name: party.name, role: c.role as PublicationValidInput['contributors'][number]['role'] })
  }
  return {
    slug: s.slug, kind: s.kind as PublicationValidInput['kind'], title: s.title, summary: s.summary, publishedOn: s.publishedOn,
    activity: activity?.slug ?? null,
    method: { sampleSize: s.sampleSize, regions: s.regions, methods: s.methods as PublicationValidInput['method']['methods'],
      fieldworkFrom: s.fieldworkFrom, fieldworkTo: s.fieldworkTo },
    contributors,
  }
}

export async function deletePublication(db: Db, id: number, editor: Editor) {
  return inTransaction(db, (trx) => deleteRecord(trx, publicationStore, id, { actor: editor.actor }))
}
