import { createHash } from 'node:crypto'
import { type Context, Hono } from 'hono'
import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { z } from 'zod'
import type { Editor } from '../accounts/editor.ts'
import { audit } from '../accounts/audit.service.ts'
import { CsrfField, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import type { Db, ImportStatus } from '../db/database.ts'
import { ConflictError, ForbiddenError, InvalidInputError } from '../lib/errors.ts'
import { pageOf } from '../lib/pagination.ts'
import { FORMAT_LABELS, FORMATS, KIND_LABELS, KINDS, ROLE_LABELS, ROLES } from '../lib/vocabulary.ts'
import { resolvePick } from '../merge/pick.service.ts'
import { formatAlmaty } from '../news/views/almaty-time.ts'
import { clientAddress, requireRole } from '../web/auth.ts'
import { Pager } from '../web/components.tsx'
import { SITE_NAME } from '../web/layout.tsx'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery, withQuery } from '../web/query.ts'
import {
  discardImportItem, getImportItem, type ImportItemView, importPastedText, listImportQueue, reviewImportItem, SURE,
} from './import.service.ts'
import type { Candidate, MatchReason } from './import.types.ts'
import { HIGHLIGHT_TYPES, type Highlight, type HighlightType, type ImportProposal, type ReviewInput } from './proposal.ts'

countries.registerLocale(en)

/**
 * The import review queue: the items `chronicle import` and the paste box made, each a draft post
 * with a proposed record. An editor checks the text's highlights and each proposed link, then
 * publishes. Every form works without JavaScript; admin.js only adds the name suggestions.
 */
export const importAdmin = new Hono<AppEnv>()
// Publishing needs an editor, and the queue is nothing but publishing.
importAdmin.use('/import', requireRole('editor'))
importAdmin.use('/import/*', requireRole('editor'))

const QUEUE_PAGE_SIZE = 25
const STATUSES = ['pending', 'published', 'discarded'] as const satisfies readonly ImportStatus[]
const STATUS_TABS: Record<ImportStatus, string> = { pending: 'To review', published: 'Published', discarded: 'Discarded' }

// Notices after a redirect come from this list, so a link cannot make the page say anything else.
const NOTICES: Record<string, string> = {
  pasted: 'The text was read. Check what was found, then publish.',
  again: 'This text was pasted or imported before; here is its item.',
  saved: 'Your decisions were saved. The post is still a draft.',
  published: 'Published.',
  discarded: 'The item was discarded and its draft moved to the trash.',
}

const COUNTRY_OPTIONS = Object.entries(countries.getNames('en', { select: 'official' }))
  .sort(([, a], [, b]) => a.localeCompare(b, 'en'))

const HIGHLIGHT_LABELS: Record<HighlightType, { one: string; many: string }> = {
  date: { one: 'date', many: 'Dates' }, person: { one: 'person', many: 'People' },
  organization: { one: 'organization', many: 'Organizations' }, place: { one: 'place', many: 'Places' },
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Russian', kk: 'Kazakh' }

const REASONS: Record<MatchReason, string> = {
  exact: 'same name', variant: 'a known variant', diacritics: 'same but for accents', 'word-order': 'words in another order',
  transliteration: 'another alphabet', patronymic: 'with or without the patronymic',
  translation: 'its name in another language', acronym: 'acronym', initials: 'initials',
}

const ACTIVITY_FIELDS = ['kind', 'name', 'date', 'endDate', 'city', 'country', 'format'] as const
type ActivityField = (typeof ACTIVITY_FIELDS)[number]
const ACTIVITY_LABELS: Record<ActivityField, string> = {
  kind: 'Kind', name: 'Name', date: 'First day', endDate: 'Last day', city: 'City', country: 'Country', format: 'Format',
}

type EntityList = 'people' | 'organizations'
const ENTITY_WORDS: Record<EntityList, { one: string; title: string; type: 'person' | 'organization'; publicPath: string }> = {
  people: { one: 'Person', title: 'People', type: 'person', publicPath: '/people' },
  organizations: { one: 'Organization', title: 'Organizations', type: 'organization', publicPath: '/organizations' },
}

const editorOf = (c: Context<AppEnv>): Editor => {
  const s = c.var.session!
  return { userId: s.user_id, role: s.role, actor: s.email }
}
const idParam = (c: Context<AppEnv>) => Number(c.req.param('id'))
const text = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? body[key] : '')
const percent = (confidence: number) => `${Math.round(confidence * 100)}%`

function NoticeOf(props: { code?: string | null }) {
  const message = props.code ? NOTICES[props.code] : undefined
  return message ? <p class="notice" role="status">{message}</p> : null
}

// ---------------------------------------------------------------- the queue

