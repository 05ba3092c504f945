import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { audit } from '../accounts/audit.service.ts'
import type { Editor } from '../accounts/editor.ts'
import { CsrfField, ErrorSummary, Field, Notice, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import type { Db } from '../db/database.ts'
import { fileUrl, findStoredFilesByIds } from '../files/file.service.ts'
import { SavedMeanwhile } from '../history/history.admin.tsx'
import { diffSnapshots, type FieldChange } from '../history/history.diff.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { pageOf } from '../lib/pagination.ts'
import { MergeForm } from '../merge/merge.admin.tsx'
import { resolvePick } from '../merge/pick.service.ts'
import { findOrganizationById } from '../organizations/organization.repository.ts'
import { currentVersion, findRevisionById, StaleVersionError } from '../revisions/index.ts'
import { Pager } from '../web/components.tsx'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery, withQuery } from '../web/query.ts'
import type { PersonWriteInput } from './person.schema.ts'
import { listPeopleForAdmin } from './person.service.ts'
import { type PersonSnapshot, personStore } from './person.store.ts'
import { createPersonFromInput, deletePerson, updatePersonFromInput } from './person.write.ts'

/** /admin/people: list, create, edit and delete people; merging is in src/merge. Editors and admins. */
export const personAdmin = new Hono<AppEnv>()
const editorOnly = requireRole('editor')
const ID = ':id{[0-9]{1,12}}'

// ---------------------------------------------------------------- the form as typed

interface AffiliationRow { organizationId: string; organization: string; position: string; from: string; to: string; remove: boolean }

/** Everything the form holds, as strings exactly as typed, so a refused form comes back unchanged. */
interface PersonForm {
  version: string
  slug: string
  name: string
  variants: string
  honorific: string
  degree: string
  biography: string
  affiliations: AffiliationRow[]
}

const SPARE_ROWS = 1
const MAX_ROWS = 100
const blankRow = (): AffiliationRow => ({ organizationId: '', organization: '', position: '', from: '', to: '', remove: false })
const isBlank = (r: AffiliationRow) => !r.organization.trim() && !r.position.trim() && !r.from && !r.to
const text = (v: unknown) => (typeof v === 'string' ? v : '')

function emptyForm(): PersonForm {
  return { version: '', slug: '', name: '', variants: '', honorific: '', degree: '', biography: '', affiliations: [] }
}

async function formFromSnapshot(db: Db, s: PersonSnapshot, version: number): Promise<PersonForm> {
  const affiliations: AffiliationRow[] = []
  for (const a of s.affiliations) {
    const organization = await findOrganizationById(db, a.organizationId)
    affiliations.push({ organizationId: String(a.organizationId), organization: organization?.name ?? '', position: a.position ?? '',
      from: a.startsOn ?? '', to: a.endsOn ?? '', remove: false })
  }
  return {
    version: String(version), slug: s.slug, name: s.name, variants: s.variants.join('\n'), honorific: s.honorific ?? '',
    degree: s.degree ?? '', biography: s.biography ?? '', affiliations,
  }
}

function formFromBody(body: Record<string, unknown>): PersonForm {
  const rows: AffiliationRow[] = []
  for (const [key, value] of Object.entries(body)) {
    const match = /^affiliations\[(\d{1,3})\]\[(organizationId|organization|position|from|to|remove)\]$/.exec(key)
    if (!match) continue
    const index = Number(match[1])
    if (index >= MAX_ROWS) continue
    const row = rows[index] ??= blankRow()
    if (match[2] === 'remove') row.remove = true
    else row[match[2] as Exclude<keyof AffiliationRow, 'remove'>] = text(value).slice(0, 2000)
  }
  return {
    version: text(body.version), slug: text(body.slug).trim(), name: text(body.name), variants: text(body.variants),
    honorific: text(body.honorific), degree: text(body.degree), biography: text(body.biography),
    affiliations: Array.from(rows, (r) => r ?? blankRow()),
  }
}

const orNull = (v: string) => (v.trim() ? v : null)
const lines = (v: string) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

/**
 * The input for the write service, with each organization picked resolved to its slug. `rows`
 * maps the input's affiliation numbers back to the form's rows (blank and removed rows are left out).
 */
