import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { audit } from '../accounts/audit.service.ts'
import type { Editor } from '../accounts/editor.ts'
import { CsrfField, ErrorSummary, Notice, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import { ConflictError, NotFoundError } from '../lib/errors.ts'
import { pageOf } from '../lib/pagination.ts'
import { findMergeRecord, type MovedRows, parseMergeRecord, undoBlocker, undoMerge } from '../merge/merge.service.ts'
import { findRevisionById } from '../revisions/index.ts'
import { Pager } from '../web/components.tsx'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery, withQuery } from '../web/query.ts'
import type { FieldChange } from './history.diff.ts'
import {
  getRecordHistory, HISTORY_TYPES, type HistoryType, listRecentChanges, listTrashPage, previewRestore, restoreVersion,
} from './history.service.ts'

/** /admin/history, /admin/trash and undoing merges: for editors and admins. */
export const historyAdmin = new Hono<AppEnv>()
const editorOnly = requireRole('editor')

const PAGE_SIZE = 50
const TYPE = `:type{${HISTORY_TYPES.join('|')}}`
const ID = ':id{[0-9]{1,12}}'

const TYPE_NAMES: Record<HistoryType, string> = {
  post: 'post', activity: 'activity', person: 'person', organization: 'organization', publication: 'publication',
}
const ACTIONS: Record<string, string> = { create: 'Created', update: 'Changed', delete: 'Deleted' }

/** Where each kind of record is edited; activities are edited with their post. */
export const editPath = (type: string, id: number) => ({
  post: `/admin/posts/${id}`, person: `/admin/people/${id}`, organization: `/admin/organizations/${id}`,
  publication: `/admin/publications/${id}`,
} as Record<string, string>)[type]

export const historyPath = (type: string, id: number) => `/admin/history/${type}/${id}`

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

const editorOf = (c: Context<AppEnv>): Editor => ({ userId: c.var.session!.user_id, role: c.var.session!.role, actor: c.var.session!.email })

function auditAction(c: Context<AppEnv>, action: string, targetType: string, targetId: number, detail: Record<string, unknown>) {
  const s = c.var.session!
  return audit(c.var.db, { action, userId: s.user_id, email: s.email, targetType, targetId, ip: clientAddress(c), detail })
}

const PageQuery = z.object({ page: pageParam })

// ---------------------------------------------------------------- the difference between two versions

function Words(props: { change: Extract<FieldChange, { kind: 'text' }> }) {
  return (
    <td colspan={2} class="words">
      {props.change.parts.map((p) => (p.op === 'ins'
        ? <ins><span class="skip">[added: </span>{p.text}<span class="skip">]</span></ins>
        : p.op === 'del'
          ? <del><span class="skip">[removed: </span>{p.text}<span class="skip">]</span></del>
          : <span>{p.text}</span>))}
    </td>
  )
}

const Empty = () => <span class="muted">(empty)</span>

/** A table of changed fields: short values side by side, long text word by word, lists as removed and added items. */
/** On a form re-shown after a stale save: who saved in between, and their version beside the one in the form. */
export function SavedMeanwhile(props: { conflict: { changes: FieldChange[]; actor: string; at: string } }) {
  const { conflict } = props
  return (
    <section class="conflict" aria-labelledby="conflict">
      <h2 id="conflict">Saved meanwhile by {conflict.actor} ({conflict.at.slice(0, 16).replace('T', ' ')} UTC)</h2>
      <p>Your version is still in the form below. Compare the two, change the form if needed, and save again to keep yours.</p>
      <ChangeTable changes={conflict.changes} caption="Their saved version and yours" beforeLabel="Saved by them" afterLabel="Yours, in the form" />
    </section>
  )
}

export function ChangeTable(props: { changes: FieldChange[]; caption: string; beforeLabel?: string; afterLabel?: string }) {
  if (!props.changes.length) return <p class="muted">No field differs.</p>
  return (
    <TableScroll label={props.caption}><table class="data diff">
      <caption class="skip">{props.caption}</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">{props.beforeLabel ?? 'Before'}</th><th scope="col">{props.afterLabel ?? 'After'}</th></tr></thead>
      <tbody>{props.changes.map((change) => (
        <tr>
          <th scope="row">{change.label}</th>
          {change.kind === 'text' && <Words change={change} />}
          {change.kind === 'value' && <>
            <td>{change.before === null ? <Empty /> : <del><span class="skip">[was: </span>{change.before}<span class="skip">]</span></del>}</td>
            <td>{change.after === null ? <Empty /> : <ins><span class="skip">[now: </span>{change.after}<span class="skip">]</span></ins>}</td>
          </>}
          {change.kind === 'list' && <>
            <td>{change.removed.length
              ? <ul class="plain">{change.removed.map((item) => <li><del><span class="skip">[removed: </span>{item}<span class="skip">]</span></del></li>)}</ul>
              : <Empty />}</td>
            <td>{change.added.length
              ? <ul class="plain">{change.added.map((item) => <li><ins><span class="skip">[added: </span>{item}<span class="skip">]</span></ins></li>)}</ul>
              : <Empty />}</td>
          </>}
        </tr>
      ))}</tbody>
    </table></TableScroll>
  )
}