const QueueQuery = z.object({
  status: z.enum(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` }).default('pending'),
  page: pageParam,
})

type QueueItem = Awaited<ReturnType<typeof listImportQueue>>['items'][number]

importAdmin.get('/import', async (c) => {
  const q = parseQuery(c, QueueQuery)
  const queue = await listImportQueue(c.var.db, q.status, pageOf(q.page, QUEUE_PAGE_SIZE))
  return c.html(
    <AdminLayout title="Import" section="import" session={c.var.session}>
      <h1>Imported news</h1>
      <NoticeOf code={c.req.query('notice')} />
      <p class="lede">News read from files (<code>chronicle import</code>) or pasted here wait as drafts until an editor checks
        the people, organizations and facts found in them and publishes them.</p>
      <div class="actions"><a class="button" href="/admin/import/paste">Paste news</a><a class="button" href="/admin/import/upload">Import a file</a></div>
      <nav class="tabs" aria-label="Imported news by status">
        <ul>{STATUSES.map((status) => (
          <li><a href={status === 'pending' ? '/admin/import' : `/admin/import?status=${status}`}
            aria-current={q.status === status ? 'page' : undefined}>{STATUS_TABS[status]} ({queue.counts[status]})</a></li>
        ))}</ul>
      </nav>
      {queue.items.length === 0
        ? <p>{q.status === 'pending' ? 'Nothing waits for review.' : `No item was ${q.status} yet.`}</p>
        : <QueueTable status={q.status} items={queue.items} />}
      <Pager page={queue.page} hasMore={queue.hasMore} href={(page) => withQuery(c, { page })} label="Pages of imported news" />
    </AdminLayout>,
  )
})

function QueueTable(props: { status: ImportStatus; items: QueueItem[] }) {
  const pending = props.status === 'pending'
  return (
    <TableScroll label={`${STATUS_TABS[props.status]}: imported news`}><table class="data import-queue">
      <caption class="visually-hidden">{STATUS_TABS[props.status]}: imported news, {pending ? 'oldest first' : 'latest first'}</caption>
      <thead><tr>
        <th scope="col">Title</th><th scope="col">Source</th><th scope="col">Activity</th>
        <th scope="col">People, organizations</th>{pending && <th scope="col">To check</th>}
        <th scope="col">Imported (Almaty time)</th>{!pending && <th scope="col">Reviewed</th>}
      </tr></thead>
      <tbody>{props.items.map((item) => (
        <tr>
          <td><a href={`/admin/import/${item.id}`}>{item.post_title ?? `Item ${item.id} (its draft was deleted)`}</a>
            {item.status === 'published' && item.post_slug && <> <a class="muted" href={`/news/${item.post_slug}`}>public page</a></>}</td>
          <td>{item.source_name}{item.position !== item.source_name && <span class="muted">, {item.position}</span>}</td>
          <td>{[item.activity.date, item.activity.kind ? KIND_LABELS[item.activity.kind] : null].filter(Boolean).join(', ') || '—'}</td>
          <td>{item.people} {item.people === 1 ? 'person' : 'people'}, {item.organizations} {item.organizations === 1 ? 'organization' : 'organizations'}</td>
          {pending && <td>{item.unsure ? <span class="tag check">{item.unsure}</span> : '0'}</td>}
          <td>{formatAlmaty(item.created_at)}</td>
          {!pending && <td>{formatAlmaty(item.reviewed_at)}{item.reviewed_by && <span class="muted"> by {item.reviewed_by}</span>}</td>}
        </tr>
      ))}</tbody>
    </table></TableScroll>
  )
}

// ---------------------------------------------------------------- pasting one text

function renderPaste(c: Context<AppEnv>, typed = '', problem?: string) {
  const s = c.var.session!
  c.status(problem ? 400 : 200)
  return c.html(
    <AdminLayout title="Paste news" section="import" session={s}>
      <p class="meta"><a href="/admin/import">Imported news</a></p>
      <h1>Paste news</h1>
      {problem && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>The text was not read</h2>
          <ul><li><a href="#paste-text">{problem}</a></li></ul>
        </div>
      )}
      <form method="post" action="/admin/import/paste" class="paste">
        <CsrfField token={s.csrf_token} />
        <div class={problem ? 'field has-error' : 'field'}>
          <label for="paste-text">Text of one news item</label>
          <p class="hint" id="paste-text-hint">Its title on the first line (a Markdown heading works too), then the text, in English,
            Russian or Kazakh: the post is made in the text’s language.
            The dates, people, organizations and places found in it are shown for review before anything is published.</p>
          {problem && <p class="error" id="paste-text-error">{problem}</p>}
          <textarea id="paste-text" name="text" rows={14} required
            aria-describedby={problem ? 'paste-text-hint paste-text-error' : 'paste-text-hint'}
            aria-invalid={problem ? 'true' : undefined}>{/* A browser drops a newline right after <textarea>: this one, not the text's own. */}{`\n${typed}`}</textarea>
        </div>
        <div class="actions"><button type="submit">Read the text</button><a href="/admin/import">Back to the queue</a></div>
      </form>
    </AdminLayout>,
  )
}

importAdmin.get('/import/paste', (c) => renderPaste(c))

importAdmin.post('/import/paste', async (c) => {
  const typed = text(await c.req.parseBody(), 'text')
  try {
    // One text gives no majority to tell "the Institute" by: it is the site's own, unless the text names another.
    const { id, created } = await importPastedText(c.var.db, typed, editorOf(c), { home: SITE_NAME })
    return c.redirect(`/admin/import/${id}?notice=${created ? 'pasted' : 'again'}`, 303)
  } catch (error) {
    if (error instanceof InvalidInputError) return renderPaste(c, typed, error.message)
    throw error
  }
})

// ---------------------------------------------------------------- the review form, as typed

/** One proposed name's row as sent: every value a string, so a form with mistakes comes back as it was. */
interface EntityForm {
  /** "link:ID" (the proposal or another candidate), "new", "other" (the record typed in `otherText`) or "reject". */
  choice: string
  otherText: string
  otherId: string
  roles: string[]
}

interface ReviewForm {
  activity: Record<ActivityField, string>
  people: EntityForm[]
  organizations: EntityForm[]
  /** The saved proposal the form was opened on; another editor's save in between changes it. */
  fingerprint: string
}

const fingerprintOf = (proposal: ImportProposal) =>
  createHash('sha256').update(JSON.stringify(proposal)).digest('hex').slice(0, 16)

type ProposedEntity = ImportProposal['people'][number] | ImportProposal['organizations'][number]

/** The records a name may be linked to with one click: the proposed match and the other candidates. */
function linkOptions(entity: ProposedEntity): Candidate[] {
  const { match, candidates } = entity.resolution
  return match && !candidates.some((c) => c.id === match.id) ? [match, ...candidates] : candidates
}

function formOfProposal(view: ImportItemView): ReviewForm {
  const a = view.proposal.activity
  const entityForm = (entity: ProposedEntity, names: ImportItemView['people']): EntityForm => {
    const d = entity.decision
    const roles = [...entity.roles]
    if (d.action !== 'link') return { choice: d.action, otherText: '', otherId: '', roles }
    if (linkOptions(entity).some((c) => c.id === d.id)) return { choice: `link:${d.id}`, otherText: '', otherId: '', roles }
    return { choice: 'other', otherText: names.get(d.id)?.name ?? String(d.id), otherId: String(d.id), roles }
  }
  return {
    activity: {
      kind: a.kind ?? '', name: a.name ?? '', date: a.date ?? '', endDate: a.endDate ?? '', city: a.city ?? '',
      country: a.country ?? '', format: a.format ?? '',
    },
    people: view.proposal.people.map((p) => entityForm(p, view.people)),
    organizations: view.proposal.organizations.map((o) => entityForm(o, view.organizations)),
    fingerprint: fingerprintOf(view.proposal),
  }
}

function formOfBody(body: Record<string, unknown>, proposal: ImportProposal): ReviewForm {
  const rows = (list: EntityList) => proposal[list].map((_, i): EntityForm => ({
    choice: text(body, `${list}.${i}.choice`),
    otherText: text(body, `${list}.${i}.other`).slice(0, 300),
    otherId: text(body, `${list}.${i}.otherId`),
    roles: ROLES.filter((role) => text(body, `${list}.${i}.role.${role}`) !== ''),
  }))
  return {
    activity: Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, text(body, `activity.${f}`)])) as Record<ActivityField, string>,
    people: rows('people'),
    organizations: rows('organizations'),
    fingerprint: text(body, 'fingerprint'),
  }
}

type DecisionInput = NonNullable<ReviewInput['people']>[number]

/**
 * The form as the service's review input. "Link to another record" is resolved here, as every admin
 * picker is: the id the suggestions filled in, else the typed name or address. Problems name their field.
 */
async function inputOfForm(db: Db, form: ReviewForm, proposal: ImportProposal) {
  const problems: string[] = []
  const decisions = async (list: EntityList) => {
    const out: DecisionInput[] = []
    for (const [i, row] of form[list].entries()) {
      const entity = proposal[list][i]!
      const roles = row.roles as DecisionInput['roles']
      const linked = /^link:(\d{1,12})$/.exec(row.choice)
      if (linked && linkOptions(entity).some((c) => c.id === Number(linked[1]))) {
        out.push({ action: 'link', id: Number(linked[1]), roles })
      } else if (row.choice === 'new' || row.choice === 'reject') {
        out.push({ action: row.choice, roles })
      } else if (row.choice === 'other') {
        const pick = await resolvePick(db, ENTITY_WORDS[list].type, { id: row.otherId, text: row.otherText })
        if (pick.found) {
          row.otherId = String(pick.found.id)
          out.push({ action: 'link', id: pick.found.id, roles })
        } else {
          row.otherId = ''
          const choices = pick.candidates.length
            ? `: ${pick.candidates.map((r) => `${r.name} (address ${r.slug})`).join(', ')}; type the address of the one you mean` : ''
          problems.push(`${list}.${i}.other: ${pick.problem}${choices}`)
          out.push({ action: 'reject', roles })
        }
      } else {
        problems.push(`${list}.${i}.choice: choose what becomes of “${entity.name}”`)
        out.push({ action: 'reject', roles })
      }
    }
    return out
  }
  const a = form.activity
  const input: ReviewInput = {
    activity: {
      kind: (a.kind || null) as ReviewInput['activity']['kind'], name: a.name, date: a.date, endDate: a.endDate, city: a.city,
      country: a.country, format: (a.format || null) as ReviewInput['activity']['format'],
    },
    people: await decisions('people'),
    organizations: await decisions('organizations'),
  }
  return { input, problems }
}

// ---------------------------------------------------------------- problems next to their fields

interface Problem { path: string | null; message: string }

/** Where a "path: message" problem from this page or the review service belongs in the form. */
function locateProblem(problem: string): Problem {
  const match = /^((?:activity|people|organizations)\.[\w.]+): ([\s\S]*)$/.exec(problem)
  if (!match) return { path: null, message: problem }
  const entity = /^(people|organizations)\.(\d+)\.(\w+)/.exec(match[1]!)
  if (!entity) return { path: match[1]!, message: match[2]! }
  const field = entity[3] === 'id' ? 'other' : entity[3] === 'roles' || entity[3] === 'role' ? 'roles' : entity[3] === 'other' ? 'other' : 'choice'
  return { path: `${entity[1]}.${entity[2]}.${field}`, message: match[2]! }
}

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`

function fieldLabel(path: string, proposal: ImportProposal) {
  const activity = /^activity\.(\w+)$/.exec(path)
  if (activity) return `Activity, ${ACTIVITY_LABELS[activity[1] as ActivityField]?.toLowerCase() ?? activity[1]}`
  const entity = /^(people|organizations)\.(\d+)\.(\w+)$/.exec(path)
  if (!entity) return path
  const list = entity[1] as EntityList
  const name = proposal[list][Number(entity[2])]?.name ?? ''
  const what = { other: 'the record to link to', roles: 'roles', choice: 'decision' }[entity[3]!] ?? entity[3]
  return `${ENTITY_WORDS[list].one} ${Number(entity[2]) + 1} (“${name}”), ${what}`
}

function ProblemList(props: { problems: Problem[]; proposal: ImportProposal; heading: string }) {
  if (!props.problems.length) return null
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="problems">
      <h2>{props.heading}</h2>
      <ul>{props.problems.map(({ path, message }) => (
        <li>{path ? <a href={`#${fieldId(path)}`}>{fieldLabel(path, props.proposal)}: {message}</a> : message}</li>
      ))}</ul>
    </div>
  )
}

// ---------------------------------------------------------------- the review page

/** The source text as segments: plain runs and the highlighted names, in order. Offsets that do not fit are left out. */
export function highlightSegments(source: string, highlights: Highlight[]) {
  const segments: { text: string; type: HighlightType | null }[] = []
  let at = 0
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (!Number.isInteger(h.start) || !Number.isInteger(h.end) || h.start < at || h.end <= h.start || h.end > source.length) continue
    if (!HIGHLIGHT_TYPES.includes(h.type)) continue
    if (h.start > at) segments.push({ text: source.slice(at, h.start), type: null })
    segments.push({ text: source.slice(h.start, h.end), type: h.type })
    at = h.end
  }
  if (at < source.length) segments.push({ text: source.slice(at), type: null })
  return segments
}

function SourceText(props: { view: ImportItemView }) {
  const { sourceText, proposal } = props.view
  const found = new Set(proposal.highlights.map((h) => h.type))
  return (
    <section class="import-source" aria-labelledby="source-heading">
      <h2 id="source-heading">Source text</h2>
      <div class="hl-legend">
        <p id="legend-heading">Highlighted in the text:</p>
        <ul aria-labelledby="legend-heading">{HIGHLIGHT_TYPES.map((type) => (
          <li><span class={`hl hl-${type}`}>{HIGHLIGHT_LABELS[type].many}</span>{!found.has(type) && <span class="muted"> (none found)</span>}</li>
        ))}</ul>
      </div>
      {/* Keyboard users scroll the long text in its box; the line breaks are the text's own. */}
      <div class="source-text" role="region" aria-label="Source text with highlights" tabindex={0}>
        {highlightSegments(sourceText, proposal.highlights).map((segment) => (segment.type
          ? <mark class={`hl hl-${segment.type}`} title={HIGHLIGHT_LABELS[segment.type].one}>{segment.text}<span class="visually-hidden"> ({HIGHLIGHT_LABELS[segment.type].one})</span></mark>
          : segment.text))}
      </div>
      {(proposal.categories.length > 0 || proposal.tags.length > 0) && (
        <dl class="source-terms">
          {proposal.categories.length > 0 && <><dt>Categories in the source</dt><dd>{proposal.categories.join(', ')}</dd></>}
          {proposal.tags.length > 0 && <><dt>Tags in the source</dt><dd>{proposal.tags.join(', ')}</dd></>}
        </dl>
      )}
    </section>
  )
}

function Options(props: { values: readonly string[]; labels: Record<string, string>; selected: string; empty: string }) {
  // A value the list does not know (an old proposal, a hand-made form) is kept rather than silently replaced.
  const values = props.selected && !props.values.includes(props.selected) ? [...props.values, props.selected] : props.values
  return (
    <>
      <option value="" selected={props.selected === ''}>{props.empty}</option>
      {values.map((v) => <option value={v} selected={v === props.selected}>{props.labels[v] ?? v}</option>)}
    </>
  )
}

function ActivityControl(props: { field: ActivityField; form: ReviewForm; problems: Map<string, string>; hint?: string }) {
  const path = `activity.${props.field}`
  const id = fieldId(path)
  const value = props.form.activity[props.field]
  const error = props.problems.get(path)
  const attributes = {
    id, name: path,
    'aria-describedby': [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined,
    'aria-invalid': error ? ('true' as const) : undefined,
  }
  let control
  if (props.field === 'kind') control = <select {...attributes}><Options values={KINDS} labels={KIND_LABELS} selected={value} empty="—" /></select>
  else if (props.field === 'format') control = <select {...attributes}><Options values={FORMATS} labels={FORMAT_LABELS} selected={value} empty="—" /></select>
  else if (props.field === 'country') {
    control = (
      <select {...attributes}>
        <Options values={COUNTRY_OPTIONS.map(([code]) => code)} selected={value.toUpperCase()} empty="—"
          labels={Object.fromEntries(COUNTRY_OPTIONS.map(([code, name]) => [code, `${name} (${code})`]))} />
      </select>
    )
  } else if (props.field === 'date' || props.field === 'endDate') control = <input {...attributes} type="date" value={value} />
  else control = <input {...attributes} type="text" value={value} />
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{ACTIVITY_LABELS[props.field]}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{error}</p>}
      {control}
    </div>
  )
}

