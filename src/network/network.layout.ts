import { createHash } from 'node:crypto'
import Graph from 'graphology'
import forceAtlas2 from 'graphology-layout-forceatlas2'

export interface LayoutInput {
  /** `seed` names the node for its starting point (its kind and slug, the same on every engine). */
  nodes: { key: string; seed: string; weight: number }[]
  edges: { source: string; target: string; weight: number }[]
}

export interface Placed {
  x: number
  y: number
}

/** The drawing's coordinate space; the page scales it to the screen. */
export const LAYOUT_WIDTH = 1000
export const LAYOUT_HEIGHT = 760
const MARGIN = 40
const ITERATIONS = 200

/** A point in [-1, 1]² from the key: the same archive always starts, and so ends, in the same places. */
function seededPosition(key: string): Placed {
  const digest = createHash('sha256').update(key).digest()
  return { x: digest.readUInt32BE(0) / 0x80000000 - 1, y: digest.readUInt32BE(4) / 0x80000000 - 1 }
}

/**
 * ForceAtlas2 positions scaled into the drawing's box. Deterministic: seeded starting points and a fixed number
 * of iterations, so a cached page and a fresh one draw the same picture.
 */
export function layoutNetwork(input: LayoutInput): Map<string, Placed> {
  const placed = new Map<string, Placed>()
  if (!input.nodes.length) return placed
  const graph = new Graph({ type: 'undirected' })
  for (const node of input.nodes) graph.addNode(node.key, { ...seededPosition(node.seed), size: node.weight })
  for (const edge of input.edges) graph.addEdge(edge.source, edge.target, { weight: edge.weight })
  if (input.nodes.length > 1) {
    forceAtlas2.assign(graph, {
      iterations: ITERATIONS,
      getEdgeWeight: 'weight',
      // Gravity keeps nodes whose ties all lead outside the drawing from drifting to its edges.
      settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, scalingRatio: 10, edgeWeightInfluence: 0.5, barnesHutOptimize: false },
    })
  }
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity]
  graph.forEachNode((_key, a) => {
    minX = Math.min(minX, a.x); maxX = Math.max(maxX, a.x); minY = Math.min(minY, a.y); maxY = Math.max(maxY, a.y)
  })
  const spanX = maxX - minX || 1
  const spanY = maxY - minY || 1
  const width = LAYOUT_WIDTH - 2 * MARGIN
  const height = LAYOUT_HEIGHT - 2 * MARGIN
  graph.forEachNode((key, a) => {
    // A lone node sits in the middle; otherwise the layout fills the box.
    const x = maxX === minX ? LAYOUT_WIDTH / 2 : MARGIN + ((a.x - minX) / spanX) * width
    const y = maxY === minY ? LAYOUT_HEIGHT / 2 : MARGIN + ((a.y - minY) / spanY) * height
    placed.set(key, { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 })
  })
  return placed
}
