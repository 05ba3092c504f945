import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { audit } from '../accounts/audit.service.ts'
import type { Editor } from '../accounts/editor.ts'
import { CsrfField, ErrorSummary, Field, Notice, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import type { Db } from '../db/database.ts'
import { SavedMeanwhile } from '../history/history.admin.tsx'
import { diffSnapshots, type FieldChange } from '../history/history.diff.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { pageOf } from '../lib/pagination.ts'
import { ORGANIZATION_KINDS } from '../lib/vocabulary.ts'
import { MergeForm } from '../merge/merge.admin.tsx'
import { resolvePick } from '../merge/pick.service.ts'
import { currentVersion, findRevisionById, StaleVersionError } from '../revisions/index.ts'
import { Pager } from '../web/components.tsx'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { countryName } from '../web/format.ts'
import { pageParam, parseQuery, withQuery } from '../web/query.ts'
import { findOrganizationById } from './organization.repository.ts'
import type { OrganizationWriteInput } from './organization.schema.ts'
import { listOrganizationsForAdmin } from './organization.service.ts'
import { type OrganizationSnapshot, organizationStore } from './organization.store.ts'
import { createOrganizationFromInput, deleteOrganization, updateOrganizationFromInput } from './organization.write.ts'

/** /admin/organizations: list, create, edit and delete organizations; merging is in src/merge. Editors and admins. */
export const organizationAdmin = new Hono<AppEnv>()
const editorOnly = requireRole('editor')
const ID = ':id{[0-9]{1,12}}'

const KIND_NAMES: Record<string, string> = {
  university: 'University', government: 'Government body', ngo: 'Non-governmental organization',
  international: 'International organization', company: 'Company', media: 'Media', research: 'Research institute', other: 'Other',
}

/** Everything the form holds, as typed, so a refused form comes back unchanged. */
interface OrganizationForm {
  version: string
  slug: string
  name: string
  variants: string
  kind: string
  country: string
  parentId: string
  parent: string
  website: string
}

const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 20_000) : '')
const orNull = (v: string) => (v.trim() ? v : null)
const lines = (v: string) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

const emptyForm = (): OrganizationForm =>
  ({ version: '', slug: '', name: '', variants: '', kind: '', country: '', parentId: '', parent: '', website: '' })

async function formFromSnapshot(db: Db, s: OrganizationSnapshot, version: number): Promise<OrganizationForm> {
  const parent = s.parentId ? await findOrganizationById(db, s.parentId) : undefined
  return {
    version: String(version), slug: s.slug, name: s.name, variants: s.variants.join('\n'), kind: s.kind ?? '', country: s.country ?? '',
    parentId: s.parentId ? String(s.parentId) : '', parent: parent?.name ?? '', website: s.website ?? '',
  }
}

function formFromBody(body: Record<string, unknown>): OrganizationForm {
  return {
    version: text(body.version), slug: text(body.slug).trim(), name: text(body.name), variants: text(body.variants), kind: text(body.kind),
    country: text(body.country), parentId: text(body.parentId), parent: text(body.parent), website: text(body.website).trim(),
  }
}

async function inputFromForm(db: Db, form: OrganizationForm) {
  const problems: string[] = []
  let parent: string | null = null
  if (form.parent.trim()) {
    // The organization itself may be picked: the write service then says why it cannot be its own parent.
    const pick = await resolvePick(db, 'organization', { id: form.parentId, text: form.parent })
    if (pick.found) { parent = pick.found.slug; form.parentId = String(pick.found.id) }
    else problems.push(`parent: ${pick.problem}`)
  }
  const input: OrganizationWriteInput = {
    slug: form.slug || undefined, name: form.name, variants: lines(form.variants),
    kind: (orNull(form.kind) as OrganizationWriteInput['kind']) ?? null, country: orNull(form.country.trim()), parent,
    website: orNull(form.website),
  }
  return { input, problems }
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Name', slug: 'Address (slug)', variants: 'Other names and acronyms', kind: 'Kind', country: 'Country',
  parent: 'Part of', website: 'Website',
}

interface Problems { summary: string[]; byField: Map<string, string> }

function locate(problems: string[]): Problems {
  const summary: string[] = []
  const byField = new Map<string, string>()
  for (const problem of problems) {
    const match = /^([\w.]+): ([\s\S]*)$/.exec(problem)
    const field = match ? match[1]!.split('.')[0]! : null
    if (!match || !field || !FIELD_LABELS[field]) { summary.push(problem); continue }
    if (!byField.has(field)) byField.set(field, match[2]!)
    summary.push(`${FIELD_LABELS[field]}: ${match[2]}`)
  }
  return { summary, byField }
}

const editorOf = (c: Context<AppEnv>): Editor => ({ userId: c.var.session!.user_id, role: c.var.session!.role, actor: c.var.session!.email })

function auditOrganization(c: Context<AppEnv>, action: string, id: number, detail: Record<string, unknown>) {
  const s = c.var.session!
  return audit(c.var.db, { action, userId: s.user_id, email: s.email, targetType: 'organization', targetId: id, ip: clientAddress(c), detail })
}

// ---------------------------------------------------------------- list

