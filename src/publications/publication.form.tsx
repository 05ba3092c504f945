import { CsrfField, ErrorSummary, Field, TableScroll } from '../admin/forms.tsx'
import { findActivityById, findActivityBySlug, searchActivitiesByText } from '../activities/activity.repository.ts'
import type { ActivityRow, Db } from '../db/database.ts'
import { nameKey } from '../lib/names.ts'
import { PUBLICATION_KINDS, SURVEY_METHODS } from '../lib/vocabulary.ts'
import { findOrganizationById } from '../organizations/organization.repository.ts'
import { findPersonById } from '../people/person.repository.ts'
import { kindLabel } from '../web/format.ts'
import { CONTRIBUTOR_ROLES, type PublicationWriteInput } from './publication.schema.ts'
import type { PublicationSnapshot } from './publication.store.ts'

// The form as typed: every value a string, so a refused form comes back exactly as it was sent.

export interface ContributorRow { type: string; name: string; id: string; role: string }

export interface PublicationFormValues {
  kind: string
  title: string
  slug: string
  summary: string
  publishedOn: string
  activity: string
  activityId: string
  sampleSize: string
  regions: string
  methods: string[]
  fieldworkFrom: string
  fieldworkTo: string
  contributors: ContributorRow[]
}

export const METHOD_LABELS: Record<string, string> = {
  'mass-survey': 'Mass survey', 'expert-interviews': 'Expert interviews', 'focus-groups': 'Focus groups',
}

const MAX_ROWS = 200
const BLANK_ROWS = 2

export const emptyValues = (): PublicationFormValues => ({
  kind: 'report', title: '', slug: '', summary: '', publishedOn: '', activity: '', activityId: '',
  sampleSize: '', regions: '', methods: [], fieldworkFrom: '', fieldworkTo: '', contributors: [],
})

/** How an activity is named in the picker: the admin lookup and the form agree on it. */
export function activityPickerLabel(a: Pick<ActivityRow, 'name' | 'kind' | 'starts_on' | 'slug'>) {
  return `${a.name ?? kindLabel(a.kind) ?? a.slug} (${a.starts_on ?? 'no date'})`
}

type Body = Record<string, string | File | (string | File)[]>

const one = (v: Body[string] | undefined) => {
  const first = Array.isArray(v) ? v[0] : v
  return typeof first === 'string' ? first : ''
}
const many = (v: Body[string] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')

/** Reads the posted form (parsed with `all: true`) into values, keeping whatever was typed. */
export function readPublicationForm(body: Body): PublicationFormValues {
  const rows = new Map<number, ContributorRow>()
  for (const key of Object.keys(body)) {
    const match = /^contributors\[(\d{1,3})\]\[(type|name|id|role)\]$/.exec(key)
    if (!match) continue
    const index = Number(match[1])
    if (index >= MAX_ROWS) continue
    const row = rows.get(index) ?? { type: 'person', name: '', id: '', role: 'author' }
    row[match[2] as keyof ContributorRow] = one(body[key])
    rows.set(index, row)
  }
  return {
    kind: one(body.kind), title: one(body.title), slug: one(body.slug), summary: one(body.summary), publishedOn: one(body.publishedOn),
    activity: one(body.activity), activityId: one(body.activityId),
    sampleSize: one(body.sampleSize), regions: one(body.regions), methods: many(body.methods),
    fieldworkFrom: one(body.fieldworkFrom), fieldworkTo: one(body.fieldworkTo),
    contributors: [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row),
  }
}

/** The form prefilled from a stored publication. */
export async function valuesFromSnapshot(db: Db, s: PublicationSnapshot): Promise<PublicationFormValues> {
  const activity = s.activityId ? await findActivityById(db, s.activityId) : undefined
  const contributors: ContributorRow[] = []
  for (const c of s.contributors) {
    const party = c.personId ? await findPersonById(db, c.personId) : await findOrganizationById(db, c.organizationId!)
    if (party) contributors.push({ type: c.personId ? 'person' : 'organization', name: party.name, id: String(party.id), role: c.role })
  }
  return {
    kind: s.kind, title: s.title, slug: s.slug, summary: s.summary ?? '', publishedOn: s.publishedOn ?? '',
    activity: activity ? activityPickerLabel(activity) : '', activityId: activity ? String(activity.id) : '',
    sampleSize: s.sampleSize == null ? '' : String(s.sampleSize), regions: s.regions ?? '', methods: s.methods,
    fieldworkFrom: s.fieldworkFrom ?? '', fieldworkTo: s.fieldworkTo ?? '', contributors,
  }
}

/** The activity the picker chose (its id, when the text still names it), else one found from the typed text. */
async function resolveActivity(db: Db, values: PublicationFormValues): Promise<{ slug: string | null; problem?: string }> {
  const text = values.activity.trim()
  if (!text) return { slug: null }
  const chosen = /^\d{1,12}$/.test(values.activityId) ? await findActivityById(db, Number(values.activityId)) : undefined
  if (chosen && activityPickerLabel(chosen) === text) return { slug: chosen.slug }
  const bySlug = await findActivityBySlug(db, text)
  if (bySlug) return { slug: bySlug.slug }
  const candidates = await searchActivitiesByText(db, text.replace(/\s*\([^)]*\)\s*$/, ''), 50)
  const exact = candidates.filter((a) => activityPickerLabel(a) === text || (a.name && nameKey(a.name) === nameKey(text)))
  if (exact.length === 1) return { slug: exact[0]!.slug }
  if (exact.length > 1) return { slug: null, problem: `activity: several activities are called “${text}”; choose one from the suggestions or give its slug` }
  return { slug: null, problem: `activity: no activity matches “${text}”; choose one from the suggestions or give its slug` }
}

