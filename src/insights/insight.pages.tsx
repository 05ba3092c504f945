import { Hono } from 'hono'
import { currentLang, localPath, t } from '../i18n/locale.ts'
import type { AppEnv } from '../web/env.ts'
import { Layout } from '../web/layout.tsx'
import { parseQuery } from '../web/query.ts'
import { chartsOf } from './insight.charts.ts'
import { filtersOf, InsightQuerySchema } from './insight.filters.ts'
import { getFilterOptions, getInsights } from './insight.service.ts'
import { ChartFigure, HeadlineFigures, InsightFilters, insightHref, isEmpty, periodLabel } from './insight.views.tsx'
import { findInstitute } from './institute.ts'

/** /insights: the public archive at a glance. Internal activities and participations are left out of every figure. */
export const insightPages = new Hono<AppEnv>()

insightPages.get('/insights', async (c) => {
  const query = parseQuery(c, InsightQuerySchema)
  const institute = await findInstitute(c.var.db, c.var.institute)
  const [insights, options] = await Promise.all([
    getInsights(c.var.db, filtersOf(query), institute),
    getFilterOptions(c.var.db, false),
  ])
  const empty = isEmpty(insights)
  const charts = empty ? [] : await chartsOf(insights, currentLang())
  const base = localPath('/insights')
  const period = periodLabel(query)
  return c.html(
    <Layout title={query.year !== undefined ? `${t('insights.title')} ${query.year}` : t('insights.title')} section="insights"
      description={t('insights.description')}>
      <h1>{t('insights.title')}</h1>
      <p class="lede">{institute ? t('insights.lede', { institute: institute.name }) : t('insights.ledeNoInstitute')}</p>
      <InsightFilters base={base} query={query} options={options} />
      {empty
        ? <p class="notice" role="status">{t('insights.empty', { period })} <a href={base}>{t('insights.showAll')}</a></p>
        : (
          <>
            <HeadlineFigures insights={insights} heading={`${t('insights.headline')}: ${period}`} />
            {charts.map((chart) => <ChartFigure chart={chart} />)}
          </>
        )}
      <p class="meta"><a href={insightHref('/api/v1/insights', query)}>{t('insights.json')}</a></p>
    </Layout>,
  )
})