const ListQuery = z.object({ q: z.string().max(200, 'q: at most 200 characters').optional(), page: pageParam })

organizationAdmin.get('/organizations', editorOnly, async (c) => {
  const q = parseQuery(c, ListQuery)
  const list = await listOrganizationsForAdmin(c.var.db, q.q, pageOf(q.page, 50))
  return c.html(
    <AdminLayout title="Organizations" section="organizations" session={c.var.session}>
      <h1>Organizations</h1>
      <Notice code={c.req.query('notice')} />
      <div class="actions"><a class="button" href="/admin/organizations/new">Add an organization</a></div>
      <form method="get" action="/admin/organizations" class="filters" role="search" aria-label="Find organizations">
        <div class="field">
          <label for="q">Name, variant or acronym</label>
          <input id="q" name="q" type="search" value={q.q ?? ''} />
        </div>
        <div class="actions"><button type="submit">Find</button>{q.q && <a href="/admin/organizations">Show all</a>}</div>
      </form>
      {list.items.length === 0
        ? <p>{q.q ? `No organization is called anything like “${q.q}”.` : 'There are no organizations yet.'}</p>
        : (
          <TableScroll label="Organizations"><table class="data">
            <caption class="skip">Organizations by name</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Also known as</th><th scope="col">Kind</th><th scope="col">Country</th></tr></thead>
            <tbody>{list.items.map((o) => (
              <tr>
                <td><a href={`/admin/organizations/${o.id}`}>{o.name}</a></td>
                <td>{o.variants.slice(0, 4).join('; ')}{o.variants.length > 4 && ' …'}</td>
                <td>{o.kind ? KIND_NAMES[o.kind] ?? o.kind : ''}</td>
                <td>{countryName(o.country)}</td>
              </tr>
            ))}</tbody>
          </table></TableScroll>
        )}
      <Pager page={list.page} hasMore={list.hasMore} href={(page) => withQuery(c, { page })} label="Pages of organizations" />
    </AdminLayout>,
  )
})

// ---------------------------------------------------------------- the form

interface EditPage {
  form: OrganizationForm
  organization: OrganizationSnapshot | null
  problems?: Problems
  conflict?: { changes: FieldChange[]; actor: string; at: string }
  status?: 200 | 400 | 409
  action?: string
}

function renderEdit(c: Context<AppEnv>, page: EditPage) {
  const s = c.var.session!
  const { form, organization: org } = page
  const problems = page.problems ?? { summary: [], byField: new Map<string, string>() }
  const error = (field: string) => problems.byField.get(field)
  const title = org ? `Edit ${org.name}` : 'New organization'
  c.status(page.status ?? 200)
  return c.html(
    <AdminLayout title={title} section="organizations" session={s}>
      <p class="meta"><a href="/admin/organizations">Organizations</a></p>
      <h1>{title}</h1>
      <Notice code={c.req.query('notice')} />
      {org && (
        <p class="actions">
          <a href={`/organizations/${org.slug}`}>Public page</a>
          <a href={`/admin/history/organization/${org.id}`}>History</a>
        </p>
      )}
      <ErrorSummary errors={problems.summary} />
      {page.conflict && <SavedMeanwhile conflict={page.conflict} />}
      <form method="post" action={page.action ?? (org ? `/admin/organizations/${org.id}` : '/admin/organizations/new')}>
        <CsrfField token={s.csrf_token} />
        <input type="hidden" name="version" value={form.version} />
        <Field id="name" label="Name" hint="The full name, as the organization writes it." error={error('name')}>
          <input id="name" name="name" type="text" required value={form.name} />
        </Field>
        <Field id="variants" label="Other names and acronyms" hint="One per line: translations, earlier names, acronyms such as UNDP. Used to recognise it in news texts." error={error('variants')}>
          <textarea id="variants" name="variants" rows={4}>{form.variants}</textarea>
        </Field>
        <Field id="kind" label="Kind" error={error('kind')}>
          <select id="kind" name="kind">
            <option value="">Not said</option>
            {ORGANIZATION_KINDS.map((k) => <option value={k} selected={form.kind === k}>{KIND_NAMES[k]}</option>)}
          </select>
        </Field>
        <Field id="country" label="Country" hint="Two-letter code, such as KZ or TR." error={error('country')}>
          <input id="country" name="country" type="text" value={form.country} maxlength={20} autocomplete="off" />
        </Field>
        <input type="hidden" name="parentId" value={form.parentId} />
        <Field id="parent" label="Part of" hint="The organization it belongs to, if any: type its name and choose it." error={error('parent')}>
          <input id="parent" name="parent" type="text" value={form.parent} data-lookup="organization" data-id-field="parentId" autocomplete="off" />
        </Field>
        <Field id="website" label="Website" error={error('website')}>
          <input id="website" name="website" type="url" value={form.website} />
        </Field>
        <Field id="slug" label="Address (slug)" hint={org ? 'Changing it keeps the old address working: it leads to the new one.' : 'Leave empty to make one from the name.'} error={error('slug')}>
          <input id="slug" name="slug" type="text" value={form.slug} />
        </Field>
        <button type="submit">{org ? 'Save changes' : 'Add the organization'}</button>
      </form>
      {org && (
        <>
          <MergeForm type="organization" id={org.id} name={org.name} />
          <section aria-labelledby="delete">
            <h2 id="delete">Delete</h2>
            <p>Deleting moves {org.name} to the trash, from where it can be restored. An organization still named elsewhere cannot be deleted: merge it into another instead.</p>
            <form method="post" action={`/admin/organizations/${org.id}/delete`}>
              <CsrfField token={s.csrf_token} />
              <button type="submit" class="danger">Move to the trash</button>
            </form>
          </section>
        </>
      )}
    </AdminLayout>,
  )
}

