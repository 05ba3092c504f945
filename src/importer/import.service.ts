import type { Kysely } from 'kysely'
import { createActivity } from '../activities/activity.service.ts'
import type { Editor } from '../accounts/editor.ts'
import type { ActivityRecord } from '../archive/archive.schema.ts'
import { summaryFromText, titleFromRecord } from '../archive/record-text.ts'
import type { Database, Db, ImportStatus } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { detectLanguage, extractItems, type KnownNames } from '../extract/index.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { nameKey } from '../lib/names.ts'
import { type Page, toPaged } from '../lib/pagination.ts'
import { nowIso } from '../lib/time.ts'
import { validate } from '../lib/validate.ts'
import { createPost } from '../news/post.service.ts'
import { postStore } from '../news/post.store.ts'
import { assertMayEdit, deletePost } from '../news/post.write.ts'
import { addOrganizationNames, createOrganization, resolveOrganizationByName } from '../organizations/organization.service.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import { addAffiliation, addPersonNames, createPerson, resolvePersonByName } from '../people/person.service.ts'
import { personStore } from '../people/person.store.ts'
import { findPeopleByIds } from '../people/person.repository.ts'
import { findOrganizationsByIds } from '../organizations/organization.repository.ts'
import { type EntityStore, recordRevision, saveSnapshot, type Snapshot } from '../revisions/index.ts'
import { plainText } from '../search/search.indexer.ts'
import * as repo from './import.repository.ts'
import type { ItemProblem, SourceFile, SourceItem } from './import.types.ts'
import { applyReview, type ImportProposal, type Indexes, proposeRecord, type ReviewInput, ReviewSchema } from './proposal.ts'
import { NameIndex } from './resolve.ts'
import { readPastedText } from './sources/text.ts'

export interface ImportProgress { done: number; total: number }

export interface ImportOptions {
  actor: string
  /** The file's name, shown in the review queue beside each item's position. */
  sourceName: string
  /** Supplies the year to dates written without one; default: now. */
  reference?: Date
  /** The publishing organization ("the Institute"); default: the one the items name most. */
  home?: string | null
  onProgress?: (progress: ImportProgress) => void
}

export interface ImportReport {
  /** Items in the file, the malformed ones included. */
  items: number
  imported: number
  /** Already imported before: left as they are. */
  skipped: number
  problems: ItemProblem[]
  /** Distinct names the drafts propose to create, and existing records they propose to link (`unsure`: of those, the links below SURE). */
  people: { new: number; linked: number; unsure: number }
  organizations: { new: number; linked: number; unsure: number }
  /** The review queue entries made, in file order. */
  itemIds: number[]
}

/** A proposed link at least this sure needs no second look: same name up to case, diacritics or a listed variant. */
export const SURE = 0.9

// Items are extracted a batch at a time: names confirmed in one item are found in the others, and
// memory stays bounded whatever the file's size.
const EXTRACT_BATCH = 100

/** Loads what imported names are matched against: every person and organization of the archive. */
export async function loadIndexes(db: Db): Promise<Indexes & { known: KnownNames }> {
  const [people, organizations] = await Promise.all([repo.findKnownPeople(db), repo.findKnownOrganizations(db)])
  return {
    people: new NameIndex('person', people),
    organizations: new NameIndex('organization', organizations),
    known: {
      people: people.map((p) => ({ name: p.name, variants: p.variants })),
      organizations: organizations.map((o) => ({ name: o.name, variants: o.variants, acronyms: o.acronyms })),
    },
  }
}

/**
 * Makes a draft post with a proposed record for every new item of the file. Each item is written
 * in a transaction of its own: a failure or a crash leaves earlier items whole and no part of the
 * item at hand. Items imported before are skipped, so importing a file again changes nothing.
 */
