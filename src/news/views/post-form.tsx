import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { raw } from 'hono/html'
import { CsrfField } from '../../admin/forms.tsx'
import { FORMAT_LABELS, FORMATS, KIND_LABELS, KINDS, PARTICIPATION_ROLES, ROLE_LABELS } from '../../lib/vocabulary.ts'
import {
  type FormProblems, type LinkRow, type ParticipantRow, type PostForm, emptyParticipant, fieldId, fieldLabel,
  LANGUAGE_NAMES, offeredLanguages,
} from '../post.form.ts'
import { POST_LANGUAGES, POST_STATUSES } from '../post.schema.ts'

countries.registerLocale(en)

const COUNTRY_OPTIONS = Object.entries(countries.getNames('en', { select: 'official' }))
  .sort(([, a], [, b]) => a.localeCompare(b, 'en'))

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft', review: 'In review', scheduled: 'Scheduled', published: 'Published',
}
const AUTHOR_STATUSES = ['draft', 'review']

/** A labelled control with its hint and problem, tied to it for screen readers. */
function Control(props: {
  path: string; label: string; hint?: string; problems: FormProblems; class?: string
  render: (attributes: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => unknown
}) {
  const id = fieldId(props.path)
  const error = props.problems.byField.get(props.path)
  const described = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ')
  return (
    <div class={['field', props.class, error ? 'has-error' : null].filter(Boolean).join(' ')}>
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{error}</p>}
      {props.render({ id, name: props.path, 'aria-describedby': described || undefined, 'aria-invalid': error ? 'true' : undefined })}
    </div>
  )
}

function Options(props: { values: readonly string[]; labels?: Record<string, string>; selected: string; empty?: string }) {
  // A value the list does not know (sent by hand, or an old record) is kept, not silently replaced.
  const values = props.selected && !props.values.includes(props.selected) ? [...props.values, props.selected] : props.values
  return (
    <>
      {props.empty !== undefined && <option value="" selected={props.selected === ''}>{props.empty}</option>}
      {values.map((v) => <option value={v} selected={v === props.selected}>{props.labels?.[v] ?? v}</option>)}
    </>
  )
}

function CountrySelect(props: { value: string; attributes: Record<string, unknown> }) {
  const known = COUNTRY_OPTIONS.some(([code]) => code === props.value.toUpperCase())
  return (
    <select {...props.attributes}>
      <option value="" selected={!props.value}>—</option>
      {!known && props.value && <option value={props.value} selected>{props.value}</option>}
      {COUNTRY_OPTIONS.map(([code, name]) => <option value={code} selected={code === props.value.toUpperCase()}>{name} ({code})</option>)}
    </select>
  )
}

/** One participant's fields; `index` is a number, or "__INDEX__" in the add-row template. */
function ParticipantFields(props: { index: number | '__INDEX__'; row: ParticipantRow; problems: FormProblems }) {
  const { row, problems } = props
  const base = `activity.participants.${props.index}`
  const legend = typeof props.index === 'number' ? `Participant ${props.index + 1}` : 'New participant'
  return (
    <fieldset class="participant">
      <legend>{legend}</legend>
      <Control path={`${base}.type`} label="Type" problems={problems} render={(a) => (
        <select {...a}><Options values={['person', 'organization']} labels={{ person: 'Person', organization: 'Organization' }} selected={row.type} /></select>
      )} />
      <Control path={`${base}.name`} label="Name" problems={problems} class="wide" render={(a) => (
        <>
          <input {...a} type="text" value={row.name} autocomplete="off" data-lookup="any" data-id-field={`${base}.slug`}
            data-id-key="slug" data-type-field={`${base}.type`} />
          <input type="hidden" name={`${base}.slug`} value={row.slug} />
        </>
      )} />
      <Control path={`${base}.role`} label="Role" problems={problems} render={(a) => (
        <select {...a}><Options values={PARTICIPATION_ROLES} labels={ROLE_LABELS} selected={row.role} /></select>
      )} />
      <Control path={`${base}.jobTitle`} label="Job title" problems={problems} render={(a) => (
        <input {...a} type="text" value={row.jobTitle} />
      )} />
      <Control path={`${base}.affiliation`} label="Affiliation" problems={problems} render={(a) => (
        <>
          <input {...a} name={`${base}.affiliationName`} type="text" value={row.affiliationName} autocomplete="off"
            data-lookup="organization" data-id-field={`${base}.affiliation`} data-id-key="slug" />
          <input type="hidden" name={`${base}.affiliation`} value={row.affiliation} />
        </>
      )} />
      <div class="field check">
        <input type="checkbox" id={fieldId(`${base}.internal`)} name={`${base}.internal`} value="1" checked={row.internal} />
        <label for={fieldId(`${base}.internal`)}>Internal: not shown on the public site</label>
      </div>
    </fieldset>
  )
}

