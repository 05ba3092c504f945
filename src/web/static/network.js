// The collaboration network (/insights/network): zoom with the buttons, the wheel or + and −, pan by dragging or
// with the arrow keys, and a node's ties lit up while it is pointed at or focused. Without this file the drawing
// is still a picture whose nodes link to their profiles, and the table below says the same in words.
const svg = document.querySelector('svg.network')
const viewport = svg && svg.querySelector('g.viewport')

if (svg && viewport) {
  const [, , width, height] = svg.getAttribute('viewBox').split(/\s+/).map(Number)
  const MIN = 0.5
  const MAX = 8
  let scale = 1
  let x = 0
  let y = 0

  const apply = () => {
    viewport.setAttribute('transform', `translate(${(x || 0).toFixed(1)} ${(y || 0).toFixed(1)}) scale(${scale.toFixed(3)})`)
    svg.dataset.scale = scale.toFixed(3)
  }

  /** Zooms by `factor` keeping the drawing's point (px, py) where it is. */
  const zoomAt = (factor, px = width / 2, py = height / 2) => {
    const next = Math.min(MAX, Math.max(MIN, scale * factor))
    x = px - ((px - x) * next) / scale
    y = py - ((py - y) * next) / scale
    scale = next
    apply()
  }
  const reset = () => { scale = 1; x = 0; y = 0; apply() }
  const pan = (dx, dy) => { x += dx; y += dy; apply() }

  /** A screen point in the drawing's own units. */
  const toDrawing = (clientX, clientY) => {
    const box = svg.getBoundingClientRect()
    return [((clientX - box.left) / box.width) * width, ((clientY - box.top) / box.height) * height]
  }

  const controls = document.querySelector('.network-controls')
  if (controls) {
    controls.hidden = false
    controls.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-zoom]')
      if (!button) return
      const action = button.dataset.zoom
      if (action === 'in') zoomAt(1.4)
      else if (action === 'out') zoomAt(1 / 1.4)
      else reset()
    })
  }

  svg.addEventListener('wheel', (event) => {
    event.preventDefault()
    const [px, py] = toDrawing(event.clientX, event.clientY)
    zoomAt(event.deltaY < 0 ? 1.2 : 1 / 1.2, px, py)
  }, { passive: false })

  // Dragging pans; a drag that ends on a node must not also open its profile.
  let drag = null
  let dragged = false
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return
    drag = { id: event.pointerId, startX: event.clientX, startY: event.clientY, lastX: event.clientX, lastY: event.clientY }
    dragged = false
  })
  svg.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return
    if (!dragged && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 4) return
    if (!dragged) { dragged = true; svg.setPointerCapture(event.pointerId); svg.classList.add('dragging') }
    const box = svg.getBoundingClientRect()
    pan(((event.clientX - drag.lastX) / box.width) * width, ((event.clientY - drag.lastY) / box.height) * height)
    drag.lastX = event.clientX
    drag.lastY = event.clientY
  })
  const endDrag = () => { drag = null; svg.classList.remove('dragging') }
  svg.addEventListener('pointerup', endDrag)
  svg.addEventListener('pointercancel', endDrag)
  svg.addEventListener('click', (event) => {
    if (dragged) { event.preventDefault(); dragged = false }
  }, true)

  const STEP = 40
  svg.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] }
    if (moves[event.key]) pan(...moves[event.key])
    else if (event.key === '+' || event.key === '=') zoomAt(1.4)
    else if (event.key === '-' || event.key === '−') zoomAt(1 / 1.4)
    else if (event.key === '0') reset()
    else return
    event.preventDefault()
  })

  // Highlighting: the node, its neighbours and the lines between them stay; everything else fades.
  const nodes = new Map()
  for (const node of svg.querySelectorAll('a.node')) nodes.set(node.dataset.key, node)
  const labels = new Map()
  for (const label of svg.querySelectorAll('.labels text')) labels.set(label.dataset.key, label)
  const linesOf = new Map()
  for (const line of svg.querySelectorAll('line[data-ends]')) {
    for (const key of line.dataset.ends.split(' ')) {
      if (!linesOf.has(key)) linesOf.set(key, [])
      linesOf.get(key).push(line)
    }
  }
  let lit = []
  const clear = () => {
    for (const element of lit) element.classList.remove('lit', 'focus')
    lit = []
    svg.classList.remove('highlighting')
  }
  const highlight = (node) => {
    clear()
    const key = node.dataset.key
    node.classList.add('focus')
    lit.push(node)
    for (const neighbour of (node.dataset.neighbours || '').split(' ')) {
      const element = nodes.get(neighbour)
      if (element) { element.classList.add('lit'); lit.push(element) }
    }
    for (const name of [key, ...(node.dataset.neighbours || '').split(' ')]) {
      const label = labels.get(name)
      if (label) { label.classList.add('lit'); lit.push(label) }
    }
    for (const line of linesOf.get(key) || []) { line.classList.add('lit'); lit.push(line) }
    svg.classList.add('highlighting')
  }
  const nodeOf = (target) => target instanceof Element ? target.closest('a.node') : null
  svg.addEventListener('pointerover', (event) => { const node = nodeOf(event.target); if (node && !drag) highlight(node) })
  svg.addEventListener('pointerout', (event) => { if (nodeOf(event.target) && !nodeOf(event.relatedTarget)) clear() })
  // A node reached with Tab while the drawing is zoomed may lie outside the frame: bring it to the middle.
  const reveal = (node) => {
    const frame = svg.getBoundingClientRect()
    const box = node.getBoundingClientRect()
    const inside = box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom
    if (inside) return
    pan(((frame.left + frame.width / 2 - (box.left + box.width / 2)) / frame.width) * width,
      ((frame.top + frame.height / 2 - (box.top + box.height / 2)) / frame.height) * height)
  }
  svg.addEventListener('focusin', (event) => { const node = nodeOf(event.target); if (node) { reveal(node); highlight(node) } })
  svg.addEventListener('focusout', (event) => { if (!nodeOf(event.relatedTarget)) clear() })
}