// ---------------------------------------------------------------- recent changes

historyAdmin.get('/history', editorOnly, async (c) => {
  const { page } = parseQuery(c, PageQuery)
  const changes = await listRecentChanges(c.var.db, pageOf(page, PAGE_SIZE))
  return c.html(
    <AdminLayout title="History" section="history" session={c.var.session}>
      <h1>History</h1>
      <p>Every change to posts, activities, people, organizations and publications, newest first. Open a record to see what changed and to restore an earlier version.</p>
      <p><a href="/admin/trash">The trash</a> lists deleted records that can be restored.</p>
      {changes.items.length === 0 ? <p>Nothing has changed yet.</p> : (
        <TableScroll label="Recent changes"><table class="data">
          <caption class="skip">Recent changes</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Record</th></tr></thead>
          <tbody>{changes.items.map((r) => (
            <tr>
              <td>{when(r.at)}</td><td>{r.actor}</td><td>{ACTIONS[r.action] ?? r.action} {r.type}</td>
              <td><a href={historyPath(r.type, r.entityId)}>{r.label}</a></td>
            </tr>
          ))}</tbody>
        </table></TableScroll>
      )}
      <Pager page={changes.page} hasMore={changes.hasMore} href={(p) => withQuery(c, { page: p })} label="Pages of changes" />
    </AdminLayout>,
  )
})

// ---------------------------------------------------------------- one record

historyAdmin.get(`/history/${TYPE}/${ID}`, editorOnly, async (c) => {
  const type = c.req.param('type') as HistoryType
  const id = Number(c.req.param('id'))
  const { page } = parseQuery(c, PageQuery)
  const h = await getRecordHistory(c.var.db, type, id, pageOf(page, PAGE_SIZE))
  const edit = h.current ? editPath(type, id) : undefined
  const newestId = page === 1 ? h.revisions.items[0]?.id : undefined
  return c.html(
    <AdminLayout title={`History of ${h.label}`} section="history" session={c.var.session}>
      <p class="meta"><a href="/admin/history">History</a></p>
      <h1>History of {h.label} <span class="tag">{TYPE_NAMES[type]}</span></h1>
      <Notice code={c.req.query('notice')} />
      {edit && <p><a href={edit}>Edit this {TYPE_NAMES[type]}</a></p>}
      {!h.current && !h.mergedInto && <p class="notice">This {TYPE_NAMES[type]} is deleted: it is in the <a href="/admin/trash">trash</a>. Restore a version below to bring it back.</p>}
      {h.mergedInto && (
        <p class="notice">This {TYPE_NAMES[type]} was merged into <a href={historyPath(type, h.mergedInto.otherId)}>{h.mergedInto.otherLabel}</a>.
          {' '}It comes back by undoing the merge.</p>
      )}
      {h.merges.length > 0 && (
        <section aria-labelledby="merges">
          <h2 id="merges">Merges</h2>
          <ul class="list">{h.merges.map((m) => (
            <li>
              {m.role === 'survivor' ? <>{m.otherLabel} was merged into this record</> : <>Merged into <a href={historyPath(type, m.otherId)}>{m.otherLabel}</a></>}
              <span class="meta"> — by {m.actor}, {when(m.at)}</span>
              {m.undoneAt
                ? <span class="meta"> · undone {when(m.undoneAt)}</span>
                : <> · <a href={`/admin/merges/${m.id}/undo`}>Undo merge…</a>{m.blocker && <span class="meta"> ({m.blocker})</span>}</>}
            </li>
          ))}</ul>
        </section>
      )}
      <section aria-labelledby="revisions">
        <h2 id="revisions">Revisions <span class="muted">({h.revisionCount})</span></h2>
        {h.revisions.items.map((r) => (
          <article class="revision" aria-labelledby={`revision-${r.id}`}>
            <h3 id={`revision-${r.id}`}>
              {ACTIONS[r.action] ?? r.action} by {r.actor}, <time datetime={r.at}>{when(r.at)}</time>
              {r.id === newestId && h.current && <> <span class="tag">current version</span></>}
            </h3>
            {r.note && <p class="meta">{r.note}</p>}
            <ChangeTable changes={r.changes} caption={`Changes in revision ${r.id}`} />
            {r.restorable && !(r.id === newestId && h.current) && (
              <form method="get" action={`${historyPath(type, id)}/restore/${r.id}`}>
                <button type="submit" class="secondary">{r.action === 'delete' ? 'Restore the deleted record…' : 'Restore this version…'}</button>
              </form>
            )}
          </article>
        ))}
        <Pager page={h.revisions.page} hasMore={h.revisions.hasMore} href={(p) => withQuery(c, { page: p })} label="Pages of revisions" />
      </section>
    </AdminLayout>,
  )
})

