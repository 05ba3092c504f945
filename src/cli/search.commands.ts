import type { Command } from 'commander'
import { rebuildSearchIndex } from '../search/index.ts'
import { withDatabase } from './context.ts'

export function registerSearchCommands(program: Command) {
  program.command('search-reindex')
    .description('rebuild the search index from the records (after a bulk load or a restored backup)')
    .action(async () => {
      const started = performance.now()
      const { documents } = await withDatabase(({ db }) => rebuildSearchIndex(db))
      console.log(`Indexed ${documents} records in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
    })
}
