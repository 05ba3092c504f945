import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely'

// Flags are 0/1 integers and dates ISO text on both engines, so every query and
// every export reads the same values whichever database is behind it.
export type Flag = 0 | 1

export type PostStatus = 'draft' | 'review' | 'scheduled' | 'published'
export type UserRole = 'admin' | 'editor' | 'author'

export interface PostTable {
  id: Generated<number>
  slug: string
  lang: string
  title: string
  summary: string
  body: string
  status: PostStatus
  published_at: string | null
  activity_id: number | null
  author_id: number | null
  // SHA-256 of the imported source text, so importing the same text again finds the post.
  source_hash: string | null
  /** The activity's kind, copied for the news list filtered by kind (src/listings keeps it current). */
  activity_kind: Generated<string | null>
  created_at: string
  updated_at: string
}

export type ImportStatus = 'pending' | 'published' | 'discarded'

export interface ImportItemTable {
  id: Generated<number>
  post_id: number | null
  // A hash of the item's text, or a WordPress post's guid: the same item imported again is found by it.
  source_key: string
  source_name: string
  source_format: string
  position: string
  source_text: string
  // The proposal (src/importer/proposal.ts) as JSON: it is read and written whole, never queried.
  proposal_json: string
  status: ImportStatus
  created_at: string
  reviewed_at: string | null
  reviewed_by: string | null
}

export interface PostLinkTable {
  id: Generated<number>
  post_id: number
  position: number
  url: string
  label: string | null
}

export interface PostTranslationTable {
  id: Generated<number>
  post_id: number
  lang: string
  title: string
  summary: string
  body: string
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
  // Copies for the lists of a person's or an organization's activities (src/listings keeps them current):
  // the activity's start, and 1 when neither the participation nor its activity is internal.
  activity_starts_on: Generated<string | null>
  is_public: Generated<Flag>
}

/** Public activities of a person (or organization) in one role, or in any role when `role` is ''. */
export interface PersonActivityCountTable {
  person_id: number
  role: string
  activities: number
}

export interface OrganizationActivityCountTable {
  organization_id: number
  role: string
  activities: number
}

/** The public posts about a person's activities, by publication date, for the news filtered by person. */
export interface PostPersonTable {
  person_id: number
  post_id: number
  published_at: string
}

/** A year that has listed news, and from when the public sees it (src/listings keeps it current). */
export interface NewsYearTable {
  year: string
  first_public_at: string
}

export interface PostOrganizationTable {
  organization_id: number
  post_id: number
  published_at: string
}

export interface PersonTable {
  id: Generated<number>
  slug: string
  name: string
  photo_file_id: number | null
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
  /** The person's name, copied for the people of an organization by name (src/listings keeps it current). */
  person_name: Generated<string | null>
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
  fieldwork_from: string | null
  fieldwork_to: string | null
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
  /** The publication's date, copied for the publications on a profile (src/listings keeps it current). */
  published_on: Generated<string | null>
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

export interface UserTable {
  id: Generated<number>
  email: string
  name: string
  password_hash: string
  role: UserRole
  totp_secret: string | null
  totp_enabled: Flag
  disabled_at: string | null
  created_at: string
  updated_at: string
}

export interface SessionTable {
  id: string
  user_id: number
  csrf_token: string
  // Set after the password when the account has two-factor sign-in, until the code is given.
  second_factor_due: Flag
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: string | null
  user_agent: string | null
}

export interface LoginAttemptTable {
  id: Generated<number>
  email_key: string
  ip: string
  at: string
  succeeded: Flag
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  user_id: number | null
  email: string | null
  action: string
  target_type: string | null
  target_id: number | null
  ip: string | null
  detail: string | null
}

export interface ApiTokenTable {
  id: Generated<number>
  user_id: number
  name: string
  token_hash: string
  scope: 'read' | 'write'
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export interface StoredFileTable {
  id: Generated<number>
  sha256: string
  size: number
  mime: string
  created_at: string
}

export interface PublicationFileTable {
  id: Generated<number>
  publication_id: number
  file_id: number
  label: string | null
  file_name: string
  position: number
}

export interface SlugRedirectTable {
  id: Generated<number>
  entity_type: string
  slug: string
  target_id: number
}

export interface MergeRecordTable {
  id: Generated<number>
  entity_type: string
  survivor_id: number
  merged_id: number
  merged_snapshot: string
  moved: string
  actor: string
  at: string
  undone_at: string | null
}

/** One searchable record; its terms are computed in JavaScript (src/search/search-terms.ts) for both engines. */
/** One row: the public-content counter that triggers move on (migration 0011). */
export interface ContentVersionTable {
  id: number
  version: number
}

export interface SearchDocumentTable {
  id: Generated<number>
  entity_type: string
  entity_id: number
  slug: string
  title: string
  /** Plain text the snippets are cut from. */
  body: string
  /** Every name of the record (people, organizations) or of its participants, one a line. */
  names: string
  terms: string
  name_terms: string
  /** ISO date, or '' for records without one; newest first within a type. */
  sort_date: string
  sort_name: string
  /** A scheduled post is found from its publication time on; null for records public at once. */
  visible_from: string | null
  /** The facet values of the record, "year=2024", "person=12", one a line; each is also a term. */
  facets: Generated<string>
}

export interface Database {
  post: PostTable
  post_link: PostLinkTable
  import_item: ImportItemTable
  post_translation: PostTranslationTable
  activity: ActivityTable
  participation: ParticipationTable
  person_activity_count: PersonActivityCountTable
  organization_activity_count: OrganizationActivityCountTable
  post_person: PostPersonTable
  post_organization: PostOrganizationTable
  news_year: NewsYearTable
  person: PersonTable
  person_name: PersonNameTable
  affiliation: AffiliationTable
  organization: OrganizationTable
  organization_name: OrganizationNameTable
  publication: PublicationTable
  publication_contributor: PublicationContributorTable
  revision: RevisionTable
  app_user: UserTable
  session: SessionTable
  login_attempt: LoginAttemptTable
  audit_log: AuditLogTable
  api_token: ApiTokenTable
  stored_file: StoredFileTable
  publication_file: PublicationFileTable
  slug_redirect: SlugRedirectTable
  merge_record: MergeRecordTable
  search_document: SearchDocumentTable
  content_version: ContentVersionTable
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
export type UserRow = Selectable<UserTable>
export type SessionRow = Selectable<SessionTable>
export type NewRevision = Insertable<RevisionTable>
