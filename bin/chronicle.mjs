#!/usr/bin/env node
// Runs the build in dist/ when it is as new as every source it was made from, else the
// TypeScript through tsx, so an edit is never run from an old build. `serve` (npm start)
// rebuilds a missing or stale build first: a build takes a second, tsx on every start more.
import { build, currentBuild } from './build.mjs'

let entry = currentBuild()
if (!entry && process.argv[2] === 'serve') entry = await build().catch(cannotBuild)
if (entry) {
  await import(entry)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}

function cannotBuild(error) {
  // A checkout we may not write to still serves, through tsx; a source that does not compile fails below too.
  console.error(`Could not build dist/ (${error.message.split('\n')[0]}); running the TypeScript through tsx.`)
  return null
}