export async function importSource(db: Kysely<Database>, file: SourceFile, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    items: file.items.length + file.problems.length, imported: 0, skipped: 0, problems: [...file.problems],
    people: { new: 0, linked: 0, unsure: 0 }, organizations: { new: 0, linked: 0, unsure: 0 }, itemIds: [],
  }
  const indexes = await loadIndexes(db)
  const seen = { people: new Set<string>(), organizations: new Set<string>() }
  const count = (what: 'people' | 'organizations', proposal: ImportProposal) => {
    for (const entity of proposal[what]) {
      const key = entity.resolution.match ? `#${entity.resolution.match.id}` : nameKey(entity.name)
      if (seen[what].has(key)) continue
      seen[what].add(key)
      report[what][entity.resolution.match ? 'linked' : 'new']++
      if (entity.resolution.match && entity.resolution.match.confidence < SURE) report[what].unsure++
    }
  }
  const total = file.items.length
  options.onProgress?.({ done: 0, total })
  for (let start = 0; start < total; start += EXTRACT_BATCH) {
    const batch = file.items.slice(start, start + EXTRACT_BATCH)
    const known = await repo.findKnownSources(db, batch.map((item) => item.key))
    const pending = batch.filter((item) => !known.has(item.key))
    report.skipped += batch.length - pending.length
    let done = start + batch.length - pending.length
    const records = recordsOf(pending, indexes.known, options)
    if (pending.length < batch.length) options.onProgress?.({ done, total })
    for (const [index, item] of pending.entries()) {
      try {
        const proposal = proposeRecord(records[index]!, indexes, item)
        const id = await inTransaction(db, (trx) => writeItem(trx, item, proposal, file.format, options))
        if (id === null) { report.skipped++; continue }
        report.imported++
        report.itemIds.push(id)
        count('people', proposal)
        count('organizations', proposal)
      } catch (error) {
        report.problems.push({ position: item.position, reason: error instanceof Error ? error.message : String(error) })
      } finally {
        options.onProgress?.({ done: ++done, total })
      }
    }
  }
  return report
}

function recordsOf(items: SourceItem[], known: KnownNames, options: ImportOptions): ActivityRecord[] {
  const toExtract = items.filter((item) => !item.record)
  const extracted = extractItems(toExtract.map((item) => item.text),
    { known, reference: options.reference, home: options.home ?? null },
    toExtract.map((item) => (item.publishedAt ? new Date(item.publishedAt) : null)))
  let next = 0
  return items.map((item) => item.record ?? extracted[next++]!)
}

/** The draft post and its review queue entry; null when the item turned up meanwhile (another import). */
async function writeItem(trx: Db, item: SourceItem, proposal: ImportProposal, format: string, options: ImportOptions) {
  if (await repo.isSourceKnown(trx, item.key)) return null
  const record = { ...proposal.activity, text: item.text }
  // The post is in the language the news is written in: a Russian item is a Russian post.
  const lang = detectLanguage(item.title ? `${item.title}\n${item.text}` : item.text)
  const title = item.title ?? titleFromRecord({ ...record, people: [], organizations: [], links: [] } as ActivityRecord, lang)
  const found = [...new Set(proposal.links)].filter(isHttpUrl)
  const links = [
    ...found.map((url) => ({ url, label: null })),
    ...item.attachments.filter((a) => isHttpUrl(a.url) && !found.includes(a.url))
      .map((a) => ({ url: a.url, label: a.title ?? 'Attachment' })),
  ]
  const post = await createPost(trx, {
    lang, title, summary: summaryFromText(plainText(item.body)), body: item.body, status: 'draft',
    publishedAt: item.publishedAt, activityId: null, links, sourceHash: item.key,
  }, options.actor)
  return repo.insertImportItem(trx, {
    post_id: post.id, source_key: item.key, source_name: options.sourceName, source_format: format,
    position: item.position, source_text: item.text, proposal_json: JSON.stringify(proposal), status: 'pending',
    created_at: nowIso(), reviewed_at: null, reviewed_by: null,
  })
}

function isHttpUrl(value: string) {
  try { return ['http:', 'https:'].includes(new URL(value).protocol) } catch { return false }
}

// ---------------------------------------------------------------- pasting one text

const MAX_PASTE_CHARACTERS = 100_000

