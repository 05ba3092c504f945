import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Editor } from '../accounts/editor.ts'
import { audit } from '../accounts/audit.service.ts'
import { findActivityBySlug } from '../activities/activity.repository.ts'
import { activityStore } from '../activities/activity.store.ts'
import { activityToInput, createActivityFromInput, deleteActivity, updateActivityFromInput } from '../activities/activity.write.ts'
import type { Db, UserRole } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { DomainError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { findPostBySlug } from '../news/post.repository.ts'
import { postStore } from '../news/post.store.ts'
import { createPostFromInput, deletePost, postToInput, updatePostFromInput } from '../news/post.write.ts'
import { findOrganizationBySlug } from '../organizations/organization.repository.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import {
  createOrganizationFromInput, deleteOrganization, organizationToInput, updateOrganizationFromInput,
} from '../organizations/organization.write.ts'
import { findPersonBySlug } from '../people/person.repository.ts'
import { personStore } from '../people/person.store.ts'
import { createPersonFromInput, deletePerson, personToInput, updatePersonFromInput } from '../people/person.write.ts'
import { findPublicationBySlug } from '../publications/publication.repository.ts'
import { publicationStore } from '../publications/publication.store.ts'
import {
  createPublicationFromInput, deletePublication, publicationToInput, updatePublicationFromInput,
} from '../publications/publication.write.ts'
import { currentVersion, type EntityStore, type Snapshot, StaleVersionError } from '../revisions/index.ts'
import { absolute } from '../web/api-helpers.ts'
import { clientAddress, requireApiWrite } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { problem } from '../web/errors.tsx'

/**
 * The write API for integrators: POST, PATCH and DELETE on each kind of record, through the same
 * write services as the admin forms, so validation, permissions and revisions are identical.
 * Reads stay in each domain's *.api.ts and show public records only.
 */
export const writeApi = new Hono<AppEnv>()

export const MAX_BODY_BYTES = 1024 * 1024

export class UnsupportedMediaTypeError extends DomainError {
  constructor() {
    super('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.')
  }
}

/** One kind of record as the write API changes it. */
interface WritableKind<S extends Snapshot> {
  /** The collection in the URL, /api/v1/<collection>/<slug>. */
  collection: string
  /** The least role that may write this kind; the services add their own rules (authors: own drafts). */
  role: UserRole
  store: EntityStore<S>
  publicPath(slug: string): string
  findIdBySlug(db: Db, slug: string): Promise<number | undefined>
  create(db: Db, input: unknown, editor: Editor): Promise<S>
  update(db: Db, id: number, input: unknown, editor: Editor, expectedVersion: number): Promise<S>
  remove(db: Db, id: number, editor: Editor): Promise<unknown>
  toInput(db: Db, snapshot: S): Promise<object>
}

const idOf = (row: { id: number } | undefined) => row?.id

// Each kind is checked against its own snapshot type, then kept in one list.
const writable = <S extends Snapshot>(kind: WritableKind<S>) => kind as unknown as WritableKind<Snapshot>

