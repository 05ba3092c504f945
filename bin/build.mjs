#!/usr/bin/env node
// Bundles the command line and the server, packages included, into dist/: a start then neither
// compiles TypeScript nor resolves and loads some 900 package files one by one (with the packages
// left external, loading them took about half of a start's processor time).
// dist/build.json lists what the build was made from; when one of those files is newer than the
// build, the build is stale and bin/chronicle.mjs does not run it.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = resolve(ROOT, 'dist')
const ENTRY = resolve(DIST, 'chronicle.js')
const BUILD_INFO = resolve(DIST, 'build.json')
// Besides our sources, these change what a build produces. npm rewrites its hidden lockfile on every
// install, so a changed package makes the build stale too (package files keep their own dates).
const SETTINGS = ['tsconfig.json', 'bin/build.mjs', 'node_modules/.package-lock.json']

// Packages left to node_modules: native addons, and pino, whose transports start workers from its own files.
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', '@resvg/resvg-js', 'pg-native', 'pino']

/** dist/chronicle.js when dist/ was built from the files as they are now; null when missing or stale. */
export function currentBuild() {
  let info
  try {
    info = JSON.parse(readFileSync(BUILD_INFO, 'utf8'))
  } catch {
    return null
  }
  for (const file of info.inputs) {
    let modified
    try {
      modified = statSync(resolve(ROOT, file)).mtimeMs
    } catch {
      return null
    }
    if (modified > info.startedAt) return null
  }
  return pathToFileURL(ENTRY).href
}

/** Builds dist/ afresh; returns the URL of dist/chronicle.js. */
export async function build() {
  const { build: esbuild } = await import('esbuild')
  // Taken before reading any source, so a file saved during the build makes it stale.
  const startedAt = Date.now()
  // Built beside dist/ and swapped in, so a process starting meanwhile finds a whole build or none.
  const staging = `${DIST}.${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  try {
    const result = await esbuild({
      absWorkingDir: ROOT,
      entryPoints: { chronicle: 'src/cli/main.ts' },
      outdir: staging,
      // Flat, so every output file sits one level below the project root (see sourceRelativeMetaUrl).
      entryNames: '[name]',
      chunkNames: '[name]-[hash]',
      bundle: true,
      splitting: true,
      external: EXTERNAL,
      // ES module builds first: a UMD main (jsonc-parser) hides its requires from the bundler.
      mainFields: ['module', 'main'],
      platform: 'node',
      format: 'esm',
      // package.json's engines; from 20.10 Node takes the import attributes of JSON imports.
      target: 'node20.19',
      // Bundled CommonJS packages require Node's own modules; an ES module has no require of its own.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      // The maps point at src/ and node_modules/, which are beside dist/: `node --enable-source-maps` uses them.
      sourcemap: true,
      sourcesContent: false,
      // Errors name themselves after their class (src/lib/errors.ts); bundling must not rename it.
      keepNames: true,
      // As tsconfig.json says, for the views in .tsx.
      jsx: 'automatic',
      jsxImportSource: 'hono/jsx',
      metafile: true,
      logLevel: 'warning',
      plugins: [sourceRelativeMetaUrl],
    })
    const sources = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'))
    const inputs = [...sources, ...SETTINGS.filter((file) => existsSync(resolve(ROOT, file)))]
    writeFileSync(resolve(staging, 'build.json'), `${JSON.stringify({ startedAt, inputs }, null, 1)}\n`)
    const previous = `${DIST}.old.${process.pid}`
    if (existsSync(DIST)) renameSync(DIST, previous)
    renameSync(staging, DIST)
    rmSync(previous, { recursive: true, force: true })
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  return pathToFileURL(ENTRY).href
}

/**
 * Files beside a module (the demo archive, the stylesheet) and packages it requires at run time are
 * found from its import.meta.url; in the bundle that would be dist/'s file, so each module's
 * import.meta.url becomes its source file's URL, relative to the bundle so the checkout may move.
 */
const sourceRelativeMetaUrl = {
  name: 'source-relative-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (!args.path.startsWith(resolve(ROOT, 'src'))) return undefined
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const fromDist = relative(DIST, args.path).split('\\').join('/')
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`
      return { contents: source.replaceAll('import.meta.url', url), loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' }
    })
  },
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  await build()
  console.log(`Built dist/ in ${Math.round(performance.now() - started)} ms`)
}