/**
 * The typed form as the publication input schema expects it. Problems the schema cannot see (a
 * sample size that is not a number, an activity that matches nothing) come back beside it.
 */
export async function inputFromValues(db: Db, values: PublicationFormValues): Promise<{ input: PublicationWriteInput; problems: string[] }> {
  const problems: string[] = []
  const activity = await resolveActivity(db, values)
  if (activity.problem) problems.push(activity.problem)
  let sampleSize: number | null = null
  const sampleText = values.sampleSize.replace(/[\s,’'_]/g, '')
  if (sampleText) {
    if (/^\d{1,12}$/.test(sampleText)) sampleSize = Number(sampleText)
    else problems.push('method.sampleSize: a sample size is a positive whole number, such as 1200')
  }
  const contributors: NonNullable<PublicationWriteInput['contributors']> = []
  for (const row of values.contributors) {
    const name = row.name.trim()
    if (!name) continue
    const type = row.type === 'organization' ? 'organization' : 'person'
    const id = /^\d{1,12}$/.test(row.id) ? Number(row.id) : null
    const party = id == null ? undefined : type === 'person' ? await findPersonById(db, id) : await findOrganizationById(db, id)
    // Without scripts a prefilled row keeps its id after the name is retyped: the name decides.
    const keepsRecord = party && nameKey(party.name) === nameKey(name)
    contributors.push({ type, ...(keepsRecord ? { slug: party.slug } : { name }), role: row.role as (typeof CONTRIBUTOR_ROLES)[number] })
  }
  const input: PublicationWriteInput = {
    kind: values.kind as (typeof PUBLICATION_KINDS)[number], title: values.title, slug: values.slug.trim() || undefined,
    summary: values.summary.trim() || null, publishedOn: values.publishedOn || null, activity: activity.slug,
    method: {
      sampleSize, regions: values.regions.trim() || null, methods: values.methods as (typeof SURVEY_METHODS)[number][],
      fieldworkFrom: values.fieldworkFrom || null, fieldworkTo: values.fieldworkTo || null,
    },
    contributors,
  }
  return { input, problems }
}

/** The message for one field out of "path: message" problems. */
export function problemAt(problems: string[], path: string) {
  const found = problems.find((p) => p.startsWith(`${path}:`) || p.startsWith(`${path}.`))
  return found ? found.slice(found.indexOf(':') + 1).trim() : undefined
}

/** Problems shown to a person: "contributors.1.name: …" reads as "Contributor 2: …". */
export function readableProblem(problem: string) {
  const colon = problem.indexOf(':')
  if (colon < 0) return problem
  const path = problem.slice(0, colon), message = problem.slice(colon + 1).trim()
  const row = /^contributors\.(\d+)/.exec(path)
  const names: Record<string, string> = {
    kind: 'Kind', title: 'Title', slug: 'Address (slug)', summary: 'Summary', publishedOn: 'Publication date', activity: 'Presented at',
    'method.sampleSize': 'Sample size', 'method.regions': 'Regions', 'method.methods': 'Methods',
    'method.fieldworkFrom': 'Fieldwork from', 'method.fieldworkTo': 'Fieldwork to', label: 'Label',
  }
  const field = row ? `Contributor ${Number(row[1]) + 1}` : names[path]
  return field ? `${field}: ${message}` : problem
}

function ContributorFields(props: { index: number | '__INDEX__'; row: ContributorRow; error?: string }) {
  const i = props.index
  const id = (part: string) => `c-${i}-${part}`
  const name = (part: string) => `contributors[${i}][${part}]`
  return (
    <div class={props.error ? 'has-error' : undefined}>
      <div class="field">
        <label for={id('type')}>Person or organization</label>
        <select id={id('type')} name={name('type')}>
          <option value="person" selected={props.row.type !== 'organization'}>Person</option>
          <option value="organization" selected={props.row.type === 'organization'}>Organization</option>
        </select>
      </div>
      <div class="field">
        <label for={id('name')}>Name</label>
        <input id={id('name')} name={name('name')} type="text" value={props.row.name} autocomplete="off"
          data-lookup="any" data-id-field={name('id')} data-type-field={name('type')}
          aria-describedby={props.error ? id('error') : undefined} />
        <input type="hidden" name={name('id')} value={props.row.id} />
      </div>
      <div class="field">
        <label for={id('role')}>Role</label>
        <select id={id('role')} name={name('role')}>
          {CONTRIBUTOR_ROLES.map((r) => <option value={r} selected={r === props.row.role}>{r}</option>)}
        </select>
      </div>
      {props.error && <p class="error" id={id('error')}>{props.error}</p>}
    </div>
  )
}

export interface PublicationFormProps {
  action: string
  csrf: string
  values: PublicationFormValues
  problems: string[]
  version?: number
  submitLabel: string
}

/** The publication form; without scripts it still offers two empty contributor rows to fill. */
export function PublicationForm(props: PublicationFormProps) {
  const v = props.values
  const err = (path: string) => problemAt(props.problems, path)
  const rows = [...v.contributors, ...Array.from({ length: BLANK_ROWS }, () => ({ type: 'person', name: '', id: '', role: 'author' }))]
  const kinds: string[] = [...PUBLICATION_KINDS]
  return (
    <form method="post" action={props.action}>
      <ErrorSummary errors={props.problems.map(readableProblem)} />
      <CsrfField token={props.csrf} />
      {props.version !== undefined && <input type="hidden" name="version" value={String(props.version)} />}
      <Field id="title" label="Title" error={err('title')}>
        <input id="title" name="title" type="text" required maxlength={500} value={v.title} />
      </Field>
      <Field id="kind" label="Kind" error={err('kind')}>
        <select id="kind" name="kind">
          {!kinds.includes(v.kind) && <option value={v.kind} selected>{v.kind || 'choose a kind'}</option>}
          {kinds.map((k) => <option value={k} selected={k === v.kind}>{k}</option>)}
        </select>
      </Field>
      <Field id="slug" label="Address (slug)" hint="The last part of /publications/…; leave empty to make one from the title."
        error={err('slug')}>
        <input id="slug" name="slug" type="text" maxlength={200} value={v.slug} />
      </Field>
      <Field id="summary" label="Summary" error={err('summary')}>
        <textarea id="summary" name="summary" maxlength={10000}>{v.summary}</textarea>
      </Field>
      <Field id="publishedOn" label="Publication date" error={err('publishedOn')}>
        <input id="publishedOn" name="publishedOn" type="date" value={v.publishedOn} />
      </Field>
      <Field id="activity" label="Presented at" error={err('activity')}
        hint="The activity where it was presented: start typing its name, or give its slug. Leave empty if none.">
        <input id="activity" name="activity" type="text" value={v.activity} autocomplete="off" data-lookup="activity" data-id-field="activityId" />
        <input type="hidden" name="activityId" value={v.activityId} />
      </Field>

      <fieldset>
        <legend>Survey method</legend>
        <Field id="sampleSize" label="Sample size" hint="Respondents, a whole number." error={err('method.sampleSize')}>
          <input id="sampleSize" name="sampleSize" type="text" inputmode="numeric" value={v.sampleSize} />
        </Field>
        <Field id="regions" label="Regions" hint="For example: all 17 regions and the cities of Astana, Almaty and Shymkent."
          error={err('method.regions')}>
          <input id="regions" name="regions" type="text" maxlength={1000} value={v.regions} />
        </Field>
        <fieldset class={err('method.methods') ? 'has-error' : undefined}>
          <legend>Methods</legend>
          {err('method.methods') && <p class="error">{err('method.methods')}</p>}
          {SURVEY_METHODS.map((m) => (
            <div>
              <input id={`method-${m}`} name="methods" type="checkbox" value={m} checked={v.methods.includes(m)} />{' '}
              <label for={`method-${m}`}>{METHOD_LABELS[m] ?? m}</label>
            </div>
          ))}
        </fieldset>
        <Field id="fieldworkFrom" label="Fieldwork from" error={err('method.fieldworkFrom')}>
          <input id="fieldworkFrom" name="fieldworkFrom" type="date" value={v.fieldworkFrom} />
        </Field>
        <Field id="fieldworkTo" label="Fieldwork to" error={err('method.fieldworkTo')}>
          <input id="fieldworkTo" name="fieldworkTo" type="date" value={v.fieldworkTo} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>Contributors</legend>
        <p class="hint">Authors, presenters, commissioners, partners… A name that matches no one creates a new person or organization.
          Leave a row’s name empty to drop it.</p>
        <div class="rows" id="contributor-rows">
          {rows.map((row, index) => <ContributorFields index={index} row={row} error={err(`contributors.${index}`)} />)}
        </div>
        <template id="contributor-row">
          <ContributorFields index="__INDEX__" row={{ type: 'person', name: '', id: '', role: 'author' }} />
        </template>
        <button type="button" class="secondary" data-add-row="contributor-row" data-into="contributor-rows" hidden>Add a contributor</button>
      </fieldset>

      <div class="actions"><button type="submit">{props.submitLabel}</button></div>
    </form>
  )
}

/** The saved version and the one being sent, field by field, for a conflict. */
export function ConflictComparison(props: { saved: PublicationFormValues; yours: PublicationFormValues }) {
  const contributorsText = (v: PublicationFormValues) =>
    v.contributors.filter((c) => c.name.trim()).map((c) => `${c.name} (${c.role})`).join('; ')
  const fields: [string, (v: PublicationFormValues) => string][] = [
    ['Title', (v) => v.title], ['Kind', (v) => v.kind], ['Address (slug)', (v) => v.slug], ['Summary', (v) => v.summary],
    ['Publication date', (v) => v.publishedOn], ['Presented at', (v) => v.activity], ['Sample size', (v) => v.sampleSize],
    ['Regions', (v) => v.regions], ['Methods', (v) => v.methods.map((m) => METHOD_LABELS[m] ?? m).join(', ')],
    ['Fieldwork', (v) => [v.fieldworkFrom, v.fieldworkTo].filter(Boolean).join(' – ')], ['Contributors', contributorsText],
  ]
  return (
    <TableScroll label="The saved version and yours"><table class="data conflict">
      <caption>The saved version and yours</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Saved version</th><th scope="col">Your version</th></tr></thead>
      <tbody>{fields.map(([label, get]) => {
        const [a, b] = [get(props.saved), get(props.yours)]
        return (
          <tr class={a === b ? undefined : 'changed'}>
            <th scope="row">{label}{a !== b && <span class="tag">differs</span>}</th><td>{a}</td><td>{b}</td>
          </tr>
        )
      })}</tbody>
    </table></TableScroll>
  )
}