/** One pasted news text becomes one draft in the review queue; the same text pasted again opens its draft. */
export async function importPastedText(db: Kysely<Database>, text: string, editor: Editor,
  options: { home?: string | null } = {}, now = new Date()) {
  const trimmed = text.trim()
  if (!trimmed) throw new InvalidInputError('Paste the text of a news item.')
  if (trimmed.length > MAX_PASTE_CHARACTERS) {
    throw new InvalidInputError(`The text is longer than ${MAX_PASTE_CHARACTERS.toLocaleString('en')} characters; import long files with \`chronicle import\`.`)
  }
  const item = readPastedText(trimmed)
  const existing = await repo.findImportItemIdByKey(db, item.key)
  if (existing) return { id: existing.id, created: false }
  const report = await importSource(db, { format: 'text', items: [item], problems: [] },
    { actor: editor.actor, sourceName: 'pasted text', reference: now, home: options.home })
  if (report.problems.length) throw new InvalidInputError(report.problems[0]!.reason)
  const id = report.itemIds[0]
  // Not in the queue, yet known: made by `import-json` from the same text.
  if (!id) throw new InvalidInputError('This text was imported before, as a post of its own; find it among the posts.')
  return { id, created: report.imported > 0 }
}

// ---------------------------------------------------------------- review

export interface ImportItemView {
  id: number
  status: ImportStatus
  sourceName: string
  sourceFormat: string
  position: string
  sourceText: string
  createdAt: string
  reviewedAt: string | null
  reviewedBy: string | null
  post: { id: number; title: string; slug: string; status: string; lang: string } | null
  proposal: ImportProposal
  /** Names and addresses of the records the proposal links to or offers. */
  people: Map<number, { name: string; slug: string }>
  organizations: Map<number, { name: string; slug: string }>
}

export async function getImportItem(db: Db, id: number): Promise<ImportItemView> {
  const row = await repo.findImportItem(db, id)
  if (!row) throw new NotFoundError('import item', id)
  const proposal = JSON.parse(row.proposal_json) as ImportProposal
  const idsOf = (list: ImportProposal['people'] | ImportProposal['organizations']) => [...new Set(list.flatMap((e) => [
    ...e.resolution.candidates.map((c) => c.id), ...(e.decision.action === 'link' ? [e.decision.id] : []),
    ...(e.recordId ? [e.recordId] : []),
  ]))]
  const [people, organizations] = await Promise.all([
    findPeopleByIds(db, idsOf(proposal.people)), findOrganizationsByIds(db, idsOf(proposal.organizations)),
  ])
  return {
    id: row.id, status: row.status, sourceName: row.source_name, sourceFormat: row.source_format, position: row.position,
    sourceText: row.source_text, createdAt: row.created_at, reviewedAt: row.reviewed_at, reviewedBy: row.reviewed_by,
    post: row.post_id && row.post_title !== null
      ? { id: row.post_id, title: row.post_title, slug: row.post_slug!, status: row.post_status!, lang: row.post_lang! } : null,
    proposal,
    people: new Map(people.map((p) => [p.id, { name: p.name, slug: p.slug }])),
    organizations: new Map(organizations.map((o) => [o.id, { name: o.name, slug: o.slug }])),
  }
}

export async function countPendingImports(db: Db) {
  return (await repo.countImportItems(db)).pending
}

export async function listImportQueue(db: Db, status: ImportStatus, page: Page) {
  const [rows, counts] = await Promise.all([repo.listImportItems(db, status, page), repo.countImportItems(db)])
  const paged = toPaged(rows, page)
  return {
    counts,
    ...paged,
    items: paged.items.map(({ proposal_json, ...row }) => {
      const proposal = JSON.parse(proposal_json) as ImportProposal
      return {
        ...row,
        activity: proposal.activity,
        people: proposal.people.length,
        organizations: proposal.organizations.length,
        // What a reviewer should look at first: names not linked for sure.
        unsure: [...proposal.people, ...proposal.organizations].filter((e) => !e.resolution.match || e.resolution.match.confidence < SURE).length,
      }
    }),
  }
}

