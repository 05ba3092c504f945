import { type HTMLElement, parse } from 'node-html-parser'
import type { TestServer } from './server.ts'

export interface FetchedPage {
  status: number
  headers: Headers
  html: string
  root: HTMLElement
}

/** A page of the running server, parsed, as a reader's browser would receive it. */
export async function openPage(server: TestServer, path: string): Promise<FetchedPage> {
  const response = await server.get(path)
  const html = await response.text()
  return { status: response.status, headers: response.headers, html, root: parse(html) }
}

/** Text as a reader sees it: entities decoded, blocks apart, runs of white space made one space. */
export const textOf = (element: HTMLElement | null) => element?.structuredText.replace(/\s+/g, ' ').trim() ?? ''

export const textsOf = (root: HTMLElement, selector: string) => root.querySelectorAll(selector).map(textOf)

export const linksOf = (root: HTMLElement, selector: string) =>
  root.querySelectorAll(selector).map((a) => ({ text: textOf(a), href: a.getAttribute('href') }))

/** A <dl> as "term → description" pairs. */
export function definitionsOf(list: HTMLElement | null): Record<string, string> {
  const pairs: Record<string, string> = {}
  let term = ''
  for (const child of list?.children ?? []) {
    if (child.tagName === 'DT') term = textOf(child)
    if (child.tagName === 'DD') pairs[term] = textOf(child)
  }
  return pairs
}

/** The section under a heading (the heading's parent), found by the heading's text. */
export function sectionHeaded(root: HTMLElement, headingSelector: string, text: string | RegExp) {
  const heading = root.querySelectorAll(headingSelector)
    .find((h) => (typeof text === 'string' ? textOf(h) === text : text.test(textOf(h))))
  if (!heading?.parentNode) throw new Error(`no section headed ${String(text)}`)
  return heading.parentNode
}
