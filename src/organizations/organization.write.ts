import type { Editor } from '../accounts/editor.ts'
import type { Db } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { validate } from '../lib/validate.ts'
import { deleteRecord, saveSnapshot } from '../revisions/index.ts'
import * as repo from './organization.repository.ts'
import { OrganizationInputSchema, type OrganizationValidInput, type OrganizationWriteInput } from './organization.schema.ts'
import { createOrganization } from './organization.service.ts'
import { organizationStore, type OrganizationSnapshot } from './organization.store.ts'

async function parentId(db: Db, slug: string | null, selfId?: number) {
  if (!slug) return null
  const parent = await repo.findOrganizationBySlug(db, slug)
  if (!parent) throw new InvalidInputError(`parent: no organization “${slug}”`)
  for (let at: typeof parent | undefined = parent; at; at = at.parent_id ? await repo.findOrganizationById(db, at.parent_id) : undefined) {
    if (at.id === selfId) throw new InvalidInputError('parent: an organization cannot be inside itself')
  }
  return parent.id
}

async function assertSlugFree(db: Db, slug: string, selfId?: number) {
  const other = await repo.findOrganizationBySlug(db, slug)
  if (other && other.id !== selfId) throw new ConflictError(`The address /organizations/${slug} is taken by ${other.name}.`)
}

export async function createOrganizationFromInput(db: Db, raw: OrganizationWriteInput | unknown, editor: Editor) {
  const input = validate(OrganizationInputSchema, raw)
  return inTransaction(db, async (trx) => {
    if (input.slug) await assertSlugFree(trx, input.slug)
    const { id } = await createOrganization(trx, {
      slug: input.slug, name: input.name, variants: input.variants, kind: input.kind, country: input.country,
      parentId: await parentId(trx, input.parent), website: input.website,
    }, editor.actor)
    return (await organizationStore.load(trx, id))!
  })
}

export async function updateOrganizationFromInput(db: Db, id: number, raw: OrganizationWriteInput | unknown, editor: Editor,
  expectedVersion?: number) {
  const input = validate(OrganizationInputSchema, raw)
  return inTransaction(db, async (trx) => {
    const current = await organizationStore.load(trx, id)
    if (!current) throw new NotFoundError('organization', id)
    const slug = input.slug ?? current.slug
    await assertSlugFree(trx, slug, id)
    const next: OrganizationSnapshot = {
      id, slug, name: input.name, variants: input.variants, kind: input.kind, country: input.country,
      parentId: await parentId(trx, input.parent, id), website: input.website,
    }
    return saveSnapshot(trx, organizationStore, next, { actor: editor.actor, expectedVersion })
  })
}

/** The input that would save the organization as it is: the starting point of a form or a PATCH. */
export async function organizationToInput(db: Db, snapshot: OrganizationSnapshot): Promise<OrganizationValidInput> {
  const parent = snapshot.parentId ? await repo.findOrganizationById(db, snapshot.parentId) : undefined
  return {
    slug: snapshot.slug, name: snapshot.name, variants: snapshot.variants, kind: snapshot.kind as OrganizationValidInput['kind'],
    country: snapshot.country, parent: parent?.slug ?? null, website: snapshot.website,
  }
}

export async function deleteOrganization(db: Db, id: number, editor: Editor) {
  return inTransaction(db, (trx) => deleteRecord(trx, organizationStore, id, { actor: editor.actor }))
}