/**
 * Keeps the reviewer's decisions; with `publish`, also makes the record they describe — the
 * accepted people and organizations, created or linked, and the activity — and publishes the post.
 * All of it or none of it.
 */
export async function reviewImportItem(db: Db, id: number, input: ReviewInput | unknown, editor: Editor,
  options: { publish: boolean }, now = new Date()) {
  const review = validate(ReviewSchema, input)
  return inTransaction(db, async (trx) => {
    const row = await repo.findImportItem(trx, id)
    if (!row) throw new NotFoundError('import item', id)
    if (row.status !== 'pending') throw new InvalidInputError(`This item was ${row.status} already${row.reviewed_by ? ` by ${row.reviewed_by}` : ''}.`)
    let proposal: ImportProposal
    try {
      proposal = applyReview(JSON.parse(row.proposal_json) as ImportProposal, review)
    } catch (error) {
      if (error instanceof RangeError) throw new InvalidInputError(error.message)
      throw error
    }
    if (!options.publish) {
      await repo.updateImportItem(trx, id, { proposal_json: JSON.stringify(proposal) })
      return { published: false as const }
    }
    if (!row.post_id) throw new InvalidInputError('The draft of this item has been deleted; nothing to publish.')
    const post = await postStore.load(trx, row.post_id)
    if (!post) throw new InvalidInputError('The draft of this item has been deleted; nothing to publish.')
    assertMayEdit(editor, post, 'published')
    // Someone gave the draft its activity in the post editor meanwhile: that one stands, not a second.
    if (post.activityId !== null) {
      throw new ConflictError('The draft was given an activity in the post editor meanwhile; publish it there, or discard this item.')
    }
    // News that reports no activity (an announcement, an obituary) is published as news alone.
    const activityId = describesActivity(proposal) ? (await makeRecord(trx, proposal, editor.actor, post.title, now)).activityId : null
    const publishedAt = post.publishedAt ?? (proposal.activity.date ? `${proposal.activity.date}T00:00:00.000Z` : nowIso(now))
    await saveSnapshot(trx, postStore, { ...post, status: 'published', publishedAt, activityId }, { actor: editor.actor, now })
    await repo.updateImportItem(trx, id, {
      proposal_json: JSON.stringify(proposal), status: 'published', reviewed_at: nowIso(now), reviewed_by: editor.actor,
    })
    return { published: true as const, slug: post.slug }
  })
}

function describesActivity(proposal: ImportProposal) {
  const a = proposal.activity
  return [a.kind, a.name, a.date, a.city, a.country, a.format].some((v) => v !== null) ||
    [...proposal.people, ...proposal.organizations].some((e) => e.decision.action !== 'reject')
}

/** Leaves an item out: its draft goes to the trash, and importing the file again does not bring it back. */
export async function discardImportItem(db: Db, id: number, editor: Editor, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const row = await repo.findImportItem(trx, id)
    if (!row) throw new NotFoundError('import item', id)
    if (row.status !== 'pending') throw new InvalidInputError(`This item was ${row.status} already.`)
    if (row.post_id) await deletePost(trx, row.post_id, editor)
    await repo.updateImportItem(trx, id, { status: 'discarded', reviewed_at: nowIso(now), reviewed_by: editor.actor })
  })
}

/**
 * The accepted people and organizations — linked to the chosen records, which learn the name as
 * written, or created — and the activity with their roles. Each accepted name of the proposal
 * notes the record it became (`recordId`).
 */
