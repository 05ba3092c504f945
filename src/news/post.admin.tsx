import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { Editor } from '../accounts/editor.ts'
import { audit } from '../accounts/audit.service.ts'
import type { ActiveSession } from '../accounts/session.service.ts'
import { hasRole } from '../accounts/user.service.ts'
import { CsrfField, Notice, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import type { Db } from '../db/database.ts'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { findPendingImportOfPost } from '../importer/import.repository.ts'
import { renderMarkdown } from '../lib/markdown.ts'
import { pageOf, toPaged } from '../lib/pagination.ts'
import { validate } from '../lib/validate.ts'
import { KIND_LABELS, KINDS } from '../lib/vocabulary.ts'
import { findRevisionsOf, StaleVersionError } from '../revisions/index.ts'
import { Pager } from '../web/components.tsx'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery, withQuery, yearParam } from '../web/query.ts'
import {
  collectProblems, DEFAULT_SPARE_LINKS, DEFAULT_SPARE_PARTICIPANTS, emptyPostForm, type FormProblems, formVersions,
  noProblems, type PostForm, postFormFromBody, postFormFromSnapshot, postFormToInput, reconcilePickers,
} from './post.form.ts'
import * as repo from './post.repository.ts'
import { POST_STATUSES, PostInputSchema } from './post.schema.ts'
import { type PostSnapshot, postStore } from './post.store.ts'
import { createPostFromInput, deletePost, updatePostFromInput } from './post.write.ts'
import { formatAlmaty } from './views/almaty-time.ts'
import { PostComparison } from './views/post-conflict.tsx'
import { PostEditor, ProblemSummary, STATUS_LABELS } from './views/post-form.tsx'

/** The posts admin: list, write, edit, delete. Authors see and change only their own drafts. */
export const postAdmin = new Hono<AppEnv>()
postAdmin.use('/posts', requireRole('author'))
postAdmin.use('/posts/*', requireRole('author'))

const LIST_PAGE_SIZE = 25
const MORE_ROWS = 3
const PUBLIC_STATUSES = ['published', 'scheduled']

const editorOf = (s: ActiveSession): Editor => ({ userId: s.user_id, role: s.role, actor: s.email })
const mayPublish = (s: ActiveSession) => hasRole(s.role, 'editor')
const idParam = (c: Context<AppEnv>) => Number(c.req.param('id'))

// ---------------------------------------------------------------- list

const ListQuery = z.object({
  q: z.string().max(200, 'q: at most 200 characters').optional(),
  status: z.enum(POST_STATUSES, { message: `status must be one of ${POST_STATUSES.join(', ')}` }).optional(),
  year: yearParam.optional(),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
  author: z.coerce.number({ message: 'author must be an account number' }).int().positive().optional(),
  page: pageParam,
})
type ListQuery = z.infer<typeof ListQuery>

/** The posts a signed-in user may see in the admin: everyone's for editors, their own for authors. */
async function listPostsFor(db: Db, s: ActiveSession, q: ListQuery) {
  const own = mayPublish(s) ? undefined : s.user_id
  const page = pageOf(q.page, LIST_PAGE_SIZE)
  const rows = await repo.listAdminPosts(db, {
    text: q.q?.trim() || undefined, status: q.status, year: q.year, kind: q.kind, authorId: own ?? q.author,
  }, page)
  const [years, authors] = await Promise.all([repo.findAdminPostYears(db, own), own ? [] : repo.findPostAuthors(db)])
  return { posts: toPaged(rows, page), years, authors }
}

