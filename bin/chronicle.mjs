#!/usr/bin/env node
// Runs the build in dist/ when it is as new as every source it was made from, else the
// TypeScript through tsx, so an edit is never run from an old build. `serve` (npm start)
// rebuilds a missing or stale build first: a build costs a few seconds once, tsx as much on every start.
import { build, currentBuild } from './build.mjs'

let entry = currentBuild()
if (!entry && process.argv[2] === 'serve') {
  console.error('Building dist/: it is missing or older than the sources.')
  entry = await build().catch(cannotBuild)
}
if (entry) {
  await import(entry)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}

function cannotBuild(error) {
  // esbuild has printed what does not compile (tsx will fail on it too); a checkout we may not write to still serves.
  console.error(`Could not build dist/${error.errors ? '' : ` (${error.message})`}; running the TypeScript through tsx.`)
  return null
}