export async function makeRecord(db: Db, proposal: ImportProposal, actor: string, fallbackName: string, now = new Date()) {
  const made: MadeRecord = { activityId: 0, created: { people: 0, organizations: 0 }, linked: { people: 0, organizations: 0 } }
  const organizationIds = new Map<string, number>()
  const organizationRoles: [number, ImportProposal['organizations'][number]['roles']][] = []
  for (const org of proposal.organizations) {
    if (org.decision.action === 'reject') continue
    const names = [org.name, ...org.aliases]
    let id: number
    if (org.decision.action === 'link') {
      id = org.decision.id
      if (!(await organizationStore.load(db, id))) throw new InvalidInputError(`The organization chosen for “${org.name}” no longer exists.`)
      await updateRecorded(db, organizationStore, id, actor, () => addOrganizationNames(db, id, names))
      made.linked.organizations++
    } else {
      // Another item's review may have created this name meanwhile: then it is that record.
      let found: number | null = null
      for (const name of names) found ??= await resolveOrganizationByName(db, name)
      if (found) {
        const known = found
        await updateRecorded(db, organizationStore, known, actor, () => addOrganizationNames(db, known, names))
        made.linked.organizations++
      }
      id = found ?? (await createOrganization(db, { name: org.name, variants: org.aliases, kind: null, country: org.country, parentId: null, website: null }, actor, now)).id
      if (!found) made.created.organizations++
    }
    for (const name of names) organizationIds.set(nameKey(name), id)
    organizationRoles.push([id, org.roles])
    org.recordId = id
  }

  const personParticipations = []
  for (const person of proposal.people) {
    if (person.decision.action === 'reject') continue
    const affiliationId = person.affiliation ? organizationIds.get(nameKey(person.affiliation)) ?? null : null
    const affiliation = affiliationId
      ? { organizationId: affiliationId, position: person.position, startsOn: null, endsOn: null } : null
    const names = [person.name, ...person.aliases]
    let id: number | null = null
    if (person.decision.action === 'link') {
      id = person.decision.id
      if (!(await personStore.load(db, id))) throw new InvalidInputError(`The person chosen for “${person.name}” no longer exists.`)
    } else {
      for (const name of names) id ??= await resolvePersonByName(db, name)
    }
    if (id !== null) {
      const known = id
      await updateRecorded(db, personStore, known, actor, async () => {
        await addPersonNames(db, known, names)
        if (affiliation) await addAffiliation(db, known, affiliation)
      })
      made.linked.people++
    } else {
      id = (await createPerson(db, {
        name: person.name, variants: person.aliases, honorific: null, degree: null, biography: null,
        affiliations: affiliation ? [affiliation] : [],
      }, actor, now)).id
      made.created.people++
    }
    person.recordId = id
    for (const role of person.roles.length ? person.roles : ['mentioned' as const]) {
      personParticipations.push({ personId: id, organizationId: null, role, affiliationId, jobTitle: person.position, internal: false })
    }
  }

  // An organization named only as someone's affiliation is shown with that person, not again as a mention.
  const affiliations = new Set(personParticipations.map((p) => p.affiliationId))
  const participations = organizationRoles.flatMap(([id, roles]) =>
    (roles.length ? roles : affiliations.has(id) ? [] : ['mentioned' as const]).map((role) =>
      ({ personId: null, organizationId: id, role, affiliationId: null, jobTitle: null, internal: false })))

  // Two names the reviewer linked to one record take part once in each role.
  const seen = new Set<string>()
  const unique = [...personParticipations, ...participations].filter((p) => {
    const key = `${p.personId}/${p.organizationId}/${p.role}`
    return !seen.has(key) && !!seen.add(key)
  })
  const a = proposal.activity
  const activity = await createActivity(db, {
    kind: a.kind, name: a.name, startsOn: a.date, endsOn: a.endDate, city: a.city, country: a.country, format: a.format,
    internal: false, participations: unique,
  }, actor, fallbackName, now)
  made.activityId = activity.id
  return made
}

export interface MadeRecord {
  activityId: number
  created: { people: number; organizations: number }
  linked: { people: number; organizations: number }
}

/** Linking adds names or affiliations to a known record: a change like any other, with its revision. */
export async function updateRecorded<S extends Snapshot>(db: Db, store: EntityStore<S>, id: number, actor: string,
  change: () => Promise<unknown>) {
  const before = await store.load(db, id)
  await change()
  const after = await store.load(db, id)
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    await recordRevision(db, { entityType: store.type, entityId: id, actor, before, after })
  }
}
