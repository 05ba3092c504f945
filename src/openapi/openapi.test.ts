import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { useTestServer } from '../../test/server.ts'
import { createApp } from '../app.ts'

const readPaths = ['/api/v1/posts', '/api/v1/posts/turkic-world-symbols-values-ideas-workshop', '/api/v1/posts?kind=meeting&pageSize=2',
  '/api/v1/activities', '/api/v1/activities?person=botagoz-rakisheva', '/api/v1/people', '/api/v1/people/botagoz-rakisheva',
  '/api/v1/organizations', '/api/v1/organizations/public-opinion-research-institute',
  '/api/v1/publications/public-perception-of-gender-equality-in-kazakhstan', '/api/v1/posts/no-such-post', '/api/v1/posts?year=abc',
  '/api/v1/search?q=workshop', '/api/v1/search?q=Ракишева&kind=meeting', '/api/v1/search?q=', '/api/v1/search/suggest?q=bot',
  '/api/v1/insights', '/api/v1/insights?year=2024&kind=workshop', '/api/v1/insights?kind=party']

/** "/api/v1/people/:slug" → "/api/v1/people/{slug}", as OpenAPI writes a path. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

describeEachDialect('the OpenAPI document', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await server().get('/api/v1/openapi.json')
    expect(response.status).toBe(200)
    const document = await response.json()
    expect(document.openapi).toBe('3.1.0')
    const result = await new Validator().validate(document)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('documents every API route the app serves, and no route it does not', async () => {
    const document = await (await server().get('/api/v1/openapi.json')).json()
    const served = new Set(createApp({ db: server().db }).routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`))
    const documented = new Set(Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`)))
    expect([...served].filter((r) => !documented.has(r))).toEqual([])
    expect([...documented].filter((r) => !served.has(r))).toEqual([])
  })

  it('describes what the read API really answers', async () => {
    const document = await (await server().get('/api/v1/openapi.json')).json()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    ajv.addSchema({ $id: 'doc', components: document.components }, 'doc')
    for (const path of readPaths) {
      const response = await server().get(path)
      const url = new URL(path, 'http://x')
      const template = Object.keys(document.paths).find((p) => new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(url.pathname))
      expect(template, path).toBeDefined()
      const operation = document.paths[template!].get
      const declared = operation.responses[String(response.status)]
      expect(declared, `${path} answered ${response.status}, which the document does not declare`).toBeDefined()
      const [type, media] = Object.entries(declared.content as Record<string, { schema: { $ref?: string } }>)[0]!
      expect(response.headers.get('content-type'), path).toContain(type)
      const ref = media.schema.$ref!.replace('#/', 'doc#/')
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref })
      const body = await response.json()
      expect(validate(body) ? [] : validate.errors, path).toEqual([])
    }
  })
})
