// Small islands for the admin; every form also works without this file.
const csrf = () => document.querySelector('input[name="_csrf"]')?.value ?? ''

// Live Markdown preview: <textarea data-preview="ID"> renders into the element with that id.
for (const area of document.querySelectorAll('textarea[data-preview]')) {
  const target = document.getElementById(area.dataset.preview)
  if (!target) continue
  let timer
  const render = async () => {
    const response = await fetch('/admin/preview', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
      body: JSON.stringify({ markdown: area.value }),
    })
    if (response.ok) target.innerHTML = (await response.json()).html
  }
  area.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 250) })
  render()
}

// Pickers: <input data-lookup="person|organization|any"> suggests existing records as you type
// and remembers the chosen record in the hidden input named by data-id-field: its id, or the
// result's field named by data-id-key (e.g. "slug").
function picker(input) {
  const list = document.createElement('datalist')
  list.id = `${input.id || input.name}-options`
  input.setAttribute('list', list.id)
  input.after(list)
  const idField = input.form?.querySelector(`input[name="${input.dataset.idField}"]`)
  const typeField = input.form?.querySelector(`[name="${input.dataset.typeField}"]`)
  const idKey = input.dataset.idKey || 'id'
  let found = []
  input.addEventListener('input', async () => {
    const chosen = found.find((f) => f.label === input.value)
    if (chosen) {
      if (idField) idField.value = String(chosen[idKey] ?? '')
      if (typeField) typeField.value = chosen.type
      return
    }
    if (idField) idField.value = ''
    if (input.value.trim().length < 2) return
    const type = typeField?.value || input.dataset.lookup
    const response = await fetch(`/admin/lookup?type=${encodeURIComponent(type)}&q=${encodeURIComponent(input.value)}`)
    if (!response.ok) return
    found = (await response.json()).results
    list.replaceChildren(...found.map((f) => Object.assign(document.createElement('option'), { value: f.label, textContent: f.detail ?? '' })))
  })
}
for (const input of document.querySelectorAll('input[data-lookup]')) picker(input)

// Buttons that add a row from a <template>: <button data-add-row="TEMPLATE_ID" data-into="CONTAINER_ID">.
for (const button of document.querySelectorAll('button[data-add-row]')) {
  button.hidden = false
  button.addEventListener('click', () => {
    const template = document.getElementById(button.dataset.addRow)
    const into = document.getElementById(button.dataset.into)
    if (!template || !into) return
    const index = into.children.length
    const html = template.innerHTML.replaceAll('__INDEX__', String(index))
    into.insertAdjacentHTML('beforeend', html)
    for (const input of into.lastElementChild?.querySelectorAll('input[data-lookup]') ?? []) picker(input)
  })
}

// A field that belongs to one option of a radio group: typing in it chooses that option.
// <input data-chooses="RADIO_ID">, e.g. "Link to another record" in the import review.
for (const input of document.querySelectorAll('input[data-chooses]')) {
  input.addEventListener('input', () => {
    const radio = document.getElementById(input.dataset.chooses)
    if (radio && input.value.trim()) radio.checked = true
  })
}