const KINDS = [
  writable({
    collection: 'posts', role: 'author', store: postStore, publicPath: (slug) => `/news/${slug}`,
    findIdBySlug: async (db, slug) => idOf(await findPostBySlug(db, slug)),
    create: createPostFromInput,
    update: (db, id, input, editor, version) => updatePostFromInput(db, id, input, editor, { post: version }),
    remove: deletePost, toInput: postToInput,
  }),
  writable({
    collection: 'activities', role: 'editor', store: activityStore, publicPath: (slug) => `/activities/${slug}`,
    findIdBySlug: async (db, slug) => idOf(await findActivityBySlug(db, slug)),
    create: (db, input, editor) => createActivityFromInput(db, input, editor),
    update: updateActivityFromInput, remove: deleteActivity, toInput: activityToInput,
  }),
  writable({
    collection: 'people', role: 'editor', store: personStore, publicPath: (slug) => `/people/${slug}`,
    findIdBySlug: async (db, slug) => idOf(await findPersonBySlug(db, slug)),
    create: createPersonFromInput, update: updatePersonFromInput, remove: deletePerson, toInput: personToInput,
  }),
  writable({
    collection: 'organizations', role: 'editor', store: organizationStore, publicPath: (slug) => `/organizations/${slug}`,
    findIdBySlug: async (db, slug) => idOf(await findOrganizationBySlug(db, slug)),
    create: createOrganizationFromInput, update: updateOrganizationFromInput, remove: deleteOrganization,
    toInput: organizationToInput,
  }),
  writable({
    collection: 'publications', role: 'editor', store: publicationStore, publicPath: (slug) => `/publications/${slug}`,
    findIdBySlug: async (db, slug) => idOf(await findPublicationBySlug(db, slug)),
    create: createPublicationFromInput, update: updatePublicationFromInput, remove: deletePublication,
    toInput: publicationToInput,
  }),
]

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * RFC 7396 JSON merge patch: objects merge key by key, null removes a key (so the schema's
 * default applies, usually null), and anything else, arrays included, replaces.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const entries = new Map(Object.entries(isObject(target) ? target : {}))
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) entries.delete(key)
    else entries.set(key, mergePatch(entries.get(key), value))
  }
  // fromEntries defines own properties, so a "__proto__" key stays a plain (ignored) field.
  return Object.fromEntries(entries)
}

/** No record nests deeper than a few levels; far deeper bodies would overflow the stack of the merge and the checks. */
export const MAX_JSON_DEPTH = 32

/** How deeply a parsed JSON value nests, counted without recursion so that the count itself cannot overflow. */
export function jsonDepth(value: unknown, stopAfter = MAX_JSON_DEPTH + 1) {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [item, depth] = stack.pop()!
    if (typeof item !== 'object' || item === null) continue
    deepest = Math.max(deepest, depth + 1)
    if (deepest >= stopAfter) return deepest
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return deepest
}

async function readJsonObject(c: Context<AppEnv>) {
  const type = c.req.header('content-type') ?? ''
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) throw new UnsupportedMediaTypeError()
  const text = await c.req.text()
  if (!text.trim()) throw new InvalidInputError('The body is empty; send the record as a JSON object.')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(`The body is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(value)) throw new InvalidInputError('The body must be a JSON object, such as {"title": "…"}.')
  if (jsonDepth(value) > MAX_JSON_DEPTH) throw new InvalidInputError(`The body nests deeper than ${MAX_JSON_DEPTH} levels; no record has fields that deep.`)
  return value
}

/** The version the client says it has, from If-Match: "12"; undefined when absent or "*". */
function ifMatchVersion(c: Context<AppEnv>) {
  const header = c.req.header('if-match')?.trim()
  if (!header || header === '*') return undefined
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header)
  // The read API's ETags name the bytes of a page, for If-None-Match; a write compares record versions.
  if (!match) {
    throw new InvalidInputError('If-Match takes the record\'s version, such as If-Match: "12": the ETag of a POST or PATCH response, '
      + 'or currentVersion in a 412. The ETag of a GET names the bytes of that response, for If-None-Match.')
  }
  return Number(match[1])
}

function editorOf(c: Context<AppEnv>): Editor {
  const caller = c.var.apiCaller!
  return { userId: caller.userId, role: caller.role, actor: caller.email }
}

async function present<S extends Snapshot>(c: Context<AppEnv>, kind: WritableKind<S>, snapshot: S) {
  const version = await currentVersion(c.var.db, kind.store.type, snapshot.id)
  const body = { ...await kind.toInput(c.var.db, snapshot), url: absolute(c, kind.publicPath(snapshot.slug)), version }
  return { version, body }
}

async function respond<S extends Snapshot>(c: Context<AppEnv>, kind: WritableKind<S>, snapshot: S, status: 200 | 201) {
  const { version, body } = await present(c, kind, snapshot)
  c.header('etag', `"${version}"`)
  c.header('cache-control', 'no-store')
  if (status === 201) c.header('location', absolute(c, `/api/v1/${kind.collection}/${snapshot.slug}`))
  return c.json(body, status)
}

/** 412 with the record as it is now, so the client can merge its change and send it again. */
async function staleResponse<S extends Snapshot>(c: Context<AppEnv>, kind: WritableKind<S>, id: number, sent: number) {
  const current = await kind.store.load(c.var.db, id)
  if (!current) throw new NotFoundError(kind.store.type, id)
  const { version, body } = await present(c, kind, current)
  c.header('etag', `"${version}"`)
  return problem(c, 412, `The ${kind.store.type} changed since version ${sent}; it is now at version ${version}. `
    + 'Apply your change to the current record and send it again with If-Match: "' + version + '".',
  { code: 'precondition_failed', currentVersion: version, current: body })
}

async function findId<S extends Snapshot>(c: Context<AppEnv>, kind: WritableKind<S>) {
  const slug = c.req.param('slug') ?? ''
  const id = slug.length <= 200 ? await kind.findIdBySlug(c.var.db, slug) : undefined
  if (id === undefined) throw new NotFoundError(kind.store.type, slug)
  return id
}

function record(c: Context<AppEnv>, verb: 'created' | 'updated' | 'deleted', type: string, snapshot: Snapshot) {
  const caller = c.var.apiCaller!
  return audit(c.var.db, {
    action: `api-${type}-${verb}`, userId: caller.userId, email: caller.email, targetType: type, targetId: snapshot.id,
    ip: clientAddress(c), detail: { slug: snapshot.slug },
  })
}

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  // The unread rest of the body leaves the connection unusable, so the client is told to open a new one.
  onError: (c) => problem(c, 413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; nothing was changed.`,
    { code: 'too_large' }, { connection: 'close' }),
})