function CandidateText(props: { candidate: Candidate; list: EntityList; names: ImportItemView['people'] }) {
  const c = props.candidate
  const record = props.names.get(c.id) ?? { name: c.name, slug: c.slug }
  return (
    <><a href={`${ENTITY_WORDS[props.list].publicPath}/${record.slug}`}>{record.name}</a>{' '}
      <span class="muted">({percent(c.confidence)} — {REASONS[c.reason] ?? c.reason})</span></>
  )
}

function ProposalCell(props: { entity: ProposedEntity; list: EntityList; names: ImportItemView['people'] }) {
  const { match } = props.entity.resolution
  const others = linkOptions(props.entity).filter((c) => c.id !== match?.id)
  const unsure = !match || match.confidence < SURE
  return (
    <td>
      {match
        ? <p>Links to <CandidateText candidate={match} list={props.list} names={props.names} /></p>
        : <p>New record{others.length === 0 && <span class="muted"> — nothing like it in the archive</span>}</p>}
      {unsure && <p><span class="tag check">to check</span></p>}
      {others.length > 0 && (
        <div class="candidates">
          <p>{match ? 'Other candidates:' : 'Similar records:'}</p>
          <ul>{others.map((c) => <li><CandidateText candidate={c} list={props.list} names={props.names} /></li>)}</ul>
        </div>
      )}
    </td>
  )
}