async function inputFromForm(db: Db, form: PersonForm) {
  const problems: string[] = []
  const rows: number[] = []
  const affiliations: NonNullable<PersonWriteInput['affiliations']> = []
  for (const [i, row] of form.affiliations.entries()) {
    if (row.remove || isBlank(row)) continue
    const pick = await resolvePick(db, 'organization', { id: row.organizationId, text: row.organization })
    if (pick.found) row.organizationId = String(pick.found.id)
    else problems.push(`affiliations.${i}.organization: ${pick.problem}; add it under Organizations first`)
    rows.push(i)
    affiliations.push({ organization: pick.found?.slug ?? 'unknown', position: orNull(row.position), from: orNull(row.from), to: orNull(row.to) })
  }
  const input: PersonWriteInput = {
    slug: form.slug || undefined, name: form.name, variants: lines(form.variants), honorific: orNull(form.honorific),
    degree: orNull(form.degree), biography: orNull(form.biography), affiliations,
  }
  return { input, problems, rows }
}

// ---------------------------------------------------------------- problems next to their fields

const FIELD_LABELS: Record<string, string> = {
  name: 'Name', slug: 'Address (slug)', variants: 'Name variants', honorific: 'Honorific', degree: 'Degree', biography: 'Biography',
}
const ROW_LABELS: Record<string, string> = { organization: 'organization', position: 'position', from: 'from', to: 'to' }

interface Problems { summary: string[]; byField: Map<string, string> }

/**
 * Problems ("affiliations.0.to: …") as summary lines and messages by form field id. The form's own
 * problems count form rows; the service's count input rows, which `rows` maps back.
 */
function locate(problems: string[], rows?: number[]): Problems {
  const summary: string[] = []
  const byField = new Map<string, string>()
  for (const problem of problems) {
    const match = /^([\w.]+): ([\s\S]*)$/.exec(problem)
    if (!match) { summary.push(problem); continue }
    const [, path, message] = match as unknown as [string, string, string]
    const row = /^affiliations\.(\d+)(?:\.(\w+))?$/.exec(path)
    let field: string, label: string
    if (row) {
      const formRow = rows?.[Number(row[1])] ?? Number(row[1])
      const part = row[2] && ROW_LABELS[row[2]] ? row[2] : 'organization'
      field = `affiliations-${formRow}-${part}`
      label = `Affiliation ${formRow + 1}, ${ROW_LABELS[part]}`
    } else {
      const top = path.split('.')[0]!
      field = top
      label = FIELD_LABELS[top] ?? top
    }
    if (!byField.has(field)) byField.set(field, message)
    summary.push(`${label}: ${message}`)
  }
  return { summary, byField }
}

const noProblems = (): Problems => ({ summary: [], byField: new Map() })

// ---------------------------------------------------------------- pages

const editorOf = (c: Context<AppEnv>): Editor => ({ userId: c.var.session!.user_id, role: c.var.session!.role, actor: c.var.session!.email })

function auditPerson(c: Context<AppEnv>, action: string, id: number, detail: Record<string, unknown>) {
  const s = c.var.session!
  return audit(c.var.db, { action, userId: s.user_id, email: s.email, targetType: 'person', targetId: id, ip: clientAddress(c), detail })
}

const ListQuery = z.object({ q: z.string().max(200, 'q: at most 200 characters').optional(), page: pageParam })

personAdmin.get('/people', editorOnly, async (c) => {
  const q = parseQuery(c, ListQuery)
  const people = await listPeopleForAdmin(c.var.db, q.q, pageOf(q.page, 50))
  return c.html(
    <AdminLayout title="People" section="people" session={c.var.session}>
      <h1>People</h1>
      <Notice code={c.req.query('notice')} />
      <div class="actions"><a class="button" href="/admin/people/new">Add a person</a></div>
      <form method="get" action="/admin/people" class="filters" role="search" aria-label="Find people">
        <div class="field">
          <label for="q">Name or variant</label>
          <input id="q" name="q" type="search" value={q.q ?? ''} />
        </div>
        <div class="actions"><button type="submit">Find</button>{q.q && <a href="/admin/people">Show all</a>}</div>
      </form>
      {people.items.length === 0
        ? <p>{q.q ? `No one is called anything like “${q.q}”.` : 'There are no people yet.'}</p>
        : (
          <TableScroll label="People"><table class="data">
            <caption class="skip">People by name</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Also written</th><th scope="col">Address</th></tr></thead>
            <tbody>{people.items.map((p) => (
              <tr>
                <td><a href={`/admin/people/${p.id}`}>{p.name}</a></td>
                <td>{p.variants.slice(0, 4).join('; ')}{p.variants.length > 4 && ' …'}</td>
                <td><a href={`/people/${p.slug}`}>/people/{p.slug}</a></td>
              </tr>
            ))}</tbody>
          </table></TableScroll>
        )}
      <Pager page={people.page} hasMore={people.hasMore} href={(page) => withQuery(c, { page })} label="Pages of people" />
    </AdminLayout>,
  )
})

