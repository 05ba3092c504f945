// Name suggestions as you type, for every <input data-suggest>: a listbox of people and
// organizations under the box (the ARIA combobox pattern). The search form works without this file.
let counter = 0

for (const input of document.querySelectorAll('input[data-suggest]')) {
  const id = `suggest-${++counter}`
  const list = document.createElement('ul')
  list.id = id
  list.className = 'suggestions'
  list.setAttribute('role', 'listbox')
  list.setAttribute('aria-label', 'Matching names')
  list.hidden = true
  const wrap = document.createElement('span')
  wrap.className = 'suggest'
  input.replaceWith(wrap)
  wrap.append(input, list)
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-controls', id)
  input.setAttribute('aria-expanded', 'false')

  let items = []
  let active = -1
  let timer
  let asked = 0

  const close = () => {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }
  const highlight = (index) => {
    active = index
    list.querySelectorAll('[role="option"]').forEach((option, i) => option.setAttribute('aria-selected', String(i === index)))
    if (index >= 0) input.setAttribute('aria-activedescendant', `${id}-${index}`)
    else input.removeAttribute('aria-activedescendant')
  }
  const show = (found) => {
    items = found
    list.replaceChildren(...found.map((item, i) => {
      const option = document.createElement('li')
      option.id = `${id}-${i}`
      option.setAttribute('role', 'option')
      option.setAttribute('aria-selected', 'false')
      const name = document.createElement('span')
      name.textContent = item.name
      const detail = document.createElement('small')
      detail.textContent = [item.matchedName, item.type === 'person' ? 'person' : 'organization'].filter(Boolean).join(' · ')
      option.append(name, ' ', detail)
      // mousedown, not click: it comes before the box loses focus and closes the list.
      option.addEventListener('mousedown', (event) => { event.preventDefault(); location.assign(item.url) })
      return option
    }))
    list.hidden = found.length === 0
    input.setAttribute('aria-expanded', String(found.length > 0))
    highlight(-1)
  }
  const ask = async () => {
    const q = input.value.trim()
    if (q.length < 2) return show([])
    const mine = ++asked
    try {
      const response = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(q.slice(0, 100))}`)
      if (!response.ok || mine !== asked) return
      show((await response.json()).data)
    } catch {
      // Suggestions are a convenience; the search itself still works.
    }
  }

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(ask, 150) })
  input.addEventListener('blur', close)
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      // -1 is the box itself: past either end of the list the typed text is back in view.
      const next = active + (event.key === 'ArrowDown' ? 1 : -1)
      highlight(next >= items.length ? -1 : next < -1 ? items.length - 1 : next)
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault()
      location.assign(items[active].url)
    } else if (event.key === 'Escape') {
      close()
    }
  })
}
