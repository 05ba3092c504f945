import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { stopChild, unlessExited } from './process.ts'

export const NGINX_PATH = '/usr/sbin/nginx'
const READY_TIMEOUT_MS = 10_000

export interface StaticServer {
  url: string
  stop(): Promise<void>
}

export const isNginxInstalled = () => existsSync(NGINX_PATH)

/** nginx serving `html` at `path` from files under `dir`, on a free loopback port. */
export async function startNginx(dir: string, path: string, html: string): Promise<StaticServer> {
  mkdirSync(join(dir, 'www'), { recursive: true })
  mkdirSync(join(dir, 'temp'), { recursive: true })
  writeFileSync(join(dir, 'www', 'page.html'), html)
  const port = await freePort()
  const config = join(dir, 'nginx.conf')
  const errorLog = join(dir, 'error.log')
  writeFileSync(config, nginxConfig(dir, port, path))
  const child = spawn(NGINX_PATH, ['-p', dir, '-c', config, '-e', errorLog], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const stop = () => stopChild(child, () => child.kill('SIGTERM'))
  const url = `http://127.0.0.1:${port}${path}`
  try {
    const said = () => stderr + (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '')
    await unlessExited(child, 'nginx', waitUntilServing(url), said)
    return { url, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

// One worker against our one Node process; no access log, as ours keeps none either.
function nginxConfig(dir: string, port: number, path: string) {
  const temp = (name: string) => join(dir, 'temp', name)
  return `${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${join(dir, 'www')};
    location = ${path} {
      default_type "text/html; charset=utf-8";
      try_files /page.html =404;
    }
  }
}
`
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitUntilServing(url: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    try {
      await fetch(url)
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`nginx did not answer at ${url} within ${READY_TIMEOUT_MS / 1000} s`, { cause: error })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}
