import type { Child } from 'hono/jsx'

export const CsrfField = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />

/** A labelled field with its hint and error, tied together for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: Child }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ')
  return (
    <div class={props.error ? 'field has-error' : 'field'} data-described={described || undefined}>
      <label for={props.id}>{props.label}</label>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="error" id={`${props.id}-error`} role="alert">{props.error}</p>}
      {props.children}
    </div>
  )
}

// Notices after a redirect are chosen from this list, so a link cannot make the page say anything else.
const NOTICES: Record<string, string> = {
  saved: 'Saved.',
  created: 'Created.',
  deleted: 'Moved to the trash. It can be restored from there.',
  restored: 'Restored.',
  merged: 'Merged. The merged record’s address now leads here; the merge can be undone from the history.',
  unmerged: 'The merge was undone.',
  unmerged_partly: 'The merge was undone. Some rows changed since the merge stayed where they are; the audit log lists them.',
  published: 'Published.',
  password: 'Your password was changed and your other sessions were signed out.',
  everywhere: 'All your other sessions were signed out.',
  totp_on: 'Two-factor sign-in is on. From now on you will be asked for a code after your password.',
  totp_off: 'Two-factor sign-in is off.',
  token_revoked: 'The token was revoked; it no longer works.',
  user_added: 'The account was created.',
  user_updated: 'The account was updated.',
  file_attached: 'The file was uploaded and attached.',
  file_removed: 'The file was taken off this publication. It can be put back from the history.',
  photo_saved: 'The photo was saved.',
  photo_removed: 'The photo was removed.',
}

export function Notice(props: { code?: string | null }) {
  const text = props.code ? NOTICES[props.code] : undefined
  return text ? <p class="notice" role="status">{text}</p> : null
}

export function ErrorSummary(props: { errors: string[] }) {
  if (!props.errors.length) return null
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>Nothing was saved: please correct this</h2>
      <ul>{props.errors.map((e) => <li>{e}</li>)}</ul>
    </div>
  )
}

/**
 * A table that scrolls sideways in its own box on a narrow screen instead of widening the page (WCAG 1.4.10);
 * the box is named and takes focus, so a keyboard can scroll a table that has no links.
 */
export function TableScroll(props: { label: string; children: Child }) {
  return <div class="table-scroll" role="region" aria-label={props.label} tabindex={0}>{props.children}</div>
}
