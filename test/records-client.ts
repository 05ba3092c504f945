import { type HTMLElement, parse } from 'node-html-parser'
import type { UserRole } from '../src/db/database.ts'
import { textOf } from './html.ts'
import { type Account, FORM, makeAccount, signIn } from './security/helpers.ts'
import type { TestServer } from './server.ts'

/** A page as a browser without JavaScript gets it. */
export interface Page {
  status: number
  location: string | null
  html: string
  root: HTMLElement
  /** The error summary's lines, empty when there is none. */
  errors: string[]
}

async function pageOf(response: Response): Promise<Page> {
  const html = await response.text()
  const root = parse(html)
  return {
    status: response.status, location: response.headers.get('location'), html, root,
    errors: root.querySelectorAll('.error-summary li').map(textOf),
  }
}

/** A signed-in editor (or any role) that reads pages and sends forms as a browser would. */
export interface Client {
  account: Account
  get(path: string): Promise<Page>
  /** Sends the fields as a form, with the session's CSRF token. */
  post(path: string, fields?: Record<string, string>): Promise<Page>
}

export async function signedIn(server: TestServer, role: UserRole): Promise<Client> {
  const account = await makeAccount(server.db, role)
  const session = await signIn(server, account)
  return {
    account,
    get: async (path) => pageOf(await server.get(path, { headers: { cookie: session.cookie } })),
    post: async (path, fields = {}) => pageOf(await server.get(path, {
      method: 'POST', headers: { cookie: session.cookie, 'content-type': FORM },
      body: new URLSearchParams({ ...fields, _csrf: session.csrf }),
    })),
  }
}

/** The fields a browser would send for a form: inputs, ticked boxes, chosen options and text areas. */
export function formFields(root: HTMLElement, selector: string): Record<string, string> {
  const form = root.querySelector(selector)
  if (!form) throw new Error(`no form ${selector}`)
  const fields: Record<string, string> = {}
  for (const element of form.querySelectorAll('input, select, textarea')) {
    const name = element.getAttribute('name')
    if (!name || element.closest('template') || name === '_csrf') continue
    const type = element.getAttribute('type') ?? 'text'
    if (element.tagName === 'INPUT' && ['submit', 'button', 'file'].includes(type)) continue
    if (element.tagName === 'INPUT' && type === 'checkbox') {
      if (element.hasAttribute('checked')) fields[name] = element.getAttribute('value') ?? 'on'
      continue
    }
    if (element.tagName === 'SELECT') {
      const options = element.querySelectorAll('option')
      fields[name] = (options.find((o) => o.hasAttribute('selected')) ?? options[0])?.getAttribute('value') ?? ''
      continue
    }
    fields[name] = element.tagName === 'TEXTAREA' ? element.textContent : element.getAttribute('value') ?? ''
  }
  return fields
}