interface Conflict { changes: FieldChange[]; actor: string; at: string }

interface EditPage {
  form: PersonForm
  person: PersonSnapshot | null
  problems?: Problems
  conflict?: Conflict
  status?: 200 | 400 | 409
  action?: string
}

function AffiliationFields(props: { row: AffiliationRow; index: number | '__INDEX__'; problems: Problems; existing: boolean }) {
  const i = props.index
  const id = (part: string) => `affiliations-${i}-${part}`
  const name = (part: string) => `affiliations[${i}][${part}]`
  const error = (part: string) => props.problems.byField.get(id(part))
  return (
    <fieldset class="affiliation">
      <legend>Affiliation {typeof i === 'number' ? i + 1 : ''}</legend>
      <input type="hidden" name={name('organizationId')} value={props.row.organizationId} />
      <Field id={id('organization')} label="Organization" error={error('organization')}>
        <input id={id('organization')} name={name('organization')} type="text" value={props.row.organization}
          data-lookup="organization" data-id-field={name('organizationId')} autocomplete="off" />
      </Field>
      <Field id={id('position')} label="Position" error={error('position')}>
        <input id={id('position')} name={name('position')} type="text" value={props.row.position} />
      </Field>
      <Field id={id('from')} label="From" error={error('from')}>
        <input id={id('from')} name={name('from')} type="date" value={props.row.from} />
      </Field>
      <Field id={id('to')} label="To" error={error('to')}>
        <input id={id('to')} name={name('to')} type="date" value={props.row.to} />
      </Field>
      {props.existing && (
        <div class="field">
          <label><input type="checkbox" name={name('remove')} value="1" checked={props.row.remove} /> Remove this affiliation</label>
        </div>
      )}
    </fieldset>
  )
}