function LinkFields(props: { index: number | '__INDEX__'; row: LinkRow; problems: FormProblems }) {
  const base = `links.${props.index}`
  const n = typeof props.index === 'number' ? ` ${props.index + 1}` : ''
  return (
    <div class="link-row">
      <Control path={`${base}.url`} label={`Link${n} address`} problems={props.problems} class="wide" render={(a) => (
        <input {...a} type="url" value={props.row.url} placeholder="https://" />
      )} />
      <Control path={`${base}.label`} label={`Link${n} label`} problems={props.problems} render={(a) => (
        <input {...a} type="text" value={props.row.label} />
      )} />
    </div>
  )
}

export function ProblemSummary(props: { problems: FormProblems }) {
  if (!props.problems.all.length) return null
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="problems">
      <h2>Nothing was saved: please correct {props.problems.all.length === 1 ? 'this' : `these ${props.problems.all.length} problems`}</h2>
      <ul>{props.problems.all.map(({ path, message }) => (
        <li>{path ? <a href={`#${fieldId(path)}`}>{fieldLabel(path)}: {message}</a> : message}</li>
      ))}</ul>
    </div>
  )
}

export interface PostEditorProps {
  form: PostForm
  action: string
  csrf: string
  mayPublish: boolean
  problems: FormProblems
  previewHtml: string
  /** The post being edited, for the history link; none for a new post. */
  postId?: number
  revisionCount?: number
  submitLabel: string
}