postAdmin.get('/posts', async (c) => {
  const s = c.var.session!
  const q = parseQuery(c, ListQuery)
  const { posts, years, authors } = await listPostsFor(c.var.db, s, q)
  const filtered = !!(q.q || q.status || q.year || q.kind || q.author)
  return c.html(
    <AdminLayout title="Posts" section="posts" session={s}>
      <h1>Posts</h1>
      <Notice code={c.req.query('notice')} />
      <div class="actions"><a class="button" href="/admin/posts/new">Write a post</a></div>
      <form method="get" action="/admin/posts" class="filters" role="search" aria-label="Find posts">
        <div class="field">
          <label for="q">Words in the title, summary or text</label>
          <input id="q" name="q" type="search" value={q.q ?? ''} />
        </div>
        <div class="field">
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">Any</option>
            {POST_STATUSES.map((v) => <option value={v} selected={q.status === v}>{STATUS_LABELS[v]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="year">Year</label>
          <select id="year" name="year">
            <option value="">Any</option>
            {years.map((y) => <option value={String(y)} selected={q.year === y}>{y}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="kind">Kind of activity</label>
          <select id="kind" name="kind">
            <option value="">Any</option>
            {KINDS.map((k) => <option value={k} selected={q.kind === k}>{KIND_LABELS[k]}</option>)}
          </select>
        </div>
        {mayPublish(s) && (
          <div class="field">
            <label for="author">Author</label>
            <select id="author" name="author">
              <option value="">Anyone</option>
              {authors.map((a) => <option value={String(a.id)} selected={q.author === a.id}>{a.name || a.email}</option>)}
            </select>
          </div>
        )}
        <div class="actions">
          <button type="submit">Find</button>
          {filtered && <a href="/admin/posts">Show all</a>}
        </div>
      </form>
      {!mayPublish(s) && <p class="hint">You see the posts you wrote.</p>}
      {posts.items.length === 0
        ? <p>{filtered ? 'No post matches these filters.' : 'There are no posts yet.'}</p>
        : (
          <TableScroll label="Posts"><table class="data posts">
            <caption class="visually-hidden">Posts, most recently changed first</caption>
            <thead><tr>
              <th scope="col">Title</th><th scope="col">Status</th><th scope="col">Publication (Almaty time)</th>
              <th scope="col">Activity</th><th scope="col">Author</th><th scope="col">Last change (Almaty time)</th>
            </tr></thead>
            <tbody>{posts.items.map((p) => (
              <tr>
                <td><a href={`/admin/posts/${p.id}`}>{p.title}</a></td>
                <td><span class={`tag status-${p.status}`}>{STATUS_LABELS[p.status] ?? p.status}</span></td>
                <td>{formatAlmaty(p.published_at)}</td>
                <td>{[p.activity_kind ? KIND_LABELS[p.activity_kind as keyof typeof KIND_LABELS] ?? p.activity_kind : null, p.activity_name]
                  .filter(Boolean).join(': ')}</td>
                <td>{p.author_name || p.author_email || ''}</td>
                <td>{formatAlmaty(p.updated_at)}</td>
              </tr>
            ))}</tbody>
          </table></TableScroll>
        )}
      <Pager page={posts.page} hasMore={posts.hasMore} href={(page) => withQuery(c, { page })} label="Pages of posts" />
    </AdminLayout>,
  )
})

// ---------------------------------------------------------------- the editor

interface EditorPage {
  form: PostForm
  /** The saved post; null for a new one. */
  post: PostSnapshot | null
  problems?: FormProblems
  status?: 400 | 403 | 404 | 409 | 200
  /** Where the form is sent; by default the post's own address. */
  action?: string
}

async function renderEditor(c: Context<AppEnv>, page: EditorPage) {
  const s = c.var.session!
  const { form, post } = page
  const problems = page.problems ?? noProblems()
  const revisionCount = post ? (await findRevisionsOf(c.var.db, 'post', post.id)).length : undefined
  const imported = post ? await findPendingImportOfPost(c.var.db, post.id) : undefined
  const title = post ? `Edit “${post.title}”` : 'New post'
  c.status(page.status ?? 200)
  return c.html(
    <AdminLayout title={title} section="posts" session={s}>
      <p class="meta"><a href="/admin/posts">Posts</a></p>
      <h1>{title}</h1>
      <Notice code={c.req.query('notice')} />
      {imported && mayPublish(s) && (
        <p class="notice">This draft was imported ({imported.source_name}, {imported.position}) with a proposed record of who
          did what. <a href={`/admin/import/${imported.id}`}>Review it in the import queue</a>: publishing there also makes its
          people, organizations and activity.</p>
      )}
      {post && PUBLIC_STATUSES.includes(post.status) && (
        <p>{post.status === 'published' ? 'Published' : `Scheduled for ${formatAlmaty(post.publishedAt)} (Almaty time)`}:{' '}
          <a href={`/news/${post.slug}`}>/news/{post.slug}</a></p>
      )}
      {post && !mayPublish(s) && PUBLIC_STATUSES.includes(post.status) && (
        <p class="notice">This post is {post.status}; only an editor can change it now.</p>
      )}
      <ProblemSummary problems={problems} />
      <PostEditor form={form} action={page.action ?? (post ? `/admin/posts/${post.id}` : '/admin/posts/new')}
        csrf={s.csrf_token} mayPublish={mayPublish(s)} problems={problems} previewHtml={renderMarkdown(form.body)}
        postId={post?.id} revisionCount={revisionCount} submitLabel={post ? 'Save changes' : 'Save the post'} />
    </AdminLayout>,
  )
}

function renderForbidden(c: Context<AppEnv>, message: string) {
  c.status(403)
  return c.html(
    <AdminLayout title="Not allowed" section="posts" session={c.var.session}>
      <h1>You may not do this</h1>
      <p>{message} Nothing was changed.</p>
      <p><a href="/admin/posts">Back to the posts</a></p>
    </AdminLayout>,
  )
}

/** The post to open in the admin; an author may open only their own. */
async function loadEditablePost(c: Context<AppEnv>, id: number) {
  const post = await postStore.load(c.var.db, id)
  if (!post) throw new NotFoundError('post', id)
  const s = c.var.session!
  if (!mayPublish(s) && post.authorId !== s.user_id) throw new ForbiddenError('Authors may open only their own posts.')
  return post
}

postAdmin.get('/posts/new', (c) => renderEditor(c, { form: emptyPostForm(), post: null }))

postAdmin.get('/posts/:id{[0-9]+}', async (c) => {
  try {
    const post = await loadEditablePost(c, idParam(c))
    return await renderEditor(c, { form: await postFormFromSnapshot(c.var.db, post), post })
  } catch (error) {
    if (error instanceof ForbiddenError) return renderForbidden(c, error.message)
    throw error
  }
})

const problemsOf = (error: InvalidInputError) => (error.problems.length ? error.problems : [error.message])

/** Every problem the schema finds in the input, for a form that already has problems of its own. */
function schemaProblems(input: unknown) {
  try {
    validate(PostInputSchema, input)
    return []
  } catch (error) {
    if (error instanceof InvalidInputError) return problemsOf(error)
    throw error
  }
}

/** Saves the form, or shows it again: with the preview or more rows asked for, or with what is wrong. */
async function submitPost(c: Context<AppEnv>, id: number | null) {
  const s = c.var.session!
  const db = c.var.db
  const body = await c.req.parseBody()
  const form = postFormFromBody(body)
  const action = typeof body._action === 'string' ? body._action : 'save'
  let post: PostSnapshot | null = null
  try {
    post = id === null ? null : await loadEditablePost(c, id)
  } catch (error) {
    if (error instanceof ForbiddenError) return renderForbidden(c, error.message)
    if (!(error instanceof NotFoundError)) throw error
    // Deleted while it was open: offer to save the text as a new post rather than lose it.
    const problems = collectProblems(['This post was deleted after you opened it. Save your text as a new post below, or restore the post from the trash.'], form)
    form.versions = { post: '', activity: '' }
    return renderEditor(c, { form, post: null, problems, status: 409, action: '/admin/posts/new' })
  }

  if (action === 'more-participants') form.spareParticipants += MORE_ROWS
  if (action === 'more-links') form.spareLinks += MORE_ROWS
  if (action !== 'save') return renderEditor(c, { form, post })
  form.spareParticipants = DEFAULT_SPARE_PARTICIPANTS
  form.spareLinks = DEFAULT_SPARE_LINKS

  const pickerProblems = await reconcilePickers(db, form)
  const input = postFormToInput(form)
  if (pickerProblems.length) {
    return renderEditor(c, { form, post, status: 400, problems: collectProblems([...pickerProblems, ...schemaProblems(input)], form) })
  }
  const editor = editorOf(s)
  try {
    const saved = id === null
      ? await createPostFromInput(db, input, editor)
      : await updatePostFromInput(db, id, input, editor, formVersions(form))
    await auditSave(c, post, saved)
    const notice = id === null ? 'created' : 'saved'
    return c.redirect(`/admin/posts/${saved.id}?notice=${notice}`, 303)
  } catch (error) {
    if (error instanceof StaleVersionError && post) return renderConflict(c, form, post.id)
    if (error instanceof InvalidInputError) {
      return renderEditor(c, { form, post, status: 400, problems: collectProblems(problemsOf(error), form) })
    }
    if (error instanceof ForbiddenError) return renderForbidden(c, error.message)
    if (error instanceof ConflictError) {
      const problem = error.message.startsWith('The address') ? `slug: ${error.message}` : error.message
      return renderEditor(c, { form, post, status: 409, problems: collectProblems([problem], form) })
    }
    throw error
  }
}

async function auditSave(c: Context<AppEnv>, before: PostSnapshot | null, after: PostSnapshot) {
  const s = c.var.session!
  const entry = { userId: s.user_id, email: s.email, targetType: 'post', targetId: after.id, ip: clientAddress(c) }
  await audit(c.var.db, { ...entry, action: before ? 'post-updated' : 'post-created', detail: { title: after.title, status: after.status } })
  if (PUBLIC_STATUSES.includes(after.status) && before?.status !== after.status) {
    await audit(c.var.db, { ...entry, action: after.status === 'scheduled' ? 'post-scheduled' : 'post-published',
      detail: { title: after.title, publishedAt: after.publishedAt } })
  }
}

/** Someone saved the post since the form was opened: both versions, and the form again on the newer one. */
async function renderConflict(c: Context<AppEnv>, yours: PostForm, id: number) {
  const s = c.var.session!
  const current = await postStore.load(c.var.db, id)
  if (!current) throw new NotFoundError('post', id)
  const saved = await postFormFromSnapshot(c.var.db, current)
  const again: PostForm = { ...yours, versions: saved.versions }
  c.status(409)
  return c.html(
    <AdminLayout title="Conflict" section="posts" session={s}>
      <p class="meta"><a href="/admin/posts">Posts</a></p>
      <h1>Someone else saved this post after you opened it</h1>
      <p class="notice" role="alert">Your changes are not saved yet. Compare your version with the one saved in the meantime.
        Your text is kept in the form below: change it if needed and save it again to replace the saved version, or{' '}
        <a href={`/admin/posts/${id}`}>open the saved version</a> and leave yours.</p>
      <PostComparison yours={yours} saved={saved} />
      <h2>Your version, ready to save again</h2>
      <PostEditor form={again} action={`/admin/posts/${id}`} csrf={s.csrf_token} mayPublish={mayPublish(s)}
        problems={noProblems()} previewHtml={renderMarkdown(again.body)} postId={id} submitLabel="Save my version" />
    </AdminLayout>,
  )
}

postAdmin.post('/posts/new', (c) => submitPost(c, null))
postAdmin.post('/posts/:id{[0-9]+}', (c) => submitPost(c, idParam(c)))

// ---------------------------------------------------------------- delete

postAdmin.get('/posts/:id{[0-9]+}/delete', async (c) => {
  const s = c.var.session!
  let post: PostSnapshot
  try {
    post = await loadEditablePost(c, idParam(c))
  } catch (error) {
    if (error instanceof ForbiddenError) return renderForbidden(c, error.message)
    throw error
  }
  return c.html(
    <AdminLayout title={`Delete “${post.title}”`} section="posts" session={s}>
      <p class="meta"><a href="/admin/posts">Posts</a> › <a href={`/admin/posts/${post.id}`}>{post.title}</a></p>
      <h1>Delete “{post.title}”?</h1>
      <p>The post moves to the trash: it leaves the public site and this list at once. An editor can restore it from the
        trash, with its history. The activity it reports and its participants stay in the archive.</p>
      <form method="post" action={`/admin/posts/${post.id}/delete`} class="actions">
        <CsrfField token={s.csrf_token} />
        <button type="submit" class="danger">Move to the trash</button>
        <a href={`/admin/posts/${post.id}`}>Keep it</a>
      </form>
    </AdminLayout>,
  )
})

postAdmin.post('/posts/:id{[0-9]+}/delete', async (c) => {
  const s = c.var.session!
  try {
    const removed = await deletePost(c.var.db, idParam(c), editorOf(s))
    await audit(c.var.db, {
      action: 'post-deleted', userId: s.user_id, email: s.email, targetType: 'post', targetId: removed.id,
      ip: clientAddress(c), detail: { title: removed.title, slug: removed.slug },
    })
    return c.redirect('/admin/posts?notice=deleted', 303)
  } catch (error) {
    if (error instanceof ForbiddenError) return renderForbidden(c, error.message)
    throw error
  }
})
