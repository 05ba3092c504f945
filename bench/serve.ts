// The real server in a process of its own, so the load generator never shares its event loop.
import { loadConfig } from '../src/config.ts'
import { startServer } from '../src/server.ts'

const [databaseUrl, dataDir] = process.argv.slice(2)
if (!databaseUrl || !dataDir || !process.send) throw new Error('usage: forked by bench/server-process.ts with a database URL and a data directory')

// Through loadConfig, so settings added later keep their defaults here too.
const config = loadConfig({
  PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, DEMO_ARCHIVE: '0', LOG_LEVEL: 'silent',
  CACHE: process.env.CACHE ?? 'on', METRICS_TOKEN: process.env.METRICS_TOKEN,
})
const server = await startServer(config)
process.send({ url: server.url })
process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() })
  if (message === 'memory') process.send!({ rss: process.memoryUsage().rss })
})
// The parent closing the channel, even by dying, ends the server.
process.once('disconnect', () => void server.close().finally(() => process.exit(0)))