/** The post editor: the post, its language versions and the activity it reports, in one form that works without JavaScript. */
export function PostEditor(props: PostEditorProps) {
  const { form, problems } = props
  const a = form.activity
  const statuses = props.mayPublish ? POST_STATUSES : POST_STATUSES.filter((s) => AUTHOR_STATUSES.includes(s) || s === form.status)
  const participants = [...a.participants, ...Array.from({ length: form.spareParticipants }, emptyParticipant)]
  const links = [...form.links, ...Array.from({ length: form.spareLinks }, () => ({ url: '', label: '' }))]
  const saveButton = <button type="submit" name="_action" value="save">{props.submitLabel}</button>
  return (
    <form method="post" action={props.action} class="post-editor">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="versions.post" value={form.versions.post} />
      <input type="hidden" name="versions.activity" value={form.versions.activity} />
      <input type="hidden" name="spareParticipants" value={String(form.spareParticipants)} />
      <input type="hidden" name="spareLinks" value={String(form.spareLinks)} />
      <div class="actions">{saveButton}</div>

      <Control path="title" label="Title" problems={problems} render={(at) => <input {...at} type="text" value={form.title} required />} />
      <Control path="slug" label="Address" problems={problems}
        hint="The last part of the post’s web address, e.g. seminar-on-migration. Leave empty to make it from the title."
        render={(at) => <input {...at} type="text" value={form.slug} />} />
      <Control path="lang" label="Main language" problems={problems} render={(at) => (
        <select {...at}><Options values={POST_LANGUAGES} labels={LANGUAGE_NAMES} selected={form.lang} /></select>
      )} />
      <Control path="summary" label="Summary" hint="One or two sentences for lists and search results." problems={problems}
        render={(at) => <textarea {...at} rows={3}>{form.summary}</textarea>} />
      <Control path="body" label="Text" hint="Markdown: **bold**, *italic*, [a link](https://…), ## a heading, - a list." problems={problems}
        render={(at) => <textarea {...at} rows={16} data-preview="body-preview">{form.body}</textarea>} />
      <div class="actions">
        <button type="submit" name="_action" value="preview" formnovalidate class="secondary">Preview</button>
        <span class="hint">Shows the text as readers will see it; nothing is saved.</span>
      </div>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview</h2>
        <div id="body-preview" class="preview" aria-live="polite">{raw(props.previewHtml)}</div>
      </section>

      <fieldset>
        <legend>Publishing</legend>
        <Control path="status" label="Status" problems={problems}
          hint={props.mayPublish ? 'Scheduled posts go public at the publication time.' : 'Authors submit posts for review; an editor publishes them.'}
          render={(at) => <select {...at}><Options values={statuses} labels={STATUS_LABELS} selected={form.status} /></select>} />
        <Control path="publishedAt" label="Publication time" problems={problems}
          hint="Almaty time (UTC+5), the time shown here too. Needed for a scheduled post; for a published one, empty means now."
          render={(at) => <input {...at} type="datetime-local" value={form.publishedAt} />} />
      </fieldset>

      <fieldset>
        <legend>Links</legend>
        <div id="link-rows" class="rows">
          {links.map((row, index) => <LinkFields index={index} row={row} problems={problems} />)}
        </div>
        <template id="link-row-template"><LinkFields index="__INDEX__" row={{ url: '', label: '' }} problems={problems} /></template>
        <div class="actions">
          <button type="button" class="secondary" data-add-row="link-row-template" data-into="link-rows" hidden>Add a link</button>
          <button type="submit" name="_action" value="more-links" formnovalidate class="secondary">More link rows</button>
        </div>
      </fieldset>

      <fieldset>
        <legend>Language versions</legend>
        <p class="hint">The post in other languages. Leave a language empty when there is no version in it.</p>
        {offeredLanguages(form).map((lang) => {
          const t = form.translations[lang]!
          const open = !!(t.title || t.summary || t.body) || [...problems.byField.keys()].some((k) => k.startsWith(`translations.${lang}.`))
          return (
            <details open={open} lang={lang === form.lang ? undefined : lang}>
              <summary lang="en">{LANGUAGE_NAMES[lang]} version ({lang})</summary>
              <Control path={`translations.${lang}.title`} label={`Title (${LANGUAGE_NAMES[lang]})`} problems={problems}
                render={(at) => <input {...at} type="text" value={t.title} />} />
              <Control path={`translations.${lang}.summary`} label={`Summary (${LANGUAGE_NAMES[lang]})`} problems={problems}
                render={(at) => <textarea {...at} rows={3}>{t.summary}</textarea>} />
              <Control path={`translations.${lang}.body`} label={`Text (${LANGUAGE_NAMES[lang]})`} problems={problems}
                render={(at) => <textarea {...at} rows={10}>{t.body}</textarea>} />
            </details>
          )
        })}
      </fieldset>

      <fieldset>
        <legend>The activity this post reports</legend>
        {a.linked ? (
          <>
            <input type="hidden" name="activity.linked" value="1" />
            <div class="field check">
              <input type="checkbox" id="f-activity-detach" name="activity.detach" value="1" checked={a.detach} />
              <label for="f-activity-detach">This post reports no activity: unlink it (the activity stays in the archive)</label>
            </div>
          </>
        ) : <p class="hint">Leave these empty for a post that reports no activity.</p>}
        <Control path="activity.kind" label="Kind" problems={problems} render={(at) => (
          <select {...at}><Options values={KINDS} labels={KIND_LABELS} selected={a.kind} empty="—" /></select>
        )} />
        <Control path="activity.name" label="Name" hint="E.g. the title of the conference; leave empty when the kind and date say it."
          problems={problems} render={(at) => <input {...at} type="text" value={a.name} />} />
        <div class="field-row">
          <Control path="activity.startsOn" label="First day" problems={problems} render={(at) => <input {...at} type="date" value={a.startsOn} />} />
          <Control path="activity.endsOn" label="Last day" hint="Only for activities of several days." problems={problems}
            render={(at) => <input {...at} type="date" value={a.endsOn} />} />
        </div>
        <div class="field-row">
          <Control path="activity.city" label="City" problems={problems} render={(at) => <input {...at} type="text" value={a.city} />} />
          <Control path="activity.country" label="Country" problems={problems} render={(at) => <CountrySelect value={a.country} attributes={at} />} />
          <Control path="activity.format" label="Format" problems={problems} render={(at) => (
            <select {...at}><Options values={FORMATS} labels={FORMAT_LABELS} selected={a.format} empty="—" /></select>
          )} />
        </div>
        <Control path="activity.internal" label="Visibility" problems={problems} render={(at) => (
          <select {...at}>
            <option value="" selected={!a.internal}>Public</option>
            <option value="1" selected={a.internal}>Internal: kept in the archive, not shown on the public site</option>
          </select>
        )} />

        <h3 id="participants-heading">Participants</h3>
        <p class="hint">Type a name to choose a known person or organization from the suggestions; a name nobody has yet is
          added to the archive when you save. Empty rows are ignored.</p>
        <div id="participant-rows" class="rows" role="group" aria-labelledby="participants-heading">
          {participants.map((row, index) => <ParticipantFields index={index} row={row} problems={problems} />)}
        </div>
        <template id="participant-row-template"><ParticipantFields index="__INDEX__" row={emptyParticipant()} problems={problems} /></template>
        <div class="actions">
          <button type="button" class="secondary" data-add-row="participant-row-template" data-into="participant-rows" hidden>Add a participant</button>
          <button type="submit" name="_action" value="more-participants" formnovalidate class="secondary">More participant rows</button>
        </div>
      </fieldset>

      <div class="actions">
        {saveButton}
        {props.postId !== undefined && (
          <>
            <a href={`/admin/history/post/${props.postId}`}>History{props.revisionCount !== undefined
              && ` (${props.revisionCount} ${props.revisionCount === 1 ? 'revision' : 'revisions'})`}</a>
            <a href={`/admin/posts/${props.postId}/delete`}>Delete…</a>
          </>
        )}
      </div>
    </form>
  )
}