// Attempts at a PATCH without If-Match when another save lands between reading and writing.
const PATCH_ATTEMPTS = 3

for (const kind of KINDS) {
  const collection = `/${kind.collection}`
  const member = `/${kind.collection}/:slug`

  writeApi.post(collection, requireApiWrite(kind.role), limitBody, async (c) => {
    const input = await readJsonObject(c)
    const created = await kind.create(c.var.db, input, editorOf(c))
    await record(c, 'created', kind.store.type, created)
    return respond(c, kind, created, 201)
  })

  // PATCH merges the body over the record as its form would show it, then saves that through the update service.
  writeApi.patch(member, requireApiWrite(kind.role), limitBody, async (c) => {
    const id = await findId(c, kind)
    const sent = ifMatchVersion(c)
    const patch = await readJsonObject(c)
    for (let attempt = 1; ; attempt++) {
      const version = await currentVersion(c.var.db, kind.store.type, id)
      if (sent !== undefined && sent !== version) return staleResponse(c, kind, id, sent)
      const current = await kind.store.load(c.var.db, id)
      if (!current) throw new NotFoundError(kind.store.type, id)
      const merged = mergePatch(await kind.toInput(c.var.db, current), patch)
      try {
        // The version read above guards the merge itself: a save in between must not be overwritten with older fields.
        const saved = await kind.update(c.var.db, id, merged, editorOf(c), version)
        await record(c, 'updated', kind.store.type, saved)
        return respond(c, kind, saved, 200)
      } catch (error) {
        if (!(error instanceof StaleVersionError)) throw error
        if (sent !== undefined) return staleResponse(c, kind, id, sent)
        if (attempt >= PATCH_ATTEMPTS) throw error
      }
    }
  })

  writeApi.delete(member, requireApiWrite(kind.role), async (c) => {
    const id = await findId(c, kind)
    const sent = ifMatchVersion(c)
    const deleted = await inTransaction(c.var.db, async (trx) => {
      if (sent !== undefined && sent !== await currentVersion(trx, kind.store.type, id)) return null
      return kind.remove(trx, id, editorOf(c)) as Promise<Snapshot>
    })
    if (!deleted) return staleResponse(c, kind, id, sent!)
    await record(c, 'deleted', kind.store.type, deleted)
    return c.body(null, 204)
  })
}