// ---------------------------------------------------------------- restoring a version

async function renderRestore(c: Context<AppEnv>, type: HistoryType, id: number, revisionId: number, error?: string) {
  const preview = await previewRestore(c.var.db, type, revisionId)
  if (preview.revision.entity_id !== id) throw new NotFoundError('revision', revisionId)
  const problem = error ?? preview.problem
  const action = `${historyPath(type, id)}/restore/${revisionId}`
  return c.html(
    <AdminLayout title={`Restore ${preview.label}`} section="history" session={c.var.session}>
      <p class="meta"><a href={historyPath(type, id)}>History of {preview.label}</a></p>
      <h1>Restore {preview.label}?</h1>
      <p>This brings the {TYPE_NAMES[type]} back to the version saved by {preview.revision.actor} on {when(preview.revision.at)}.
        {' '}Restoring is itself recorded as a change, so it can be undone from the history.</p>
      <ErrorSummary errors={problem ? [problem] : []} />
      <h2>What changes</h2>
      <ChangeTable changes={preview.changes} caption="Differences between now and the version to restore"
        beforeLabel={preview.current ? 'Now' : 'Now (deleted)'} afterLabel="After restoring" />
      {!problem && (
        <form method="post" action={action} class="actions">
          <CsrfField token={c.var.session!.csrf_token} />
          <button type="submit">Restore this version</button>
          <a href={historyPath(type, id)}>Cancel</a>
        </form>
      )}
    </AdminLayout>,
  )
}

const RESTORE = `/history/${TYPE}/${ID}/restore/:revision{[0-9]{1,12}}`

historyAdmin.get(RESTORE, editorOnly, (c) =>
  renderRestore(c, c.req.param('type') as HistoryType, Number(c.req.param('id')), Number(c.req.param('revision'))))

historyAdmin.post(RESTORE, editorOnly, async (c) => {
  const type = c.req.param('type') as HistoryType
  const id = Number(c.req.param('id'))
  const revisionId = Number(c.req.param('revision'))
  const revision = await findRevisionById(c.var.db, revisionId)
  if (!revision || revision.entity_type !== type || revision.entity_id !== id) throw new NotFoundError('revision', revisionId)
  try {
    const { restored } = await restoreVersion(c.var.db, type, revisionId, editorOf(c))
    await auditAction(c, `${type}-restored`, type, id, { revision: revisionId, slug: restored.slug })
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    c.status(409)
    return renderRestore(c, type, id, revisionId, error.message)
  }
  return c.redirect(`${historyPath(type, id)}?notice=restored`, 303)
})

// ---------------------------------------------------------------- the trash

historyAdmin.get('/trash', editorOnly, async (c) => {
  const { page } = parseQuery(c, PageQuery)
  const trash = await listTrashPage(c.var.db, pageOf(page, PAGE_SIZE))
  const csrf = c.var.session!.csrf_token
  return c.html(
    <AdminLayout title="Trash" section="trash" session={c.var.session}>
      <h1>Trash</h1>
      <Notice code={c.req.query('notice')} />
      <p>Deleted records, newest first. Restoring brings a record back as it was when it was deleted, under its old address.</p>
      {trash.items.length === 0 ? <p>The trash is empty.</p> : (
        <TableScroll label="Deleted records"><table class="data">
          <caption class="skip">Deleted records</caption>
          <thead><tr><th scope="col">Record</th><th scope="col">Kind</th><th scope="col">Deleted by</th><th scope="col">When</th><th scope="col">Action</th></tr></thead>
          <tbody>{trash.items.map((item) => (
            <tr>
              <td><a href={historyPath(item.type, item.entityId)}>{item.label}</a></td>
              <td>{item.type}</td><td>{item.actor}</td><td>{when(item.at)}</td>
              <td>{item.mergedInto
                ? <>Merged into <a href={historyPath(item.type, item.mergedInto.survivorId)}>{item.mergedInto.survivorLabel}</a>
                  {' '}· <a href={`/admin/merges/${item.mergedInto.mergeId}/undo`}>Undo merge…</a></>
                : (
                  <form method="post" action={`/admin/trash/${item.revisionId}/restore`} class="inline">
                    <CsrfField token={csrf} />
                    <button type="submit" class="secondary" aria-label={`Restore ${item.label}`}>Restore</button>
                  </form>
                )}</td>
            </tr>
          ))}</tbody>
        </table></TableScroll>
      )}
      <Pager page={trash.page} hasMore={trash.hasMore} href={(p) => withQuery(c, { page: p })} label="Pages of the trash" />
    </AdminLayout>,
  )
})

