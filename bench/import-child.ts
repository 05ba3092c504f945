// Runs the chronicle command line as a user would, and reports the process's peak memory as it exits:
// what `npm run bench` quotes for an import.
process.on('exit', () => {
  process.stderr.write(`\nmax-rss-kb ${process.resourceUsage().maxRSS}\n`)
})
export {}

await import('../src/cli/main.ts')
