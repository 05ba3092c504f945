import type { Db } from '../db/database.ts'
import type { Lang } from '../i18n/languages.ts'
import { localeTag, runWithLocale, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { chartsOf } from '../insights/insight.charts.ts'
import { filtersOf } from '../insights/insight.filters.ts'
import { getInsights } from '../insights/insight.service.ts'
import type { Figure, Insights } from '../insights/insight.types.ts'
import { findInstitute, type Institute } from '../insights/institute.ts'
import { NotFoundError } from '../lib/errors.ts'
import { KINDS } from '../lib/vocabulary.ts'
import { parseMethods } from '../publications/publication.service.ts'
import { creditLabel, methodLabel, publicationKindLabel } from '../publications/publication.labels.ts'
import { countryName, formatDate, formatDateRange, formatPlace, kindLabel } from '../web/format.ts'
import { type Block, type Cell, REPORT_CONTENT_TYPES, type ReportDocument, type ReportFormat, type ReportSection,
  type ReportTable } from './report.document.ts'
import * as repo from './report.repository.ts'
import { groupBy } from '../lib/group-by.ts'

// Loaded when a report is written: pdfkit, docx, exceljs and resvg would slow every start of the server and the commands.
const WRITERS: Record<ReportFormat, () => Promise<(report: ReportDocument) => Promise<Buffer> | string>> = {
  pdf: async () => (await import('./report.pdf.ts')).writePdf,
  docx: async () => (await import('./report.docx.ts')).writeDocx,
  md: async () => (await import('./report.md.ts')).writeMarkdown,
  xlsx: async () => (await import('./report.xlsx.ts')).writeXlsx,
}

export interface RenderedReport {
  body: Buffer
  /** "activity-report-2024-en.pdf" */
  fileName: string
  contentType: string
}

/** The annual report of a year, written in a format. */
export async function renderReport(db: Db, options: ReportOptions, format: ReportFormat): Promise<RenderedReport> {
  const report = await buildReport(db, options)
  const written = await (await WRITERS[format]())(report)
  return { body: typeof written === 'string' ? Buffer.from(written, 'utf8') : written, fileName: `${report.fileName}.${format}`,
    contentType: REPORT_CONTENT_TYPES[format] }
}

export interface ReportOptions {
  year: number
  lang: Lang
  /** Internal activities and participations count too, and are marked. */
  internal: boolean
  /** The INSTITUTE setting (a slug), or null for the organization most people belong to. */
  institute: string | null
  now?: Date
}

/**
 * The annual report of a year as a format-neutral document, in the report's language. Its summary figures and
 * charts are the Insights of the year, so they are the figures /insights shows; the lists beside them come from
 * the same visibility rules (public records only, unless `internal`).
 */
export async function buildReport(db: Db, options: ReportOptions): Promise<ReportDocument> {
  const institute = await findInstitute(db, options.institute)
  if (options.institute && !institute) throw new NotFoundError('organization', options.institute)
  return runWithLocale({ lang: options.lang, prefix: '', path: '/', origin: 'http://localhost' },
    () => composeReport(db, options, institute))
}

type ActivityRow = Awaited<ReturnType<typeof repo.findActivitiesOfPeriod>>[number]
type ParticipationRow = Awaited<ReturnType<typeof repo.findParticipationsOfPeriod>>[number]

const activityName = (a: { name: string | null; kind: string | null }) => a.name ?? kindLabel(a.kind) ?? t('activity.fallback')
const roleLabel = (role: string) => t(`role.${role}` as MessageKey)
const joinRoles = (roles: string[]) => [...new Set(roles)].map(roleLabel).join(', ')

async function composeReport(db: Db, options: ReportOptions, institute: Institute | null): Promise<ReportDocument> {
  const { year, internal } = options
  const period = { from: `${year}-01-01`, to: `${year}-12-31` }
  const [insights, activities, participations, staffRows, unitIds, publications] = await Promise.all([
    getInsights(db, filtersOf({ year }, internal), institute),
    repo.findActivitiesOfPeriod(db, period, internal),
    repo.findParticipationsOfPeriod(db, period, internal),
    institute ? repo.findStaffOf(db, institute.id) : [],
    institute ? repo.findUnitIdsOf(db, institute.id) : [],
    repo.findPublicationsOfPeriod(db, period),
  ])
  const contributors = await repo.findContributorsOfPublications(db, publications.map((p) => p.id))

  const title = t('report.title', { year: String(year) })
  const document: ReportDocument = {
    lang: options.lang, locale: localeTag(options.lang), year, internal, title,
    titleLines: [
      institute?.name ?? t('site.name'),
      internal ? t('report.internalEdition') : t('report.publicEdition'),
      t('report.prepared', { date: formatDate((options.now ?? new Date()).toISOString()) }),
    ],
    contents: t('report.contents'),
    aboutSheet: t('report.sheet.about'),
    sections: [],
    fileName: `activity-report-${year}-${options.lang}${internal ? '-internal' : ''}`,
  }
  const marks = internal ? [t('report.internalColumn')] : []
  // One collator: localeCompare with a locale builds one per call, and partners are sorted by the thousand.
  const collator = new Intl.Collator(localeTag(options.lang))
  const mark = (isInternal: boolean) => (isInternal ? t('report.internalMark') : '')

  if (!activities.length) {
    document.sections.push({ id: 'summary', heading: t('report.summary'), level: 1, blocks: [
      { type: 'paragraph', text: t('report.empty', { year: String(year) }) },
      { type: 'paragraph', text: internal ? t('report.emptyInternal') : t('report.emptyPublic') },
    ] })
    if (publications.length) document.sections.push(publicationSection(publications, contributors, year))
    return document
  }

  const staff = new Map<number, { slug: string; name: string; positions: string[] }>()
  for (const s of staffRows) {
    const known = staff.get(s.id) ?? { slug: s.slug, name: s.name, positions: [] }
    if (s.position && !known.positions.includes(s.position)) known.positions.push(s.position)
    staff.set(s.id, known)
  }
  // Taking part means a role: someone merely mentioned in the news did not (as the insights count).
  const takingPart = participations.filter((p) => p.role !== 'mentioned')
  const byActivity = groupBy(takingPart, (p) => p.activity_id)
  // Participations come by activity id; lists go by date, the activities' order.
  const orderOf = new Map(activities.map((a, i) => [a.id, i]))
  const byPerson = groupBy(takingPart.filter((p) => p.person_id !== null && staff.has(p.person_id))
    .sort((a, b) => orderOf.get(a.activity_id)! - orderOf.get(b.activity_id)! || a.position - b.position), (p) => p.person_id!)

  // ---- summary
  document.sections.push({ id: 'summary', heading: t('report.summary'), level: 1, blocks: [
    { type: 'paragraph', text: t('report.summaryIntro', { institute: institute?.name ?? t('site.name'), year: String(year), previous: String(year - 1) }) },
    { type: 'table', table: figuresTable(insights, year) },
  ] })

  // ---- charts
  const charts = await chartsOf(insights, options.lang)
  document.sections.push({ id: 'charts', heading: t('report.charts'), level: 1, blocks: [{ type: 'paragraph', text: t('report.chartsIntro') }] })
  for (const [i, chart] of charts.entries()) {
    document.sections.push({ id: `chart-${chart.id}`, heading: chart.title, level: 2, blocks: [
      { type: 'chart', chart, sheet: `${t('report.chartSheet')} ${i + 1}` },
      { type: 'paragraph', text: chart.summary },
    ] })
  }

  // ---- activities by kind
  const kindOf = (a: ActivityRow) => (a.kind && (KINDS as readonly string[]).includes(a.kind) ? a.kind : 'other')
  const kinds = KINDS.filter((k) => activities.some((a) => kindOf(a) === k))
  document.sections.push({ id: 'activities', heading: t('report.activitiesByKind'), level: 1, blocks: [
    { type: 'paragraph', text: t('report.activitiesIntro', { count: activities.length, year: String(year) }) },
    { type: 'table', table: {
      columns: [t('report.col.kind'), t('report.col.activities')],
      rows: kinds.map((k) => [kindLabel(k) ?? k, activities.filter((a) => kindOf(a) === k).length]),
      widths: [3, 1], sheet: { name: t('report.sheet.kinds') },
    } },
  ] })
  for (const kind of kinds) {
    const ofKind = activities.filter((a) => kindOf(a) === kind)
    const label = kindLabel(kind) ?? kind
    document.sections.push({ id: `kind-${kind}`, heading: `${label} (${ofKind.length})`, level: 2, blocks: [{ type: 'table', table: {
      columns: [t('report.col.dates'), t('report.col.activity'), t('report.col.place'), t('report.col.staff'), ...marks],
      rows: ofKind.map((a) => [
        formatDateRange(a.starts_on, a.ends_on), activityName(a), formatPlace(a.city, a.country) ?? '',
        staffOf(byActivity.get(a.id) ?? [], staff), ...(internal ? [mark(a.is_internal === 1)] : []),
      ]),
      widths: internal ? [2, 4, 2, 4, 1] : [2, 4, 2, 4],
      sheet: { name: t('report.sheet.activities'), column: t('report.col.kind'), value: label },
    } }] })
  }

  // ---- the staff's activities
  const activityById = new Map(activities.map((a) => [a.id, a]))
  const staffSections: ReportSection[] = []
  for (const [personId, person] of [...staff.entries()].sort((a, b) => collator.compare(a[1].name, b[1].name))) {
    const own = byPerson.get(personId)
    if (!own) continue
    const rows: Cell[][] = []
    let previous: ParticipationRow[] = []
    const flush = () => {
      if (!previous.length) return
      const a = activityById.get(previous[0]!.activity_id)!
      rows.push([formatDateRange(a.starts_on, a.ends_on), activityName(a), kindLabel(a.kind) ?? '', joinRoles(previous.map((p) => p.role)),
        formatPlace(a.city, a.country) ?? '', ...(internal ? [mark(a.is_internal === 1 || previous.some((p) => p.is_internal === 1))] : [])])
    }
    // Participations come by activity: a person with two roles in one activity is one row.
    for (const p of own) {
      if (previous.length && previous[0]!.activity_id !== p.activity_id) { flush(); previous = [] }
      previous.push(p)
    }
    flush()
    staffSections.push({ id: `staff-${person.slug}`, heading: [person.name, person.positions.join(', ')].filter(Boolean).join(' — '), level: 2,
      blocks: [{ type: 'table', table: {
        columns: [t('report.col.dates'), t('report.col.activity'), t('report.col.kind'), t('report.col.role'), t('report.col.place'), ...marks],
        rows, widths: internal ? [2, 4, 2, 2, 2, 1] : [2, 4, 2, 2, 2],
        sheet: { name: t('report.sheet.staff'), column: t('report.col.person'), value: person.name },
      } }] })
  }
  document.sections.push({ id: 'staff', heading: t('report.staff'), level: 1, blocks: [{ type: 'paragraph', text: institute
    ? staffSections.length ? t('report.staffIntro', { count: staffSections.length, institute: institute.name }) : t('report.staffNone', { institute: institute.name })
    : t('report.noInstitute') }] })
  document.sections.push(...staffSections)

  // ---- partners by country
  const ownOrganizations = new Set([...(institute ? [institute.id] : []), ...unitIds])
  const partners = new Map<number, { name: string; country: string | null; roles: string[]; activities: Set<number>; internal: boolean }>()
  // An organization takes part in a role of its own, or through a participant who represented it.
  const through = t('report.throughPeople')
  for (const p of takingPart) {
    const parties = [
      ...(p.organization_id !== null ? [{ id: p.organization_id, name: p.organization_name!, country: p.organization_country, role: roleLabel(p.role) }] : []),
      ...(p.affiliation_id !== null ? [{ id: p.affiliation_id, name: p.affiliation_name!, country: p.affiliation_country, role: through }] : []),
    ]
    for (const party of parties) {
      if (ownOrganizations.has(party.id)) continue
      const partner = partners.get(party.id) ?? { name: party.name, country: party.country, roles: [], activities: new Set(), internal: false }
      if (!partner.roles.includes(party.role)) partner.roles.push(party.role)
      partner.activities.add(p.activity_id)
      if (p.is_internal === 1 || activityById.get(p.activity_id)!.is_internal === 1) partner.internal = true
      partners.set(party.id, partner)
    }
  }
  const countryLabel = (code: string | null) => countryName(code) ?? t('report.noCountry')
  const partnerList = [...partners.values()].map((o) => Object.assign(o, { countryLabel: countryLabel(o.country) }))
    .sort((a, b) => collator.compare(a.countryLabel, b.countryLabel) || b.activities.size - a.activities.size || collator.compare(a.name, b.name))
  document.sections.push({ id: 'partners', heading: t('report.partners'), level: 1, blocks: [
    { type: 'paragraph', text: t('report.partnersIntro', { count: insights.headline.partners.value, countries: insights.headline.countries.value }) },
    { type: 'table', table: {
      columns: [t('report.col.country'), t('report.col.organizations'), t('report.col.activities')],
      rows: insights.partnersByCountry.map((c) => [countryLabel(c.country), c.organizations, c.activities]),
      widths: [3, 1, 1], sheet: { name: t('report.sheet.countries') },
    } },
  ] })
  document.sections.push({ id: 'partner-organizations', heading: t('report.partnerOrganizations'), level: 2, blocks: [{ type: 'table', table: {
    columns: [t('report.col.country'), t('report.col.organization'), t('report.col.roles'), t('report.col.activities'), t('report.col.activityNames'), ...marks],
    rows: partnerList.map((o) => [o.countryLabel, o.name, o.roles.join(', '), o.activities.size,
      namesOf([...o.activities].sort((a, b) => orderOf.get(a)! - orderOf.get(b)!).map((id) => activityById.get(id)!)), ...(internal ? [mark(o.internal)] : [])]),
    widths: internal ? [2, 3, 2, 1, 5, 1] : [2, 3, 2, 1, 5], sheet: { name: t('report.sheet.partners') },
  } }] })

  // ---- publications
  document.sections.push(publicationSection(publications, contributors, year))
  return document
}


/** How many of a partner's activities a row names before saying how many more: a busy partner has hundreds. */
const NAMED_ACTIVITIES = 3

function namesOf(activities: ActivityRow[]) {
  const named = activities.slice(0, NAMED_ACTIVITIES).map((a) => `${activityName(a)} (${formatDateRange(a.starts_on, a.ends_on)})`)
  if (activities.length > NAMED_ACTIVITIES) named.push(t('report.andMore', { count: activities.length - NAMED_ACTIVITIES }))
  return named.join('; ')
}

/** "Aigerim Dauletova (moderator); Marat Sadykov (speaker, participant)": the institute's people in one activity. */
function staffOf(participations: ParticipationRow[], staff: Map<number, unknown>) {
  const roles = new Map<string, string[]>()
  for (const p of participations) {
    if (p.person_id === null || !staff.has(p.person_id)) continue
    roles.set(p.person_name!, [...(roles.get(p.person_name!) ?? []), p.role])
  }
  return [...roles].map(([name, r]) => `${name} (${joinRoles(r)})`).join('; ')
}

function figuresTable(insights: Insights, year: number): ReportTable {
  const change = (f: Figure) => (f.previous === null ? '' : f.value === f.previous ? '0'
    : `${f.value > f.previous ? '+' : '−'}${Math.abs(f.value - f.previous)}`)
  const h = insights.headline
  const rows: [MessageKey, Figure][] = [['report.figure.activities', h.activities], ['report.figure.posts', h.posts],
    ['report.figure.people', h.people], ['report.figure.partners', h.partners], ['report.figure.countries', h.countries],
    ['report.figure.publications', h.publications]]
  return {
    columns: [t('report.col.figure'), String(year), String(year - 1), t('report.col.change')],
    rows: rows.map(([key, f]) => [t(key), f.value, f.previous ?? '', change(f)]),
    widths: [4, 1, 1, 1], sheet: { name: t('report.sheet.summary') },
  }
}

type PublicationRow = Awaited<ReturnType<typeof repo.findPublicationsOfPeriod>>[number]
type ContributorRow = Awaited<ReturnType<typeof repo.findContributorsOfPublications>>[number]

function publicationSection(publications: PublicationRow[], contributors: ContributorRow[], year: number): ReportSection {
  const blocks: Block[] = []
  if (!publications.length) blocks.push({ type: 'paragraph', text: t('report.noPublications', { year: String(year) }) })
  else {
    blocks.push({ type: 'paragraph', text: t('report.publicationsIntro', { count: publications.length, year: String(year) }) })
    blocks.push({ type: 'table', table: {
      columns: [t('report.col.date'), t('report.col.title'), t('report.col.contributors'), t('report.col.method')],
      rows: publications.map((p) => [formatDate(p.published_on), `${p.title} (${publicationKindLabel(p.kind)})`,
        creditsOf(contributors.filter((c) => c.publication_id === p.id)), methodOf(p)]),
      widths: [2, 4, 4, 4], sheet: { name: t('report.sheet.publications') },
    } })
  }
  return { id: 'publications', heading: t('report.publications'), level: 1, blocks }
}

/** "Prepared by: A, B. Commissioned by: C." */
function creditsOf(contributors: ContributorRow[]) {
  const byRole = new Map<string, string[]>()
  for (const c of contributors) {
    const name = c.person_name ?? c.organization_name
    if (name) byRole.set(c.role, [...(byRole.get(c.role) ?? []), name])
  }
  return [...byRole].map(([role, names]) => `${creditLabel(role)}: ${names.join(', ')}`).join('. ')
}

/** The survey method in one cell: methods, sample, regions, fieldwork. */
function methodOf(p: PublicationRow) {
  const parts: string[] = []
  const methods = parseMethods(p.methods)
  if (methods.length) parts.push(methods.map(methodLabel).join(', '))
  if (p.sample_size) parts.push(`${t('publication.sample')}: ${t('publication.respondents', { count: p.sample_size })}`)
  if (p.regions) parts.push(`${t('publication.regions')}: ${p.regions}`)
  if (p.fieldwork_from || p.fieldwork_to) {
    parts.push(`${t('publication.fieldwork')}: ${p.fieldwork_from && p.fieldwork_to ? formatDateRange(p.fieldwork_from, p.fieldwork_to)
      : p.fieldwork_from ? t('publication.fieldworkFrom', { date: formatDate(p.fieldwork_from) }) : t('publication.fieldworkUntil', { date: formatDate(p.fieldwork_to) })}`)
  }
  return parts.join('. ')
}
