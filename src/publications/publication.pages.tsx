import { Hono } from 'hono'
import { currentLocale, localPath, t } from '../i18n/locale.ts'
import { absoluteUrl, publisher, withContext } from '../web/jsonld.ts'
import { creditLabel, methodLabel, publicationKindLabel } from './publication.labels.ts'
import { describeMime, fileUrl } from '../files/file.service.ts'
import type { AppEnv } from '../web/env.ts'
import { formatBytes, formatDate, formatDateRange } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { getPublication, listPublicationsPage, type PublicationView } from './publication.service.ts'

export const publicationPages = new Hono<AppEnv>()

function reportJsonLd(view: PublicationView) {
  const p = view.publication
  const party = (x: PublicationView['contributors'][number]) => x.person_slug
    ? { '@type': 'Person', name: x.person_name, url: absoluteUrl(`/people/${x.person_slug}`) }
    : { '@type': 'Organization', name: x.organization_name, url: absoluteUrl(`/organizations/${x.organization_slug}`) }
  const inRole = (...roles: string[]) => view.contributors.filter((x) => roles.includes(x.role)).map(party)
  return withContext({
    '@type': p.kind === 'report' ? 'Report' : p.kind === 'dataset' ? 'Dataset' : p.kind === 'book' ? 'Book' : 'ScholarlyArticle',
    name: p.title, url: absoluteUrl(`/publications/${p.slug}`),
    ...(p.summary ? { description: p.summary } : {}), ...(p.published_on ? { datePublished: p.published_on } : {}),
    author: inRole('author'), funder: inRole('commissioner', 'supporter'), contributor: inRole('partner', 'presenter'),
    publisher: publisher(),
    ...(view.files.length ? { associatedMedia: view.files.map((f) => ({ '@type': 'MediaObject', name: f.label ?? f.file_name, encodingFormat: f.mime, contentUrl: currentLocale().origin + fileUrl(f.sha256, f.file_name) })) } : {}),
  })
}

publicationPages.get('/publications', async (c) => {
  const list = await listPublicationsPage(c.var.db)
  return c.html(
    <Layout title={t('publications.title')} section="publications" description={t('publications.description')}>
      <h1>{t('publications.title')}</h1>
      {list.length
        ? <ul class="list">{list.map((p) => (
          <li><a href={localPath(`/publications/${p.slug}`)}>{p.title}</a><div class="meta">{publicationKindLabel(p.kind)} · {formatDate(p.published_on)}</div></li>
        ))}</ul>
        : <p class="muted">{t('publications.none')}</p>}
    </Layout>,
  )
})

publicationPages.get('/publications/:slug', async (c) => {
  const view = await getPublication(c.var.db, c.req.param('slug'))
  const { publication: p } = view
  const roles = [...new Set(view.contributors.map((x) => x.role))]
  const hasMethod = p.sample_size || p.regions || view.methods.length || p.fieldwork_from || p.fieldwork_to
  return c.html(
    <Layout title={p.title} section="publications" description={p.summary ?? p.title} ogType="article" jsonLd={reportJsonLd(view)}>
      <p class="meta"><a href={localPath('/publications')}>{t('publications.title')}</a> · <span class="tag">{publicationKindLabel(p.kind)}</span> · {formatDate(p.published_on)}</p>
      <h1>{p.title}</h1>
      {p.summary && <p class="lede">{p.summary}</p>}
      <div class="grid two">
        <div>
          {hasMethod && (
            <section aria-labelledby="method">
              <h2 id="method">{t('publication.method')}</h2>
              <dl class="facts">
                {p.sample_size && <><dt>{t('publication.sample')}</dt><dd>{t('publication.respondents', { count: p.sample_size })}</dd></>}
                {p.regions && <><dt>{t('publication.regions')}</dt><dd>{p.regions}</dd></>}
                {view.methods.length > 0 && <><dt>{t('publication.methods')}</dt><dd><ul>{view.methods.map((m) => <li>{methodLabel(m)}</li>)}</ul></dd></>}
                {(p.fieldwork_from || p.fieldwork_to) && (
                  <><dt>{t('publication.fieldwork')}</dt><dd>{p.fieldwork_from && p.fieldwork_to
                    ? formatDateRange(p.fieldwork_from, p.fieldwork_to)
                    : p.fieldwork_from ? t('publication.fieldworkFrom', { date: formatDate(p.fieldwork_from) })
                      : t('publication.fieldworkUntil', { date: formatDate(p.fieldwork_to) })}</dd></>
                )}
              </dl>
            </section>
          )}
          {view.files.length > 0 && (
            <section aria-labelledby="files">
              <h2 id="files">{t('publication.download')}</h2>
              <ul class="list files">{view.files.map((f) => (
                <li>
                  <a href={fileUrl(f.sha256, f.file_name)} download={f.file_name}>{f.label ?? f.file_name}</a>
                  <div class="meta">{f.label && <>{f.file_name} · </>}{describeMime(f.mime)} · {formatBytes(f.size)}</div>
                </li>
              ))}</ul>
            </section>
          )}
          {view.activity && (
            <section aria-labelledby="presented">
              <h2 id="presented">{t('publication.presented')}</h2>
              <p>
                {formatDateRange(view.activity.starts_on, view.activity.ends_on)}:{' '}
                <a href={localPath(view.post ? `/news/${view.post.slug}` : `/activities/${view.activity.slug}`)}>
                  {view.post?.title ?? view.activity.name ?? t('publication.thePresentation')}
                </a>
              </p>
            </section>
          )}
        </div>
        <aside class="facts" aria-labelledby="credits">
          <h2 id="credits">{t('publication.credits')}</h2>
          {roles.map((role) => (
            <section>
              <h3>{creditLabel(role)}</h3>
              <ul>{view.contributors.filter((x) => x.role === role).map((x) => (
                <li>{x.person_slug
                  ? <a href={localPath(`/people/${x.person_slug}`)}>{x.person_name}</a>
                  : <a href={localPath(`/organizations/${x.organization_slug}`)}>{x.organization_name}</a>}</li>
              ))}</ul>
            </section>
          ))}
        </aside>
      </div>
    </Layout>,
  )
})
