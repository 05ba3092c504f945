import { TableScroll } from '../../admin/forms.tsx'
import { FORMAT_LABELS, KIND_LABELS, ROLE_LABELS } from '../../lib/vocabulary.ts'
import { countryName } from '../../web/format.ts'
import { hasActivity, LANGUAGE_NAMES, type PostForm } from '../post.form.ts'
import { POST_LANGUAGES } from '../post.schema.ts'
import { STATUS_LABELS } from './post-form.tsx'

const label = (labels: Record<string, string>, value: string) => labels[value] ?? value

/** The post as lines a person compares: one entry per part of the form. */
function describe(form: PostForm): [string, string][] {
  const a = form.activity
  const dates = [a.startsOn, a.endsOn].filter(Boolean).join(' – ')
  const place = [a.city, countryName(a.country || null)].filter(Boolean).join(', ')
  const activity = [label(KIND_LABELS, a.kind), a.name, dates, place, label(FORMAT_LABELS, a.format), a.internal ? 'internal' : '']
    .filter(Boolean).join(' · ')
  return [
    ['Title', form.title],
    ['Address', form.slug || '(made from the title)'],
    ['Main language', label(LANGUAGE_NAMES, form.lang)],
    ['Status', label(STATUS_LABELS, form.status)],
    ['Publication time (Almaty)', form.publishedAt.replace('T', ' ')],
    ['Summary', form.summary],
    ['Text', form.body],
    ['Links', form.links.map((l) => [l.url, l.label].filter(Boolean).join(' — ')).join('\n')],
    ...POST_LANGUAGES.filter((lang) => lang !== form.lang).map((lang): [string, string] => {
      const t = form.translations[lang]
      return [`${LANGUAGE_NAMES[lang]} version`, t ? [t.title, t.summary, t.body].filter(Boolean).join('\n\n') : '']
    }),
    ['Activity', a.detach || !hasActivity(a) ? '(none)' : activity],
    ['Participants', a.participants.map((p) => [
      `${p.name || p.slug} (${p.type})`, label(ROLE_LABELS, p.role), p.jobTitle, p.affiliationName, p.internal ? 'internal' : '',
    ].filter(Boolean).join(', ')).join('\n')],
  ]
}

/** Both versions side by side, the rows that differ marked. */
export function PostComparison(props: { yours: PostForm; saved: PostForm }) {
  const saved = new Map(describe(props.saved))
  return (
    <TableScroll label="Your version and the saved one"><table class="data compare">
      <caption>Your version and the saved one, field by field</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Your version (not saved)</th><th scope="col">Saved now</th></tr></thead>
      <tbody>
        {describe(props.yours).map(([field, yours]) => {
          const theirs = saved.get(field) ?? ''
          const changed = yours !== theirs
          return (
            <tr class={changed ? 'changed' : undefined}>
              <th scope="row">{field}{changed && <span class="tag">differs</span>}</th>
              <td class="text">{yours}</td>
              <td class="text">{theirs}</td>
            </tr>
          )
        })}
      </tbody>
    </table></TableScroll>
  )
}