function NameCell(props: { entity: ProposedEntity }) {
  const e = props.entity
  const person = 'position' in e ? e : null
  const about = person ? [person.position, person.affiliation].filter(Boolean).join(', ') : ''
  return (
    <th scope="row">
      <span class="written">{e.name}</span>
      {about && <> <span class="muted about">{about}</span></>}
      {e.aliases.length > 0 && <> <span class="muted about">also written: {e.aliases.join(', ')}</span></>}
    </th>
  )
}

function DecisionCell(props: {
  entity: ProposedEntity; list: EntityList; index: number; row: EntityForm; names: ImportItemView['people']; problems: Map<string, string>
}) {
  const { entity, list, index, row } = props
  const base = `${list}.${index}`
  const groupId = fieldId(`${base}.choice`)
  const otherPath = `${base}.other`
  const otherError = props.problems.get(otherPath)
  const choiceError = props.problems.get(`${base}.choice`)
  const match = entity.resolution.match
  const radio = (value: string, label: unknown) => {
    const id = `${groupId}-${value.replace(':', '-')}`
    return (
      <div class="choice">
        <input type="radio" id={id} name={`${base}.choice`} value={value} checked={row.choice === value} />
        <label for={id}>{label}</label>
      </div>
    )
  }
  return (
    <td>
      <fieldset class={choiceError ? 'decision has-error' : 'decision'} id={groupId}
        aria-describedby={choiceError ? `${groupId}-error` : undefined}>
        <legend>Decision<span class="visually-hidden"> for “{entity.name}”</span></legend>
        {choiceError && <p class="error" id={`${groupId}-error`}>{choiceError}</p>}
        {linkOptions(entity).map((c) => radio(`link:${c.id}`, (
          <>{c.id === match?.id ? 'Accept: link to ' : 'Link to '}{props.names.get(c.id)?.name ?? c.name}{' '}
            <span class="muted">({percent(c.confidence)})</span></>
        )))}
        {radio('new', match ? 'Create a new record instead' : 'Accept: create a new record')}
        {radio('other', 'Link to another record')}
        <div class={otherError ? 'field other-record has-error' : 'field other-record'}>
          <label for={fieldId(otherPath)}>Other record for “{entity.name}”</label>
          {otherError && <p class="error" id={`${fieldId(otherPath)}-error`}>{otherError}</p>}
          <input type="text" id={fieldId(otherPath)} name={otherPath} value={row.otherText} autocomplete="off"
            data-lookup={ENTITY_WORDS[list].type} data-id-field={`${base}.otherId`} data-chooses={`${groupId}-other`}
            aria-describedby={['other-record-hint', otherError ? `${fieldId(otherPath)}-error` : null].filter(Boolean).join(' ')}
            aria-invalid={otherError ? 'true' : undefined} />
          <input type="hidden" name={`${base}.otherId`} value={row.otherId} />
        </div>
        {radio('reject', 'Reject: leave it out')}
      </fieldset>
    </td>
  )
}

