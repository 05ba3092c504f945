import { type Context, Hono } from 'hono'
import { audit } from '../accounts/audit.service.ts'
import type { Editor } from '../accounts/editor.ts'
import { CsrfField, ErrorSummary, Field } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import { DomainError, NotFoundError } from '../lib/errors.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import { personStore } from '../people/person.store.ts'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { type MergePreview, type MergeType, mergeRecords, previewMerge } from './merge.service.ts'
import { type PickedRecord, resolvePick } from './pick.service.ts'

/** Merging duplicates: /admin/people/:id/merge and /admin/organizations/:id/merge, for editors. */
export const mergeAdmin = new Hono<AppEnv>()
const editorOnly = requireRole('editor')

const BASE: Record<MergeType, string> = { person: '/admin/people', organization: '/admin/organizations' }
const PUBLIC: Record<MergeType, string> = { person: '/people', organization: '/organizations' }
const WORDS: Record<MergeType, { one: string; section: 'people' | 'organizations' }> = {
  person: { one: 'person', section: 'people' }, organization: { one: 'organization', section: 'organizations' },
}

const editorOf = (c: Context<AppEnv>): Editor => ({ userId: c.var.session!.user_id, role: c.var.session!.role, actor: c.var.session!.email })
const text = (v: unknown) => (typeof v === 'string' ? v : '')

/** The form on a duplicate's edit page: choose the record it is a duplicate of. Works without JavaScript. */
export function MergeForm(props: { type: MergeType; id: number; name: string; typed?: string; problem?: string }) {
  const what = WORDS[props.type].one
  return (
    <section aria-labelledby="merge">
      <h2 id="merge">Merge into another {what}</h2>
      <p>If {props.name} is a duplicate, merge it into the {what} to keep: everything that refers to {props.name} moves there,
        {' '}its names become variants, and its address leads there. You will see what moves before anything changes, and the merge can be undone.</p>
      <form method="get" action={`${BASE[props.type]}/${props.id}/merge`} class="narrow">
        <input type="hidden" name="into" value="" />
        <Field id="merge-into" label={`The ${what} to keep`} hint="Type a name, a variant or the address (slug)." error={props.problem}>
          <input id="merge-into" name="into_name" type="text" data-lookup={props.type} data-id-field="into" value={props.typed ?? ''}
            autocomplete="off" required />
        </Field>
        <button type="submit" class="secondary">Review the merge…</button>
      </form>
    </section>
  )
}

function Summary(props: { type: MergeType; record: MergePreview['duplicate']; heading: string }) {
  const r = props.record
  return (
    <section class="card" aria-label={props.heading}>
      <h2>{props.heading}</h2>
      <p><strong>{r.name}</strong></p>
      <p class="meta">{PUBLIC[props.type]}/{r.slug}</p>
      {r.variants.length > 0 && <p class="meta">Also: {r.variants.join(', ')}</p>}
    </section>
  )
}

async function loadDuplicate(c: Context<AppEnv>, type: MergeType) {
  const id = Number(c.req.param('id'))
  const record = type === 'person' ? await personStore.load(c.var.db, id) : await organizationStore.load(c.var.db, id)
  if (!record) throw new NotFoundError(type, id)
  return record
}

interface ConfirmState {
  survivor: PickedRecord | null
  typed: string
  candidates: PickedRecord[]
  problem?: string
}

