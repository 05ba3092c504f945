import { describe, expect, it } from 'vitest'
import { chartsOf } from './insight.charts.ts'
import { filtersOf } from './insight.filters.ts'
import type { Insights } from './insight.types.ts'

const figure = (value: number) => ({ value, previous: null })

function insightsOf(byMonth: Insights['byMonth']): Insights {
  return {
    filters: filtersOf({}), institute: null,
    headline: { activities: figure(0), posts: figure(0), people: figure(0), partners: figure(2), countries: figure(2), publications: figure(0) },
    internalActivities: 0, undatedActivities: 2, byMonth, staffRoles: [],
    partnersByCountry: [{ country: 'KZ', organizations: 2, activities: 3 }, { country: 'SG', organizations: 1, activities: 1 }],
    topPartners: [], publications: [],
  }
}

describe('charts', () => {
  it('draws a period of many years a bar a year, each year between the first and the last on the axis', async () => {
    const byMonth = [
      { month: '2015-03', kind: 'forum', activities: 2 }, { month: '2015-07', kind: 'forum', activities: 1 },
      { month: '2019-01', kind: 'lecture', activities: 4 }, { month: '2019-02', kind: 'other', activities: 1 },
    ]
    const [chart] = await chartsOf(insightsOf(byMonth), 'ru')
    expect(chart!.id).toBe('activities-by-month')
    expect(chart!.title).toBe('Мероприятия по годам и видам')
    expect(chart!.table.rows).toEqual([['2015', 'Форум', 3], ['2019', 'Лекция', 4], ['2019', 'Другое', 1]])
    expect(chart!.summary).toBe('8 мероприятий с датой; больше всего — в 2019 году (5). Чаще всего: Лекция (4). 2 мероприятия без даты не показаны.')
    for (const year of ['2015', '2016', '2017', '2018', '2019']) expect(chart!.svg).toContain(`>${year}</text>`)
  })

  it('keeps months for up to three years, and names every chart and map for screen readers', async () => {
    const charts = await chartsOf(insightsOf([{ month: '2024-01', kind: 'forum', activities: 1 }, { month: '2024-11', kind: 'forum', activities: 2 }]), 'en')
    expect(charts.map((c) => c.id)).toEqual(['activities-by-month', 'partners-map'])
    expect(charts[0]!.title).toBe('Activities per month, by kind')
    expect(charts[0]!.table.rows).toEqual([['Jan 2024', 'Forum', 1], ['Nov 2024', 'Forum', 2]])
    for (const chart of charts) {
      expect(chart.svg).toMatch(new RegExp(`^<svg[^>]* role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc"`))
      expect(chart.svg).toContain(`<title id="${chart.id}-title">${chart.title}</title>`)
      expect(chart.svg).toMatch(/viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"/)
      expect(chart.svg).not.toMatch(/\srole="graphics-|\sstyle="/)
    }
    expect(charts[1]!.svg).toContain('<title>Kazakhstan: 2 partner organizations</title>')
    expect(charts[1]!.summary).toContain('Too small for the map, listed in the table: Singapore.')
  })
})