function RolesCell(props: { list: EntityList; index: number; name: string; roles: string[] }) {
  const base = `${props.list}.${props.index}`
  const id = fieldId(`${base}.roles`)
  return (
    <td>
      <fieldset class="roles" id={id}>
        <legend>Roles<span class="visually-hidden"> of “{props.name}”</span></legend>
        {ROLES.map((role) => (
          <div class="field check">
            <input type="checkbox" id={`${id}-${role}`} name={`${base}.role.${role}`} value="1" checked={props.roles.includes(role)} />
            <label for={`${id}-${role}`}>{ROLE_LABELS[role]}</label>
          </div>
        ))}
      </fieldset>
    </td>
  )
}

function EntityTable(props: { list: EntityList; view: ImportItemView; form: ReviewForm | null; problems: Map<string, string> }) {
  const { list, view, form } = props
  const entities: ProposedEntity[] = view.proposal[list]
  const names = view[list]
  const title = ENTITY_WORDS[list].title
  return (
    <section aria-labelledby={`${list}-heading`}>
      <h2 id={`${list}-heading`}>{title} ({entities.length})</h2>
      {entities.length === 0 ? <p>No {title.toLowerCase()} were found in the text.</p> : (
        <TableScroll label={`Proposed ${title.toLowerCase()}`}><table class="data import-entities">
          <caption class="visually-hidden">{title} named in the text, with the proposed record and {form ? 'your decision' : 'the decision'}</caption>
          <thead><tr>
            <th scope="col">As written</th><th scope="col">Proposal</th><th scope="col">Decision</th><th scope="col">Roles</th>
          </tr></thead>
          <tbody>{entities.map((entity, index) => (
            <tr>
              <NameCell entity={entity} />
              <ProposalCell entity={entity} list={list} names={names} />
              {form
                ? <DecisionCell entity={entity} list={list} index={index} row={form[list][index]!} names={names} problems={props.problems} />
                : <td>{decisionText(entity, list, names)}</td>}
              {form
                ? <RolesCell list={list} index={index} name={entity.name} roles={form[list][index]!.roles} />
                : <td>{entity.roles.length ? entity.roles.map((r) => ROLE_LABELS[r]).join(', ') : <span class="muted">mentioned</span>}</td>}
            </tr>
          ))}</tbody>
        </table></TableScroll>
      )}
    </section>
  )
}