async function renderConfirm(c: Context<AppEnv>, type: MergeType, state: ConfirmState, status: 200 | 400 | 409 = 200) {
  const duplicate = await loadDuplicate(c, type)
  const what = WORDS[type].one
  const base = `${BASE[type]}/${duplicate.id}`
  let preview: MergePreview | null = null
  let problem = state.problem
  if (state.survivor && !problem) {
    try {
      preview = await previewMerge(c.var.db, type, duplicate.id, state.survivor.id)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      problem = error.message
      status = 409
    }
  }
  c.status(status)
  const title = preview ? `Merge ${duplicate.name} into ${preview.survivor.name}?` : `Merge ${duplicate.name} into another ${what}`
  return c.html(
    <AdminLayout title={title} section={WORDS[type].section} session={c.var.session}>
      <p class="meta"><a href={BASE[type]}>{type === 'person' ? 'People' : 'Organizations'}</a> · <a href={base}>{duplicate.name}</a></p>
      <h1>{title}</h1>
      <ErrorSummary errors={problem ? [problem] : []} />
      {!preview && (
        <>
          {state.candidates.length > 0 && (
            <section aria-labelledby="candidates">
              <h2 id="candidates">Did you mean</h2>
              <ul class="list">{state.candidates.map((r) => (
                <li><a href={`${base}/merge?into=${r.id}`}>{r.name}</a> <span class="meta">{PUBLIC[type]}/{r.slug}</span></li>
              ))}</ul>
            </section>
          )}
          <MergeForm type={type} id={duplicate.id} name={duplicate.name} typed={state.typed} />
        </>
      )}
      {preview && (
        <>
          <div class="grid two">
            <Summary type={type} record={preview.duplicate} heading="The duplicate, which goes" />
            <Summary type={type} record={preview.survivor} heading="The one to keep" />
          </div>
          <p>Merging removes {preview.duplicate.name}. Its address {PUBLIC[type]}/{preview.duplicate.slug} will lead to {preview.survivor.name}.
            {' '}The merge is recorded and can be undone from the history of {preview.survivor.name}.</p>
          <h2>What moves to {preview.survivor.name}</h2>
          {preview.sections.length === 0 && <p>Nothing else refers to {preview.duplicate.name}.</p>}
          {preview.sections.map((s) => (
            <section aria-label={s.heading}>
              <h3>{s.heading} <span class="muted">({s.items.length})</span></h3>
              <ul>{s.items.map((item) => <li>{item}</li>)}</ul>
            </section>
          ))}
          <form method="post" action={`${base}/merge`} class="actions">
            <CsrfField token={c.var.session!.csrf_token} />
            <input type="hidden" name="into" value={String(preview.survivor.id)} />
            <button type="submit">Merge {preview.duplicate.name} into {preview.survivor.name}</button>
            <a href={base}>Cancel</a>
            <a href={`${BASE[type]}/${preview.survivor.id}/merge?into=${duplicate.id}`}>Keep {preview.duplicate.name} instead</a>
          </form>
        </>
      )}
    </AdminLayout>,
  )
}

for (const type of ['person', 'organization'] as const) {
  const path = `${BASE[type].replace('/admin', '')}/:id{[0-9]{1,12}}/merge`

  mergeAdmin.get(path, editorOnly, async (c) => {
    const typed = (c.req.query('into_name') ?? '').slice(0, 300)
    const id = c.req.query('into') ?? ''
    if (!typed.trim() && !id) return renderConfirm(c, type, { survivor: null, typed, candidates: [] })
    const pick = await resolvePick(c.var.db, type, { id, text: typed }, Number(c.req.param('id')))
    return pick.found
      ? renderConfirm(c, type, { survivor: pick.found, typed, candidates: [] })
      : renderConfirm(c, type, { survivor: null, typed, candidates: pick.candidates, problem: `The ${WORDS[type].one} to keep: ${pick.problem}.` }, 400)
  })

  mergeAdmin.post(path, editorOnly, async (c) => {
    const duplicate = await loadDuplicate(c, type)
    const into = text((await c.req.parseBody()).into)
    const survivorId = /^\d{1,12}$/.test(into) ? Number(into) : NaN
    if (Number.isNaN(survivorId)) {
      return renderConfirm(c, type, { survivor: null, typed: '', candidates: [], problem: `Choose the ${WORDS[type].one} to keep.` }, 400)
    }
    try {
      const result = await mergeRecords(c.var.db, type, duplicate.id, survivorId, editorOf(c))
      const s = c.var.session!
      await audit(c.var.db, {
        action: `${type}-merged`, userId: s.user_id, email: s.email, targetType: type, targetId: survivorId, ip: clientAddress(c),
        detail: { merge: result.mergeId, merged: duplicate.id, mergedName: duplicate.name, mergedSlug: duplicate.slug, survivorName: result.survivor.name },
      })
      return c.redirect(`${BASE[type]}/${survivorId}?notice=merged`, 303)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      return renderConfirm(c, type, { survivor: null, typed: '', candidates: [], problem: error.message }, 409)
    }
  })
}
