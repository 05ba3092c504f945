import { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { AdminLayout } from '../admin/layout.tsx'
import { requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { formatNumber, kindLabel } from '../web/format.ts'
import { parseQuery } from '../web/query.ts'
import { chartsOf } from './insight.charts.ts'
import { filtersOf, InsightQuerySchema } from './insight.filters.ts'
import { getFilterOptions, getInsights, getInternalRecords } from './insight.service.ts'
import { ChartFigure, HeadlineFigures, InsightFilters, isEmpty, periodLabel } from './insight.views.tsx'
import { findInstitute } from './institute.ts'
import { type DataQuality, getDataQuality, type QualityActivity } from './quality.service.ts'

/** /admin/insights: the same figures with internal records counted, and the data quality an editor acts on. */
export const insightAdmin = new Hono<AppEnv>()

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`

function QualityList<T>(props: {
  id: string; heading: string; listed: { count: number; first: T[] }; item: (item: T) => Child; empty: string; more?: { href: string; label: string }
}) {
  const { count, first } = props.listed
  return (
    <section aria-labelledby={props.id} class="quality" data-quality={props.id}>
      <h3 id={props.id}>{props.heading} <span class="count">({formatNumber(count)})</span></h3>
      {count === 0
        ? <p class="muted">{props.empty}</p>
        : (
          <>
            <ul>{first.map((item) => <li>{props.item(item)}</li>)}</ul>
            {count > first.length && (
              <p class="meta">{formatNumber(count - first.length)} more{props.more ? <> — <a href={props.more.href}>{props.more.label}</a></> : null}</p>
            )}
          </>
        )}
    </section>
  )
}

function ActivityFix(props: { activity: QualityActivity }) {
  const a = props.activity
  const label = a.name ?? a.post?.title ?? kindLabel(a.kind) ?? a.slug
  return (
    <>
      <a href={a.post ? `/admin/posts/${a.post.id}` : `/admin/history/activity/${a.id}`}>{label}</a>
      <span class="meta"> {a.starts_on ?? 'no date'}{a.internal && <> · <span class="tag">internal</span></>}{!a.post && ' · no post: see its history'}</span>
    </>
  )
}

function DataQualitySection(props: { quality: DataQuality }) {
  const q = props.quality
  return (
    <section aria-labelledby="data-quality">
      <h2 id="data-quality">Data quality</h2>
      <p>Records the figures above miss or count twice. Each links to where it is fixed.</p>
      <div class="grid quality-grid">
        <QualityList id="quality-people" heading="People without an affiliation" listed={q.peopleWithoutAffiliation}
          empty="Every person has an affiliation." more={{ href: '/admin/people', label: 'all people' }}
          item={(p) => <a href={`/admin/people/${p.id}`}>{p.name}</a>} />
        <QualityList id="quality-organizations" heading="Organizations without a country" listed={q.organizationsWithoutCountry}
          empty="Every organization has a country." more={{ href: '/admin/organizations', label: 'all organizations' }}
          item={(o) => <a href={`/admin/organizations/${o.id}`}>{o.name}</a>} />
        <QualityList id="quality-place" heading="Activities without a place" listed={q.activitiesWithoutPlace}
          empty="Every activity has a city or a country." item={(a) => <ActivityFix activity={a} />} />
        <QualityList id="quality-kind" heading="Activities without a kind" listed={q.activitiesWithoutKind}
          empty="Every activity has a kind." item={(a) => <ActivityFix activity={a} />} />
        <QualityList id="quality-imports" heading="Imported news waiting for review" listed={q.pendingImports}
          empty="Nothing is waiting." more={{ href: '/admin/import', label: 'the review queue' }}
          item={(i) => <><a href={`/admin/import/${i.id}`}>{i.post_title ?? `${i.source_name} ${i.position}`}</a>
            <span class="meta"> {i.source_name} · {i.created_at.slice(0, 10)}</span></>} />
        <QualityList id="quality-duplicates" heading="Likely duplicates" listed={q.duplicates}
          empty="No two records share a name or its spelling in the other alphabet."
          item={(d) => {
            const base = d.type === 'person' ? '/admin/people' : '/admin/organizations'
            return (
              <>
                <a href={`${base}/${d.keep.id}`}>{d.keep.name}</a> and <a href={`${base}/${d.duplicate.id}`}>{d.duplicate.name}</a>
                <span class="meta"> {d.type} · {d.reason === 'same-name' ? 'the same name' : 'Latin and Cyrillic spellings of one name'}</span>
                {' '}<a href={`${base}/${d.duplicate.id}/merge?into=${d.keep.id}`}>Review the merge</a>
              </>
            )
          }} />
      </div>
    </section>
  )
}

/** Which of the counted records the public does not see, so an editor can tell the two pages' figures apart. */
function InternalRecords(props: { records: Awaited<ReturnType<typeof getInternalRecords>>; total: number }) {
  const { activities, internalParticipations } = props.records
  return (
    <section aria-labelledby="internal-records" class="internal-records">
      <h2 id="internal-records">Internal records counted here</h2>
      {props.total === 0 && internalParticipations === 0
        ? <p>None: these figures are the public page’s.</p>
        : (
          <>
            <p>{plural(props.total, 'internal activity', 'internal activities')} and {plural(internalParticipations, 'internal participation', 'internal participations')} in public
              {' '}activities are counted here and left out of the public page.</p>
            {activities.length > 0 && (
              <ul>{activities.map((a) => (
                <li><a href={a.post_id !== null ? `/admin/posts/${a.post_id}` : `/admin/history/activity/${a.id}`}>{a.name ?? kindLabel(a.kind) ?? a.slug}</a>
                  <span class="meta"> {a.starts_on ?? 'no date'} · <span class="tag">internal</span></span></li>
              ))}</ul>
            )}
            {props.total > activities.length && <p class="meta">{formatNumber(props.total - activities.length)} more internal activities.</p>}
          </>
        )}
    </section>
  )
}

insightAdmin.get('/insights', requireRole('editor'), async (c) => {
  const query = parseQuery(c, InsightQuerySchema)
  const db = c.var.db
  const institute = await findInstitute(db, c.var.institute)
  const filters = filtersOf(query, true)
  const [insights, options, quality, internalRecords] = await Promise.all([
    getInsights(db, filters, institute),
    getFilterOptions(db, true),
    getDataQuality(db),
    getInternalRecords(db, filters),
  ])
  const empty = isEmpty(insights)
  const charts = empty ? [] : await chartsOf(insights, 'en')
  const period = periodLabel(query)
  const internal = insights.internalActivities
  return c.html(
    <AdminLayout title="Insights" section="insights" session={c.var.session}>
      <h1>Insights</h1>
      <p>The figures of <a href="/insights">the public page</a>, with internal activities and internal participations counted
        {institute ? <>; staff are the people affiliated with <a href={`/organizations/${institute.slug}`}>{institute.name}</a></> : null}.</p>
      <InsightFilters base="/admin/insights" query={query} options={options} />
      {empty
        ? <p class="notice" role="status">{period}: no activities or publications are recorded. <a href="/admin/insights">Show all years</a></p>
        : (
          <>
            <HeadlineFigures insights={insights} heading={`In figures: ${period}`}
              notes={{ activities: internal ? <span class="internal-note">{plural(internal, 'internal activity', 'internal activities')} included</span> : 'none internal' }} />
            <InternalRecords records={internalRecords} total={internal} />
            {charts.map((chart) => <ChartFigure chart={chart} />)}
          </>
        )}
      <DataQualitySection quality={quality} />
    </AdminLayout>,
  )
})