function decisionText(entity: ProposedEntity, list: EntityList, names: ImportItemView['people']) {
  const d = entity.decision
  if (d.action === 'reject') return 'Rejected: left out'
  if (d.action === 'new') {
    const made = entity.recordId ? names.get(entity.recordId) : undefined
    return made ? <>A new record: <a href={`${ENTITY_WORDS[list].publicPath}/${made.slug}`}>{made.name}</a></> : 'A new record'
  }
  const record = names.get(d.id)
  return record
    ? <>Linked to <a href={`${ENTITY_WORDS[list].publicPath}/${record.slug}`}>{record.name}</a></>
    : `Linked to record ${d.id} (since deleted)`
}

function ActivityFacts(props: { activity: ImportProposal['activity'] }) {
  const a = props.activity
  const rows: [string, string | null][] = [
    ['Kind', a.kind ? KIND_LABELS[a.kind] : null], ['Name', a.name], ['First day', a.date], ['Last day', a.endDate],
    ['City', a.city], ['Country', a.country], ['Format', a.format ? FORMAT_LABELS[a.format] : null],
  ]
  return <dl class="import-facts">{rows.map(([term, value]) => <><dt>{term}</dt><dd>{value ?? '—'}</dd></>)}</dl>
}

interface ReviewPage {
  view: ImportItemView
  /** The form as typed; by default the saved proposal. */
  form?: ReviewForm
  problems?: string[]
  status?: 200 | 400 | 403 | 409
  /** Heading of the problem list: what happened to the user's input. */
  problemHeading?: string
}