async function renderEdit(c: Context<AppEnv>, page: EditPage) {
  const s = c.var.session!
  const { form, person } = page
  const problems = page.problems ?? noProblems()
  const error = (field: string) => problems.byField.get(field)
  const photo = person?.photoFileId ? (await findStoredFilesByIds(c.var.db, [person.photoFileId])).get(person.photoFileId) : undefined
  const title = person ? `Edit ${person.name}` : 'New person'
  const rows = [...form.affiliations]
  const filled = rows.filter((r) => !isBlank(r)).length
  while (rows.length < filled + SPARE_ROWS && rows.length < MAX_ROWS) rows.push(blankRow())
  c.status(page.status ?? 200)
  return c.html(
    <AdminLayout title={title} section="people" session={s}>
      <p class="meta"><a href="/admin/people">People</a></p>
      <h1>{title}</h1>
      <Notice code={c.req.query('notice')} />
      {person && (
        <p class="actions">
          <a href={`/people/${person.slug}`}>Public page</a>
          <a href={`/admin/history/person/${person.id}`}>History</a>
          <a href={`/admin/people/${person.id}/activities.csv`} download>Activity list, CSV</a>
          <a href={`/admin/people/${person.id}/activities.docx`} download>Activity list, DOCX</a>
        </p>
      )}
      <ErrorSummary errors={problems.summary} />
      {page.conflict && <SavedMeanwhile conflict={page.conflict} />}
      <form method="post" action={page.action ?? (person ? `/admin/people/${person.id}` : '/admin/people/new')}>
        <CsrfField token={s.csrf_token} />
        <input type="hidden" name="version" value={form.version} />
        <Field id="name" label="Name" hint="As the person writes it, without titles." error={error('name')}>
          <input id="name" name="name" type="text" required value={form.name} />
        </Field>
        <Field id="variants" label="Other spellings of the name" hint="One per line: transliterations, initials, earlier names. Used to recognise the person in news texts." error={error('variants')}>
          <textarea id="variants" name="variants" rows={4}>{form.variants}</textarea>
        </Field>
        <Field id="honorific" label="Honorific" hint="For example Dr. or Prof." error={error('honorific')}>
          <input id="honorific" name="honorific" type="text" value={form.honorific} />
        </Field>
        <Field id="degree" label="Degree" error={error('degree')}>
          <input id="degree" name="degree" type="text" value={form.degree} />
        </Field>
        <Field id="biography" label="Biography" error={error('biography')}>
          <textarea id="biography" name="biography" rows={6}>{form.biography}</textarea>
        </Field>
        <Field id="slug" label="Address (slug)" hint={person ? 'Changing it keeps the old address working: it leads to the new one.' : 'Leave empty to make one from the name.'} error={error('slug')}>
          <input id="slug" name="slug" type="text" value={form.slug} />
        </Field>
        <h2>Positions and affiliations</h2>
        <p class="hint">Leave a row empty to add nothing. Organizations must exist already: type a name or an acronym and choose it.</p>
        <div id="affiliation-rows" class="rows">
          {rows.map((row, i) => <AffiliationFields row={row} index={i} problems={problems} existing={i < form.affiliations.length && !isBlank(row)} />)}
        </div>
        <template id="affiliation-template">
          <AffiliationFields row={blankRow()} index="__INDEX__" problems={noProblems()} existing={false} />
        </template>
        <div class="actions">
          <button type="button" class="secondary" data-add-row="affiliation-template" data-into="affiliation-rows" hidden>Add another affiliation</button>
        </div>
        <div class="actions">
          {/* Saving comes first: Enter in a field presses the form's first submit button. */}
          <button type="submit" name="_action" value="save">{person ? 'Save changes' : 'Add the person'}</button>
          <noscript><button type="submit" name="_action" value="more" class="secondary">Add another affiliation</button></noscript>
        </div>
      </form>
      {person && (
        <>
          <section aria-labelledby="photo-heading">
            <h2 id="photo-heading">Photo</h2>
            {photo ? <p><img class="portrait" src={fileUrl(photo.sha256)} alt={`Photo of ${person.name}`} /></p> : <p class="muted">No photo yet.</p>}
            <form method="post" action={`/admin/people/${person.id}/photo`} enctype="multipart/form-data" class="narrow">
              <CsrfField token={s.csrf_token} />
              <input type="hidden" name="next" value={`/admin/people/${person.id}`} />
              <Field id="photo" label={photo ? 'Replace the photo' : 'Upload a photo'} hint="A PNG, JPEG, WebP or GIF image.">
                <input id="photo" name="photo" type="file" accept="image/png,image/jpeg,image/webp,image/gif" required />
              </Field>
              <button type="submit" class="secondary">Upload photo</button>
            </form>
          </section>
          <MergeForm type="person" id={person.id} name={person.name} />
          <section aria-labelledby="delete">
            <h2 id="delete">Delete</h2>
            <p>Deleting moves {person.name} to the trash, from where it can be restored. A person still named in activities or publications cannot be deleted: merge them into another instead.</p>
            <form method="post" action={`/admin/people/${person.id}/delete`}>
              <CsrfField token={s.csrf_token} />
              <button type="submit" class="danger">Move to the trash</button>
            </form>
          </section>
        </>
      )}
    </AdminLayout>,
  )
}

// Both versions of a conflict in the same readable shape, to compare field by field.
async function readableSnapshot(db: Db, p: PersonSnapshot) {
  const affiliations: string[] = []
  for (const a of p.affiliations) {
    const organization = await findOrganizationById(db, a.organizationId)
    affiliations.push(affiliationLine(organization?.name ?? `organization #${a.organizationId}`, a.position, a.startsOn, a.endsOn))
  }
  return { name: p.name, variants: p.variants, honorific: p.honorific, degree: p.degree, biography: p.biography, affiliations, slug: p.slug }
}

function readableForm(f: PersonForm) {
  return {
    name: f.name.trim(), variants: lines(f.variants), honorific: orNull(f.honorific.trim()), degree: orNull(f.degree.trim()),
    biography: orNull(f.biography.trim()),
    affiliations: f.affiliations.filter((r) => !r.remove && !isBlank(r))
      .map((r) => affiliationLine(r.organization.trim(), orNull(r.position.trim()), orNull(r.from), orNull(r.to))),
    slug: f.slug || undefined,
  }
}


