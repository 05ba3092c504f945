import { z } from 'zod'
import { ActivityInputSchema } from '../activities/activity.schema.ts'
import { KINDS, PARTICIPATION_ROLES } from '../lib/vocabulary.ts'
import { PostInputSchema } from '../news/post.schema.ts'
import { OrganizationInputSchema } from '../organizations/organization.schema.ts'
import { PersonInputSchema } from '../people/person.schema.ts'
import { PublicationInputSchema } from '../publications/publication.schema.ts'
import { SearchInputSchema, SuggestInputSchema } from '../search/search.schema.ts'
import {
  ActivitySchema, OrganizationSchema, OrganizationSummarySchema, paged, PersonSchema, PersonSummarySchema,
  PostSchema, PostSummarySchema, ProblemSchema, PublicationSchema, SearchResultsSchema, SuggestionsSchema,
} from './responses.ts'

type JsonSchema = Record<string, unknown>

/** JSON Schema 2020-12, OpenAPI 3.1's dialect, without the $schema line each component would repeat. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: JsonSchema) => ({ 'application/json': { schema } })
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })

const q = (name: string, description: string, schema: JsonSchema, required = false) => ({ name, in: 'query', required, description, schema })
const slugParameter = { name: 'slug', in: 'path', required: true, description: 'The record’s address name, e.g. botagoz-rakisheva', schema: { type: 'string', maxLength: 200 } }
const page = q('page', 'Page number, from 1', { type: 'integer', minimum: 1, maximum: 5000, default: 1 })
const pageSize = (fallback: number) => q('pageSize', 'Items per page', { type: 'integer', minimum: 1, maximum: 100, default: fallback })
const listFilters = [
  q('year', 'Only this year', { type: 'integer', minimum: 1900, maximum: 2100 }),
  q('kind', 'Only this kind of activity', { type: 'string', enum: [...KINDS] }),
  q('person', 'Only activities of this person (slug)', { type: 'string' }),
  q('organization', 'Only activities of this organization (slug)', { type: 'string' }),
]

/** Query parameters straight from the schema that parses them, so the two cannot drift apart. */
function queryParameters(schema: z.ZodObject, descriptions: Record<string, string>) {
  return Object.entries(schema.shape).map(([name, field]) => q(name, descriptions[name] ?? name, schemaOf(field as z.ZodType, 'input')))
}

const readErrors = { 400: problem('A parameter is invalid; `errors` lists each.'), 404: problem('No such record.') }

function read(summary: string, schema: string, parameters: object[] = [], tag = 'Read') {
  return { get: { tags: [tag], summary, parameters, responses: { 200: { description: 'OK', content: json(ref(schema)) }, ...readErrors } } }
}

const WRITABLE = [
  { collection: 'posts', name: 'Post', input: PostInputSchema, who: 'authors (own drafts; no publishing), editors and admins' },
  { collection: 'activities', name: 'Activity', input: ActivityInputSchema, who: 'editors and admins' },
  { collection: 'people', name: 'Person', input: PersonInputSchema, who: 'editors and admins' },
  { collection: 'organizations', name: 'Organization', input: OrganizationInputSchema, who: 'editors and admins' },
  { collection: 'publications', name: 'Publication', input: PublicationInputSchema, who: 'editors and admins' },
] as const

const writeErrors = {
  400: problem('The body is not valid: `errors` lists each problem as "field.path: message".'),
  401: problem('No token, or an unknown or revoked one.'),
  403: problem('The token may only read, or its account’s role may not do this.'),
  409: problem('The slug is taken, or the record is still used elsewhere.'),
  413: problem('The body is larger than 1 MB.'),
  415: problem('The body is not JSON.'),
}

function writePaths() {
  const paths: Record<string, object> = {}
  for (const w of WRITABLE) {
    const stored = `${w.name}Record`
    const security = [{ bearer: [] }]
    const ok = (status: number, description: string) => ({
      [status]: { description, headers: { ETag: { description: 'The version, for If-Match', schema: { type: 'string' } } }, content: json(ref(stored)) },
    })
    paths[`/api/v1/${w.collection}`] = {
      post: {
        tags: ['Write'], summary: `Create a ${w.name.toLowerCase()} (${w.who})`, security,
        requestBody: { required: true, content: json(ref(`${w.name}Input`)) },
        responses: { ...ok(201, 'Created; Location names the new record'), ...writeErrors },
      },
    }
    paths[`/api/v1/${w.collection}/{slug}`] = {
      patch: {
        tags: ['Write'], summary: `Change a ${w.name.toLowerCase()}: a JSON merge patch (RFC 7396) over its fields`, security,
        parameters: [slugParameter, { name: 'If-Match', in: 'header', required: false, description: 'The ETag you read; a newer version is a 412', schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/merge-patch+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } } },
        responses: { ...ok(200, 'Saved'), 404: problem('No such record.'), 412: problem('The record changed since the If-Match version; `current` holds it.'), ...writeErrors },
      },
      delete: {
        tags: ['Write'], summary: `Move a ${w.name.toLowerCase()} to the trash (it can be restored in the admin)`, security,
        parameters: [slugParameter, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
        responses: { 204: { description: 'Deleted' }, 404: problem('No such record.'), 412: problem('The record changed since the If-Match version.'), ...writeErrors },
      },
    }
  }
  return paths
}