async function renderReview(c: Context<AppEnv>, page: ReviewPage) {
  const s = c.var.session!
  const { view } = page
  const pending = view.status === 'pending'
  const form = pending ? page.form ?? formOfProposal(view) : null
  const problems = (page.problems ?? []).map(locateProblem)
  const byField = new Map<string, string>()
  for (const p of problems) if (p.path && !byField.has(p.path)) byField.set(p.path, p.message)
  const title = view.post?.title ?? `Imported item ${view.id}`
  const next = pending ? null : (await listImportQueue(c.var.db, 'pending', pageOf(1, 1))).items[0]
  c.status(page.status ?? 200)
  return c.html(
    <AdminLayout title={`Review “${title}”`} section="import" session={s}>
      <p class="meta"><a href="/admin/import">Imported news</a> › {STATUS_TABS[view.status]}</p>
      <h1>{title}</h1>
      <NoticeOf code={c.req.query('notice')} />
      <ProblemList problems={problems} proposal={view.proposal} heading={page.problemHeading ?? 'Nothing was saved: please correct this'} />
      <p class="meta">From {view.sourceName}{view.position !== view.sourceName && `, ${view.position}`};
        imported {formatAlmaty(view.createdAt)} (Almaty time).{' '}
        {view.post && <>Written in {LANGUAGE_NAMES[view.post.lang] ?? view.post.lang}, so the post is too.{' '}</>}
        {view.post && view.post.status !== 'published' && <a href={`/admin/posts/${view.post.id}`}>Open the draft in the post editor</a>}
        {!view.post && pending && <strong>Its draft post was deleted, so it cannot be published; discard the item.</strong>}</p>
      {!pending && (
        <div class="notice import-done">
          <p>{view.status === 'published' ? 'Published' : 'Discarded'}{view.reviewedBy && ` by ${view.reviewedBy}`}
            {view.reviewedAt && ` on ${formatAlmaty(view.reviewedAt)} (Almaty time)`}.
            {view.status === 'published' && view.post && <> The post: <a href={`/news/${view.post.slug}`}>/news/{view.post.slug}</a>.</>}</p>
          <p>{next ? <a href={`/admin/import/${next.id}`}>Next item to review: {next.post_title ?? `item ${next.id}`}</a>
            : <a href="/admin/import">Back to the queue</a>}</p>
        </div>
      )}
      <div class="import-review">
        <SourceText view={view} />
        <div class="import-proposal">
          {form ? (
            <form method="post" action={`/admin/import/${view.id}`} class="import-review-form">
              <CsrfField token={s.csrf_token} />
              <input type="hidden" name="fingerprint" value={form.fingerprint} />
              <fieldset class="import-activity">
                <legend>Activity</legend>
                <div class="field-row">
                  <ActivityControl field="kind" form={form} problems={byField} />
                  <ActivityControl field="format" form={form} problems={byField} />
                </div>
                <ActivityControl field="name" form={form} problems={byField} hint="Leave empty when the kind and date say enough." />
                <div class="field-row">
                  <ActivityControl field="date" form={form} problems={byField} />
                  <ActivityControl field="endDate" form={form} problems={byField} />
                </div>
                <div class="field-row">
                  <ActivityControl field="city" form={form} problems={byField} />
                  <ActivityControl field="country" form={form} problems={byField} />
                </div>
              </fieldset>
              <p class="hint" id="other-record-hint">To link a name to a record that is not offered, choose “Link to another record”
                and type the record’s name, then pick it from the suggestions; or type its address, the last part of its page’s URL.
                A person with no role ticked is listed as mentioned, and so is an organization unless it is only someone’s affiliation.</p>
              <EntityTable list="people" view={view} form={form} problems={byField} />
              <EntityTable list="organizations" view={view} form={form} problems={byField} />
              <div class="actions">
                <button type="submit" name="_action" value="save" class="secondary">Save decisions</button>
                {view.post && <button type="submit" name="_action" value="publish">Publish</button>}
                <span class="hint">Publishing creates or links the accepted records, makes the activity and publishes the post.</span>
              </div>
            </form>
          ) : (
            <>
              <h2>Activity</h2>
              <ActivityFacts activity={view.proposal.activity} />
              <EntityTable list="people" view={view} form={null} problems={byField} />
              <EntityTable list="organizations" view={view} form={null} problems={byField} />
            </>
          )}
          {pending && (
            <form method="post" action={`/admin/import/${view.id}/discard`} class="import-discard">
              <CsrfField token={s.csrf_token} />
              <h2>Leave this item out</h2>
              <div class="field check">
                <input type="checkbox" id="discard-confirm" name="confirm" value="1" required />
                <label for="discard-confirm">Yes, discard it: its draft goes to the trash, and importing the file again does not bring it back.</label>
              </div>
              <button type="submit" class="danger">Discard item</button>
            </form>
          )}
        </div>
      </div>
    </AdminLayout>,
  )
}