async function readableSnapshot(db: Db, o: OrganizationSnapshot) {
  const parent = o.parentId ? await findOrganizationById(db, o.parentId) : undefined
  return { name: o.name, variants: o.variants, kind: o.kind ? KIND_NAMES[o.kind] ?? o.kind : null, country: o.country,
    parent: parent?.name ?? null, website: o.website, slug: o.slug }
}

const readableForm = (f: OrganizationForm) => ({
  name: f.name.trim(), variants: lines(f.variants), kind: f.kind ? KIND_NAMES[f.kind] ?? f.kind : null, country: orNull(f.country.trim().toUpperCase()),
  parent: orNull(f.parent.trim()), website: orNull(f.website), slug: f.slug || undefined,
})

async function load(c: Context<AppEnv>) {
  const id = Number(c.req.param('id'))
  const organization = await organizationStore.load(c.var.db, id)
  if (!organization) throw new NotFoundError('organization', id)
  return organization
}

organizationAdmin.get('/organizations/new', editorOnly, (c) => renderEdit(c, { form: emptyForm(), organization: null }))

organizationAdmin.get(`/organizations/${ID}`, editorOnly, async (c) => {
  const organization = await load(c)
  const form = await formFromSnapshot(c.var.db, organization, await currentVersion(c.var.db, 'organization', organization.id))
  return renderEdit(c, { form, organization })
})

async function submit(c: Context<AppEnv>, id: number | null) {
  const db = c.var.db
  const form = formFromBody(await c.req.parseBody())
  let organization: OrganizationSnapshot | null = null
  if (id !== null) {
    organization = await organizationStore.load(db, id)
    if (!organization) {
      // Deleted while the form was open: offer to save what was typed as a new organization rather than lose it.
      form.version = ''
      return renderEdit(c, { form, organization: null, status: 409, action: '/admin/organizations/new',
        problems: locate(['This organization was deleted after you opened the form. Add your version as a new one below, or restore the old one from the trash.']) })
    }
  }
  const { input, problems } = await inputFromForm(db, form)
  if (problems.length) return renderEdit(c, { form, organization, status: 400, problems: locate(problems) })
  try {
    if (organization) {
      const version = /^\d{1,12}$/.test(form.version) ? Number(form.version) : -1
      const saved = await updateOrganizationFromInput(db, organization.id, input, editorOf(c), version)
      await auditOrganization(c, 'organization-updated', organization.id, { name: saved.name, slug: saved.slug })
      return c.redirect(`/admin/organizations/${organization.id}?notice=saved`, 303)
    }
    const created = await createOrganizationFromInput(db, input, editorOf(c))
    await auditOrganization(c, 'organization-created', created.id, { name: created.name, slug: created.slug })
    return c.redirect(`/admin/organizations/${created.id}?notice=created`, 303)
  } catch (error) {
    if (error instanceof StaleVersionError && organization) {
      const saved = error.current as OrganizationSnapshot
      const revision = await findRevisionById(db, error.currentVersion)
      const changes = diffSnapshots(await readableSnapshot(db, saved), readableForm(form))
      form.version = String(error.currentVersion)
      return renderEdit(c, { form, organization: saved, status: 409, problems: locate([error.message]),
        conflict: { changes, actor: revision?.actor ?? 'someone', at: revision?.at ?? '' } })
    }
    if (error instanceof InvalidInputError) {
      return renderEdit(c, { form, organization, status: 400, problems: locate(error.problems.length ? error.problems : [error.message]) })
    }
    if (error instanceof ConflictError) return renderEdit(c, { form, organization, status: 409, problems: locate([error.message]) })
    throw error
  }
}

organizationAdmin.post('/organizations/new', editorOnly, (c) => submit(c, null))
organizationAdmin.post(`/organizations/${ID}`, editorOnly, (c) => submit(c, Number(c.req.param('id'))))

organizationAdmin.post(`/organizations/${ID}/delete`, editorOnly, async (c) => {
  const organization = await load(c)
  try {
    await deleteOrganization(c.var.db, organization.id, editorOf(c))
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    const form = await formFromSnapshot(c.var.db, organization, await currentVersion(c.var.db, 'organization', organization.id))
    return renderEdit(c, { form, organization, status: 409, problems: locate([`${organization.name} was not deleted. ${error.message}`]) })
  }
  await auditOrganization(c, 'organization-deleted', organization.id, { name: organization.name, slug: organization.slug })
  return c.redirect('/admin/organizations?notice=deleted', 303)
})
