import { Hono } from 'hono'
import { describeMime, fileUrl, formatFileSize } from '../files/file.service.ts'
import type { AppEnv } from '../web/env.ts'
import { formatDate, formatDateRange, formatNumber } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { getPublication, listPublicationsPage } from './publication.service.ts'

export const publicationPages = new Hono<AppEnv>()

const METHOD_NAMES: Record<string, string> = {
  'mass-survey': 'Mass survey', 'expert-interviews': 'Expert interviews', 'focus-groups': 'Focus group discussions',
}
const CONTRIBUTOR_ROLES: Record<string, string> = {
  author: 'Prepared by', presenter: 'Presented by', commissioner: 'Commissioned by', partner: 'In partnership with',
  supporter: 'With the support of', organizer: 'Organized by',
}

publicationPages.get('/publications', async (c) => {
  const list = await listPublicationsPage(c.var.db)
  return c.html(
    <Layout title="Publications" section="publications" description="Reports, articles and datasets of the institute.">
      <h1>Publications</h1>
      {list.length
        ? <ul class="list">{list.map((p) => (
          <li><a href={`/publications/${p.slug}`}>{p.title}</a><div class="meta">{p.kind} · {formatDate(p.published_on)}</div></li>
        ))}</ul>
        : <p class="muted">No publications yet.</p>}
    </Layout>,
  )
})

publicationPages.get('/publications/:slug', async (c) => {
  const view = await getPublication(c.var.db, c.req.param('slug'))
  const { publication: p } = view
  const roles = [...new Set(view.contributors.map((x) => x.role))]
  const hasMethod = p.sample_size || p.regions || view.methods.length || p.fieldwork_from || p.fieldwork_to
  return c.html(
    <Layout title={p.title} section="publications" description={p.summary ?? p.title}>
      <p class="meta"><a href="/publications">Publications</a> · <span class="tag">{p.kind}</span> · {formatDate(p.published_on)}</p>
      <h1>{p.title}</h1>
      {p.summary && <p class="lede">{p.summary}</p>}
      <div class="grid two">
        <div>
          {hasMethod && (
            <section aria-labelledby="method">
              <h2 id="method">Method</h2>
              <dl class="facts">
                {p.sample_size && <><dt>Sample</dt><dd>{formatNumber(p.sample_size)} respondents</dd></>}
                {p.regions && <><dt>Regions</dt><dd>{p.regions}</dd></>}
                {view.methods.length > 0 && <><dt>Methods</dt><dd><ul>{view.methods.map((m) => <li>{METHOD_NAMES[m] ?? m}</li>)}</ul></dd></>}
                {(p.fieldwork_from || p.fieldwork_to) && (
                  <><dt>Fieldwork</dt><dd>{p.fieldwork_from && p.fieldwork_to
                    ? formatDateRange(p.fieldwork_from, p.fieldwork_to)
                    : p.fieldwork_from ? `from ${formatDate(p.fieldwork_from)}` : `until ${formatDate(p.fieldwork_to)}`}</dd></>
                )}
              </dl>
            </section>
          )}
          {view.files.length > 0 && (
            <section aria-labelledby="files">
              <h2 id="files">Download</h2>
              <ul class="list files">{view.files.map((f) => (
                <li>
                  <a href={fileUrl(f.sha256, f.file_name)} download={f.file_name}>{f.label ?? f.file_name}</a>
                  <div class="meta">{f.label && <>{f.file_name} · </>}{describeMime(f.mime)} · {formatFileSize(f.size)}</div>
                </li>
              ))}</ul>
            </section>
          )}
          {view.activity && (
            <section aria-labelledby="presented">
              <h2 id="presented">Presented</h2>
              <p>
                {formatDateRange(view.activity.starts_on, view.activity.ends_on)}:{' '}
                <a href={view.post ? `/news/${view.post.slug}` : `/activities/${view.activity.slug}`}>
                  {view.post?.title ?? view.activity.name ?? 'the presentation'}
                </a>
              </p>
            </section>
          )}
        </div>
        <aside class="facts" aria-labelledby="credits">
          <h2 id="credits">Credits</h2>
          {roles.map((role) => (
            <section>
              <h3>{CONTRIBUTOR_ROLES[role] ?? role}</h3>
              <ul>{view.contributors.filter((x) => x.role === role).map((x) => (
                <li>{x.person_slug
                  ? <a href={`/people/${x.person_slug}`}>{x.person_name}</a>
                  : <a href={`/organizations/${x.organization_slug}`}>{x.organization_name}</a>}</li>
              ))}</ul>
            </section>
          ))}
        </aside>
      </div>
    </Layout>,
  )
})
