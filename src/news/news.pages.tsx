import { Hono } from 'hono'
import { raw } from 'hono/html'
import { z } from 'zod'
import { renderMarkdown } from '../lib/markdown.ts'
import { KINDS } from '../lib/vocabulary.ts'
import { ActivityLine, FactsBox, Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { formatDate, formatDateRange, formatPlace, kindLabel } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { pageParam, parseQuery, toPage, withQuery, yearParam } from '../web/query.ts'
import { findNewsYears, getFrontPage, getPublishedPost, listNews, type PostSummary } from './post.service.ts'

export const newsPages = new Hono<AppEnv>()

const NewsQuery = z.object({
  page: pageParam,
  year: yearParam.optional(),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
})

function PostCard(props: { post: PostSummary }) {
  const p = props.post
  const place = formatPlace(p.activity_city, p.activity_country)
  return (
    <li class="card">
      <div class="meta">
        <time datetime={p.published_at ?? undefined}>{formatDate(p.published_at)}</time>
        {kindLabel(p.activity_kind) && <> · <span class="tag">{kindLabel(p.activity_kind)}</span></>}
      </div>
      <h3><a href={`/news/${p.slug}`}>{p.title}</a></h3>
      {p.summary && <p>{p.summary}</p>}
      {(p.activity_starts_on || place) && (
        <p class="meta">
          {p.activity_starts_on && <>Took place {formatDateRange(p.activity_starts_on, p.activity_ends_on)}</>}
          {place && <> in {place}</>}
        </p>
      )}
    </li>
  )
}

newsPages.get('/', async (c) => {
  const front = await getFrontPage(c.var.db)
  return c.html(
    <Layout title="Home" section="home" description="News, activities, people and publications of the Public Opinion Research Institute.">
      <h1>News and activities</h1>
      <div class="grid two">
        <section aria-labelledby="latest">
          <h2 id="latest">Latest news</h2>
          <ul class="cards">{front.latest.map((post) => <PostCard post={post} />)}</ul>
          <p><a href="/news">All news →</a></p>
        </section>
        <div>
          <section aria-labelledby="upcoming">
            <h2 id="upcoming">Upcoming activities</h2>
            {front.upcoming.length
              ? <ul class="list">{front.upcoming.map((a) => <ActivityLine activity={a} />)}</ul>
              : <p class="muted">No upcoming activities are announced yet.</p>}
          </section>
          <section aria-labelledby="recent">
            <h2 id="recent">Recent activities</h2>
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
    <Layout title="News" section="news" description="All news of the institute, by year and kind of activity.">
      <h1>News</h1>
      <form class="filters" method="get" action="/news">
        <label>Year
          <select name="year">
            <option value="">All years</option>
            {(query.year && !years.includes(query.year) ? [query.year, ...years] : years)
              .map((y) => <option value={String(y)} selected={y === query.year}>{y}</option>)}
          </select>
        </label>
        <label>Kind of activity
          <select name="kind">
            <option value="">All kinds</option>
            {KINDS.map((k) => <option value={k} selected={k === query.kind}>{kindLabel(k)}</option>)}
          </select>
        </label>
        <button type="submit">Show</button>
        {filtered && <a href="/news">Clear filters</a>}
      </form>
      {news.items.length
        ? <ul class="cards">{news.items.map((post) => <PostCard post={post} />)}</ul>
        : news.page > 1
          ? <p class="notice">There are fewer pages than that. <a href={withQuery(c, { page: 1 })}>Go to the first page</a>.</p>
          : <p class="notice">No news matches these filters. <a href="/news">Show all news</a>.</p>}
      <Pager page={news.page} hasMore={news.hasMore} href={(page) => withQuery(c, { page })} />
    </Layout>,
  )
})

newsPages.get('/news/:slug', async (c) => {
  const { post, links, activity, publications } = await getPublishedPost(c.var.db, c.req.param('slug'))
  return c.html(
    <Layout title={post.title} section="news" description={post.summary}>
      <p class="meta"><a href="/news">News</a> · <time datetime={post.published_at ?? undefined}>{formatDate(post.published_at)}</time></p>
      <h1>{post.title}</h1>
      <div class="grid two">
        <article class="article">
          {raw(renderMarkdown(post.body))}
          {links.length > 0 && (
            <section aria-labelledby="read-more">
              <h2 id="read-more">Read more</h2>
              <ul>{links.map((l) => <li><a href={l.url} rel="nofollow noopener">{l.label ?? l.url}</a></li>)}</ul>
            </section>
          )}
          {publications.length > 0 && (
            <section aria-labelledby="publications">
              <h2 id="publications">Publications</h2>
              <ul>{publications.map((p) => <li><a href={`/publications/${p.slug}`}>{p.title}</a></li>)}</ul>
            </section>
          )}
        </article>
        {activity && <FactsBox activity={{ ...activity, post: null }} />}
      </div>
    </Layout>,
  )
})
