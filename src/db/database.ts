import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely'

// Flags are 0/1 integers and dates ISO text on both engines, so every query and
// every export reads the same values whichever database is behind it.
export type Flag = 0 | 1

export interface PostTable {
  id: Generated<number>
  slug: string
  lang: string
  title: string
  summary: string
  body: string
  status: 'draft' | 'scheduled' | 'published'
  published_at: string | null
  activity_id: number | null
  // SHA-256 of the imported source text, so importing the same text again finds the post.
  source_hash: string | null
  created_at: string
  updated_at: string
}

export interface PostLinkTable {
  id: Generated<number>
  post_id: number
  position: number
  url: string
  label: string | null
}

export interface ActivityTable {
  id: Generated<number>
  slug: string
  kind: string | null
  name: string | null
  starts_on: string | null
  ends_on: string | null
  city: string | null
  country: string | null
  format: string | null
  is_internal: Flag
  created_at: string
  updated_at: string
}

export interface ParticipationTable {
  id: Generated<number>
  activity_id: number
  person_id: number | null
  organization_id: number | null
  role: string
  position: number
  // What the news said of the participant at the time, e.g. "Vice-President of the Turkic Academy".
  affiliation_id: number | null
  job_title: string | null
  is_internal: Flag
}

export interface PersonTable {
  id: Generated<number>
  slug: string
  name: string
  honorific: string | null
  degree: string | null
  biography: string | null
  created_at: string
  updated_at: string
}

export interface PersonNameTable {
  id: Generated<number>
  person_id: number
  name: string
  name_key: string
}

export interface AffiliationTable {
  id: Generated<number>
  person_id: number
  organization_id: number
  position: string | null
  starts_on: string | null
  ends_on: string | null
}

export interface OrganizationTable {
  id: Generated<number>
  slug: string
  name: string
  kind: string | null
  country: string | null
  parent_id: number | null
  website: string | null
  created_at: string
  updated_at: string
}

export interface OrganizationNameTable {
  id: Generated<number>
  organization_id: number
  name: string
  name_key: string
  is_acronym: Flag
}

export interface PublicationTable {
  id: Generated<number>
  slug: string
  kind: string
  title: string
  summary: string | null
  published_on: string | null
  activity_id: number | null
  sample_size: number | null
  regions: string | null
  methods: string | null
  created_at: string
  updated_at: string
}

export interface PublicationContributorTable {
  id: Generated<number>
  publication_id: number
  person_id: number | null
  organization_id: number | null
  role: string
  position: number
}

export interface RevisionTable {
  id: Generated<number>
  entity_type: string
  entity_id: number
  action: 'create' | 'update' | 'delete'
  actor: string
  at: string
  before_json: string | null
  after_json: string | null
}

export interface Database {
  post: PostTable
  post_link: PostLinkTable
  activity: ActivityTable
  participation: ParticipationTable
  person: PersonTable
  person_name: PersonNameTable
  affiliation: AffiliationTable
  organization: OrganizationTable
  organization_name: OrganizationNameTable
  publication: PublicationTable
  publication_contributor: PublicationContributorTable
  revision: RevisionTable
}

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database> | Transaction<Database>

export type PostRow = Selectable<PostTable>
export type ActivityRow = Selectable<ActivityTable>
export type ParticipationRow = Selectable<ParticipationTable>
export type PersonRow = Selectable<PersonTable>
export type OrganizationRow = Selectable<OrganizationTable>
export type PublicationRow = Selectable<PublicationTable>
export type AffiliationRow = Selectable<AffiliationTable>
export type RevisionRow = Selectable<RevisionTable>
export type NewRevision = Insertable<RevisionTable>