const affiliationLine = (organization: string, position: string | null, from: string | null, to: string | null) =>
  [position, organization].filter(Boolean).join(', ') + (from || to ? ` (${from ?? '…'} – ${to ?? 'now'})` : '')

async function editOf(c: Context<AppEnv>) {
  const id = Number(c.req.param('id'))
  const person = await personStore.load(c.var.db, id)
  if (!person) throw new NotFoundError('person', id)
  return person
}

personAdmin.get('/people/new', editorOnly, (c) => renderEdit(c, { form: emptyForm(), person: null }))

personAdmin.get(`/people/${ID}`, editorOnly, async (c) => {
  const person = await editOf(c)
  const form = await formFromSnapshot(c.var.db, person, await currentVersion(c.var.db, 'person', person.id))
  return renderEdit(c, { form, person })
})

const problemsOf = (error: InvalidInputError) => (error.problems.length ? error.problems : [error.message])

/** Saves the form, or shows it again as typed with what is wrong: the same for a new person and an edit. */
async function submit(c: Context<AppEnv>, id: number | null) {
  const db = c.var.db
  const body = await c.req.parseBody()
  const form = formFromBody(body)
  let person: PersonSnapshot | null = null
  if (id !== null) {
    person = await personStore.load(db, id)
    if (!person) {
      // Deleted while the form was open: offer to save what was typed as a new person rather than lose it.
      form.version = ''
      return renderEdit(c, { form, person: null, status: 409, action: '/admin/people/new',
        problems: locate(['This person was deleted after you opened the form. Add your version as a new person below, or restore the old one from the trash.']) })
    }
  }
  if (body._action === 'more') {
    form.affiliations = [...form.affiliations.filter((r) => !isBlank(r)), blankRow()]
    return renderEdit(c, { form, person })
  }
  const { input, problems, rows } = await inputFromForm(db, form)
  if (problems.length) return renderEdit(c, { form, person, status: 400, problems: locate(problems) })
  try {
    if (person) {
      const version = /^\d{1,12}$/.test(form.version) ? Number(form.version) : -1
      const saved = await updatePersonFromInput(db, person.id, input, editorOf(c), version)
      await auditPerson(c, 'person-updated', person.id, { name: saved.name, slug: saved.slug })
      return c.redirect(`/admin/people/${person.id}?notice=saved`, 303)
    }
    const created = await createPersonFromInput(db, input, editorOf(c))
    await auditPerson(c, 'person-created', created.id, { name: created.name, slug: created.slug })
    return c.redirect(`/admin/people/${created.id}?notice=created`, 303)
  } catch (error) {
    if (error instanceof StaleVersionError && person) {
      const saved = error.current as PersonSnapshot
      const revision = await findRevisionById(db, error.currentVersion)
      const changes = diffSnapshots(await readableSnapshot(db, saved), readableForm(form))
      form.version = String(error.currentVersion)
      return renderEdit(c, { form, person: saved, status: 409, problems: locate([error.message]),
        conflict: { changes, actor: revision?.actor ?? 'someone', at: revision?.at ?? '' } })
    }
    if (error instanceof InvalidInputError) return renderEdit(c, { form, person, status: 400, problems: locate(problemsOf(error), rows) })
    if (error instanceof ConflictError) return renderEdit(c, { form, person, status: 409, problems: locate([error.message]) })
    throw error
  }
}

personAdmin.post('/people/new', editorOnly, (c) => submit(c, null))
personAdmin.post(`/people/${ID}`, editorOnly, (c) => submit(c, Number(c.req.param('id'))))

personAdmin.post(`/people/${ID}/delete`, editorOnly, async (c) => {
  const person = await editOf(c)
  try {
    await deletePerson(c.var.db, person.id, editorOf(c))
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    const form = await formFromSnapshot(c.var.db, person, await currentVersion(c.var.db, 'person', person.id))
    return renderEdit(c, { form, person, status: 409, problems: locate([`${person.name} was not deleted. ${error.message}`]) })
  }
  await auditPerson(c, 'person-deleted', person.id, { name: person.name, slug: person.slug })
  return c.redirect('/admin/people?notice=deleted', 303)
})
