import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import { z } from 'zod'
import { renderMarkdown } from '../lib/markdown.ts'
import { KINDS } from '../lib/vocabulary.ts'
import { ActivityLine, FactsBox, Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { formatDate, formatDateRange, formatPlace, kindLabel, languageName } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { pageParam, parseQuery, toPage, withQuery, yearParam } from '../web/query.ts'
import { findNewsYears, getFrontPage, getPublishedPost, listNews, type PostSummary, versionFor } from './post.service.ts'
import { currentLang, localPath, t } from '../i18n/locale.ts'
import type { Lang } from '../i18n/languages.ts'
import { feedAddresses } from '../feeds/feed.service.ts'
import { absoluteUrl, event, publisher, webSite, withContext } from '../web/jsonld.ts'

export const newsPages = new Hono<AppEnv>()

const NewsQuery = z.object({
  page: pageParam,
  year: yearParam.optional(),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
})

/**
 * A post in a list; its heading is one level below the list's own (h2 under the page's h1 on /news).
 * Written as text, the same markup as JSX would make: a list page shows twenty, and hono/jsx took
 * longer to build and walk their elements than the database took to find them.
 */
function postCard(p: PostSummary, heading: 'h2' | 'h3') {
  const place = formatPlace(p.activity_city, p.activity_country)
  const kind = kindLabel(p.activity_kind)
  const lang = p.lang === currentLang() ? '' : html` lang="${p.lang}"`
  return html`<li class="card"><div class="meta"><time${p.published_at ? html` datetime="${p.published_at}"` : ''}>${formatDate(p.published_at)}</time>${
    kind ? html` · <span class="tag">${kind}</span>` : ''}</div><${raw(heading)}><a href="${localPath(`/news/${p.slug}`)}"${lang}>${p.title}</a></${raw(heading)}>${
    p.summary ? html`<p${lang}>${p.summary}</p>` : ''}${
    p.activity_starts_on || place ? html`<p class="meta">${
      p.activity_starts_on ? t('news.tookPlace', { dates: formatDateRange(p.activity_starts_on, p.activity_ends_on) }) : ''}${
      place ? html` · ${place}` : ''}</p>` : ''}</li>`
}

newsPages.get('/', async (c) => {
  const front = await getFrontPage(c.var.db)
  return c.html(
    <Layout title={t('home.title')} section="home" description={t('site.description')} jsonLd={webSite()} feeds={feedAddresses('')}>
      <h1>{t('site.homeTitle')}</h1>
      <div class="grid two">
        <section aria-labelledby="latest">
          <h2 id="latest">{t('home.latest')}</h2>
          <ul class="cards">{front.latest.map((post) => postCard(post, 'h3'))}</ul>
          <p><a href={localPath('/news')}>{t('home.allNews')}</a></p>
        </section>
        <div>
          <section aria-labelledby="upcoming">
            <h2 id="upcoming">{t('home.upcoming')}</h2>
            {front.upcoming.length
              ? <ul class="list">{front.upcoming.map((a) => <ActivityLine activity={a} />)}</ul>
              : <p class="muted">{t('home.noUpcoming')}</p>}
          </section>
          <section aria-labelledby="recent">
            <h2 id="recent">{t('home.recent')}</h2>
            <ul class="list">{front.recent.map((a) => <ActivityLine activity={a} />)}</ul>
          </section>
        </div>
      </div>
    </Layout>,
  )
})

newsPages.get('/news', async (c) => {
  const query = parseQuery(c, NewsQuery)
  const [news, years] = await Promise.all([
    listNews(c.var.db, { year: query.year, kind: query.kind }, toPage(query.page)),
    findNewsYears(c.var.db),
  ])
  const filtered = query.year || query.kind
  return c.html(
    <Layout title={t('news.title')} section="news" description={t('news.description')} feeds={feedAddresses('')}>
      <h1>{t('news.title')}</h1>
      <form class="filters" method="get" action={localPath('/news')}>
        <label>{t('news.year')}
          <select name="year">
            <option value="">{t('news.allYears')}</option>
            {(query.year && !years.includes(query.year) ? [query.year, ...years] : years)
              .map((y) => <option value={String(y)} selected={y === query.year}>{y}</option>)}
          </select>
        </label>
        <label>{t('news.kind')}
          <select name="kind">
            <option value="">{t('news.allKinds')}</option>
            {KINDS.map((k) => <option value={k} selected={k === query.kind}>{kindLabel(k)}</option>)}
          </select>
        </label>
        <button type="submit">{t('news.show')}</button>
        {filtered && <a href={localPath('/news')}>{t('news.clear')}</a>}
      </form>
      {news.items.length
        ? <ul class="cards">{news.items.map((post) => postCard(post, 'h2'))}</ul>
        : news.page > 1
          ? <p class="notice">{t('news.pastEnd')} <a href={withQuery(c, { page: 1 })}>{t('news.firstPage')}</a>.</p>
          : <p class="notice">{t('news.none')} <a href={localPath('/news')}>{t('news.showAll')}</a>.</p>}
      <Pager page={news.page} hasMore={news.hasMore} href={(page) => withQuery(c, { page })} />
    </Layout>,
  )
})

newsPages.get('/news/:slug', async (c) => {
  const published = await getPublishedPost(c.var.db, c.req.param('slug'))
  const { post, links, activity, publications } = published
  const version = versionFor(published, currentLang())
  const url = absoluteUrl(`/news/${post.slug}`)
  const article = withContext({
    '@type': 'NewsArticle', headline: version.title, description: version.summary, inLanguage: version.lang, url,
    datePublished: post.published_at, dateModified: post.updated_at, publisher: publisher(), author: publisher(),
    ...(activity ? { about: event(activity, activity.name ?? version.title, url) } : {}),
  })
  const otherLanguage = version.lang === currentLang() ? undefined : version.lang
  return c.html(
    <Layout title={version.title} section="news" description={version.summary} ogType="article" jsonLd={article}>
      <p class="meta"><a href={localPath('/news')}>{t('news.title')}</a> · <time datetime={post.published_at ?? undefined}>{formatDate(post.published_at)}</time></p>
      {!version.translated && <p class="notice" role="note">{t('news.onlyIn', { language: languageName(version.lang as Lang) })}</p>}
      <h1 lang={otherLanguage}>{version.title}</h1>
      <div class="grid two">
        <article class="article" lang={otherLanguage}>
          {raw(renderMarkdown(version.body))}
          {links.length > 0 && (
            <section aria-labelledby="read-more">
              <h2 id="read-more" lang={currentLang()}>{t('news.readMore')}</h2>
              <ul>{links.map((l) => <li><a href={l.url} rel="nofollow noopener">{l.label ?? l.url}</a></li>)}</ul>
            </section>
          )}
          {publications.length > 0 && (
            <section aria-labelledby="publications" lang={currentLang()}>
              <h2 id="publications">{t('news.publications')}</h2>
              <ul>{publications.map((p) => <li><a href={localPath(`/publications/${p.slug}`)}>{p.title}</a></li>)}</ul>
            </section>
          )}
        </article>
        {activity && <FactsBox activity={{ ...activity, post: null }} />}
      </div>
    </Layout>,
  )
})
