// Links: the URLs an item mentions, in order, without trailing punctuation.
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"“”«»()[\]]+(?:\([^\s()]*\)[^\s<>"“”«»()[\]]*)*/gi

export function findLinks(text: string): string[] {
  const links: string[] = []
  for (const match of text.matchAll(URL)) {
    const url = match[0].replace(/[.,;:!?'’]+$/, '')
    if (url.length > 10 && !links.includes(url)) links.push(url)
  }
  return links
}