/** Extra paths other parts of the API register (search), so the document stays one. */
const extraPaths: Record<string, object> = {}
const extraSchemas: Record<string, JsonSchema> = {}
export function documentPaths(paths: Record<string, object>, schemas: Record<string, z.ZodType> = {}) {
  Object.assign(extraPaths, paths)
  for (const [name, schema] of Object.entries(schemas)) extraSchemas[name] = schemaOf(schema)
}

/** Paths from several sources, with the operations of one path put together. */
function mergePaths(...sources: Record<string, object>[]) {
  const out: Record<string, Record<string, unknown>> = {}
  for (const source of sources) {
    for (const [path, operations] of Object.entries(source)) out[path] = { ...out[path], ...operations }
  }
  return out
}

/** The OpenAPI 3.1 document of the whole API. */
export function buildOpenApiDocument(serverUrl: string) {
  const schemas: Record<string, JsonSchema> = {
    Problem: schemaOf(ProblemSchema),
    PostSummaryPage: schemaOf(paged(PostSummarySchema)),
    Post: schemaOf(PostSchema),
    ActivityPage: schemaOf(paged(ActivitySchema)),
    Activity: schemaOf(ActivitySchema),
    PersonSummaryPage: schemaOf(paged(PersonSummarySchema)),
    Person: schemaOf(PersonSchema),
    OrganizationSummaryPage: schemaOf(paged(OrganizationSummarySchema)),
    Organization: schemaOf(OrganizationSchema),
    Publication: schemaOf(PublicationSchema),
    SearchResults: schemaOf(SearchResultsSchema),
    Suggestions: schemaOf(SuggestionsSchema),
    ...extraSchemas,
  }
  for (const w of WRITABLE) {
    schemas[`${w.name}Input`] = schemaOf(w.input, 'input')
    schemas[`${w.name}Record`] = schemaOf((w.input as z.ZodObject).extend({ url: z.string(), version: z.number().int() }))
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chronicle API',
      version: '1.0.0',
      description: 'The public record of the Public Opinion Research Institute: news posts, activities, people, organizations and publications. '
        + 'Reads are open and show public records only. Writes need a personal access token (created in the admin under Your account) with write scope.',
    },
    servers: [{ url: serverUrl }],
    tags: [{ name: 'Read' }, { name: 'Write' }, { name: 'Search' }],
    paths: mergePaths({
      '/api/v1/posts': read('Published news, newest first', 'PostSummaryPage', [page, pageSize(20), ...listFilters]),
      '/api/v1/posts/{slug}': read('One published post with its activity’s facts and participants', 'Post', [slugParameter]),
      '/api/v1/activities': read('Public activities, newest first, with participants', 'ActivityPage', [page, pageSize(20), ...listFilters]),
      '/api/v1/activities/{slug}': read('One public activity', 'Activity', [slugParameter]),
      '/api/v1/people': read('People, by name', 'PersonSummaryPage', [page, pageSize(50)]),
      '/api/v1/people/{slug}': read('A person with affiliations and one page of activities with roles', 'Person', [slugParameter, page]),
      '/api/v1/organizations': read('Organizations, by name', 'OrganizationSummaryPage', [page, pageSize(50)]),
      '/api/v1/organizations/{slug}': read('An organization with a page of its people and activities grouped by role', 'Organization',
        [slugParameter, page, q('role', 'Page through the activities of this role', { type: 'string', enum: [...PARTICIPATION_ROLES] }),
          q('peoplePage', 'Which page of its people, by name (20 a page)', { type: 'integer', minimum: 1, maximum: 5000, default: 1 })]),
      '/api/v1/publications/{slug}': read('A publication with its method, credits and files', 'Publication', [slugParameter]),
      '/api/v1/search': read('Search posts, activities, people, organizations and publications; results grouped by type, with facets', 'SearchResults',
        queryParameters(SearchInputSchema, {
          q: 'The words to find; stems, case and diacritics do not matter, names match in Latin or Cyrillic',
          type: 'Only this type of result, paged', year: 'Facet: year', kind: 'Facet: kind of activity', country: 'Facet: country (ISO code)',
          person: 'Facet: a person (slug)', organization: 'Facet: an organization (slug)', role: 'Facet: a role',
          page: 'Page of the chosen type', pageSize: 'Results per type',
        }), 'Search'),
      '/api/v1/search/suggest': read('Names as you type: people and organizations by any variant', 'Suggestions',
        queryParameters(SuggestInputSchema, { q: 'The start of a name', limit: 'How many suggestions' }), 'Search'),
      '/api/v1/openapi.json': { get: { tags: ['Read'], summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } } },
    }, writePaths(), extraPaths),
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal access token, chr_…' } },
    },
  }
}