importAdmin.get('/import/:id{[0-9]{1,9}}', async (c) => renderReview(c, { view: await getImportItem(c.var.db, idParam(c)) }))

const alreadyDone = (view: ImportItemView) =>
  `This item was ${view.status} already${view.reviewedBy ? ` by ${view.reviewedBy}` : ''}${view.reviewedAt ? ` on ${formatAlmaty(view.reviewedAt)}` : ''}; nothing was changed.`

importAdmin.post('/import/:id{[0-9]{1,9}}', async (c) => {
  const db = c.var.db
  const id = idParam(c)
  const body = await c.req.parseBody()
  const view = await getImportItem(db, id)
  if (view.status !== 'pending') return renderReview(c, { view, status: 409, problems: [alreadyDone(view)], problemHeading: 'Nothing was changed' })
  const form = formOfBody(body, view.proposal)
  const publish = text(body, '_action') === 'publish'
  if (form.fingerprint !== fingerprintOf(view.proposal)) {
    // Offer the user's choices again, on the version saved now, so that sending them replaces the other save knowingly.
    form.fingerprint = fingerprintOf(view.proposal)
    return renderReview(c, {
      view, form, status: 409, problemHeading: 'Nothing was saved: someone else saved this item meanwhile',
      problems: ['Someone else saved decisions for this item after you opened it. Your choices are shown below: send them again to replace theirs, or reload the page to see theirs.'],
    })
  }
  const { input, problems } = await inputOfForm(db, form, view.proposal)
  if (problems.length) return renderReview(c, { view, form, status: 400, problems })
  try {
    const result = await reviewImportItem(db, id, input, editorOf(c), { publish })
    if (!result.published) return c.redirect(`/admin/import/${id}?notice=saved`, 303)
    const s = c.var.session!
    await audit(db, {
      action: 'post-published', userId: s.user_id, email: s.email, targetType: 'post', targetId: view.post?.id ?? null,
      ip: clientAddress(c), detail: { title: view.post?.title ?? null, slug: result.slug, importItem: id },
    })
    return c.redirect(`/admin/import/${id}?notice=published`, 303)
  } catch (error) {
    if (error instanceof InvalidInputError) {
      // Reviewed by someone else between the check above and the service's transaction.
      const now = await getImportItem(db, id)
      if (now.status !== 'pending') return renderReview(c, { view: now, status: 409, problems: [alreadyDone(now)], problemHeading: 'Nothing was changed' })
      return renderReview(c, { view, form, status: 400, problems: error.problems.length ? error.problems : [error.message] })
    }
    if (error instanceof ForbiddenError) return renderReview(c, { view, form, status: 403, problems: [error.message], problemHeading: 'Nothing was saved' })
    if (error instanceof ConflictError) return renderReview(c, { view, form, status: 409, problems: [error.message], problemHeading: 'Nothing was published' })
    throw error
  }
})

importAdmin.post('/import/:id{[0-9]{1,9}}/discard', async (c) => {
  const db = c.var.db
  const id = idParam(c)
  const body = await c.req.parseBody()
  const view = await getImportItem(db, id)
  if (view.status !== 'pending') return renderReview(c, { view, status: 409, problems: [alreadyDone(view)], problemHeading: 'Nothing was changed' })
  if (!text(body, 'confirm')) {
    return renderReview(c, { view, status: 400, problems: ['Tick “Yes, discard it” to discard the item.'], problemHeading: 'Nothing was discarded' })
  }
  try {
    await discardImportItem(db, id, editorOf(c))
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return renderReview(c, { view: await getImportItem(db, id), status: 409, problems: [error.message], problemHeading: 'Nothing was changed' })
    }
    if (error instanceof ForbiddenError) return renderReview(c, { view, status: 403, problems: [error.message], problemHeading: 'Nothing was discarded' })
    throw error
  }
  const s = c.var.session!
  if (view.post) {
    await audit(db, {
      action: 'post-deleted', userId: s.user_id, email: s.email, targetType: 'post', targetId: view.post.id, ip: clientAddress(c),
      detail: { title: view.post.title, slug: view.post.slug, importItem: id },
    })
  }
  return c.redirect('/admin/import?notice=discarded', 303)
})