historyAdmin.post('/trash/:revision{[0-9]{1,12}}/restore', editorOnly, async (c) => {
  const revisionId = Number(c.req.param('revision'))
  const revision = await findRevisionById(c.var.db, revisionId)
  if (!revision || revision.action !== 'delete' || !(HISTORY_TYPES as readonly string[]).includes(revision.entity_type)) {
    throw new NotFoundError('deleted record', revisionId)
  }
  const type = revision.entity_type as HistoryType
  try {
    const { restored } = await restoreVersion(c.var.db, type, revisionId, editorOf(c))
    await auditAction(c, `${type}-restored`, type, revision.entity_id, { revision: revisionId, slug: restored.slug, from: 'trash' })
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    c.status(409)
    return renderRestore(c, type, revision.entity_id, revisionId, error.message)
  }
  return c.redirect(`${historyPath(type, revision.entity_id)}?notice=restored`, 303)
})

// ---------------------------------------------------------------- undoing a merge

function movedSummary(moved: MovedRows, type: string) {
  const count = (n: number, one: string, many: string) => (n ? [`${n} ${n === 1 ? one : many}`] : [])
  return [
    ...count(moved.participations.length + moved.droppedParticipations.length, 'participation in an activity', 'participations in activities'),
    ...count(moved.affiliations.length + moved.droppedAffiliations.length, 'affiliation', 'affiliations'),
    ...count(moved.contributors.length + moved.droppedContributors.length, 'publication credit', 'publication credits'),
    ...count(moved.participationAffiliations.length, 'participant’s affiliation at the time', 'participants’ affiliations at the time'),
    ...count(moved.children.length, 'unit', 'units'),
    ...count(moved.redirects.length, `older address of the ${type}`, `older addresses of the ${type}`),
  ]
}

async function renderUndo(c: Context<AppEnv>, mergeId: number, error?: string) {
  const record = await findMergeRecord(c.var.db, mergeId)
  if (!record) throw new NotFoundError('merge', mergeId)
  const { type, snapshot, moved } = parseMergeRecord(record)
  const problem = error ?? await undoBlocker(c.var.db, record)
  const back = historyPath(type, record.survivor_id)
  return c.html(
    <AdminLayout title={`Undo the merge of ${snapshot.name}`} section="history" session={c.var.session}>
      <p class="meta"><a href={back}>History of the survivor</a></p>
      <h1>Undo the merge of {snapshot.name}?</h1>
      <p>{snapshot.name} was merged by {record.actor} on {when(record.at)}. Undoing brings it back with its address
        {' '}<code>/{type === 'person' ? 'people' : 'organizations'}/{snapshot.slug}</code>, and moves back to it:</p>
      <ul>
        {movedSummary(moved, type).map((line) => <li>{line}</li>)}
        {moved.names.length > 0 && <li>its names, which the survivor loses as variants: {moved.names.map((n) => n.name).join(', ')}</li>}
        {Object.keys(moved.filled).length > 0 && <li>the fields it filled in on the survivor: {Object.keys(moved.filled).join(', ').replaceAll('_', ' ')}</li>}
      </ul>
      <p>Rows changed since the merge stay where they are, and are listed afterwards in the audit log.</p>
      <ErrorSummary errors={problem ? [problem] : []} />
      {!problem && (
        <form method="post" action={`/admin/merges/${mergeId}/undo`} class="actions">
          <CsrfField token={c.var.session!.csrf_token} />
          <button type="submit">Undo merge</button>
          <a href={back}>Cancel</a>
        </form>
      )}
    </AdminLayout>,
  )
}

historyAdmin.get('/merges/:merge{[0-9]{1,12}}/undo', editorOnly, (c) => renderUndo(c, Number(c.req.param('merge'))))

historyAdmin.post('/merges/:merge{[0-9]{1,12}}/undo', editorOnly, async (c) => {
  const mergeId = Number(c.req.param('merge'))
  const record = await findMergeRecord(c.var.db, mergeId)
  if (!record) throw new NotFoundError('merge', mergeId)
  try {
    const result = await undoMerge(c.var.db, mergeId, editorOf(c))
    await auditAction(c, `${record.entity_type}-unmerged`, record.entity_type, record.merged_id, {
      merge: mergeId, survivor: record.survivor_id, name: result.restored.name, notReturned: result.notReturned,
    })
    const notice = result.notReturned.length ? 'unmerged_partly' : 'unmerged'
    return c.redirect(`${historyPath(record.entity_type, record.survivor_id)}?notice=${notice}`, 303)
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    c.status(409)
    return renderUndo(c, mergeId, error.message)
  }
})
