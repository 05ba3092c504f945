import { html } from 'hono/html'
import { localPath } from '../../i18n/locale.ts'
import { formatDate } from '../../web/format.ts'
import { creditLabel } from '../publication.labels.ts'

/**
 * A publication on a profile: its title linked, what the party did and when it came out. Written as
 * text (the markup JSX made), for profiles list fifty of them.
 */
export function publicationLine(p: { slug: string; title: string; role: string; published_on: string | null }) {
  return html`<li><a href="${localPath(`/publications/${p.slug}`)}">${p.title}</a><div class="meta">${creditLabel(p.role)} · ${formatDate(p.published_on)}</div></li>`
}
