import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely'
import type { Dialect } from '../database.ts'
import { addContentVersionTriggers } from './0011_content_version.ts'

/**
 * Search documents get ids in result order, so the full-text index hands out a kind's matches
 * newest first and a page is the first few rows it gives, at any number of matches:
 *
 *   id = (kind × 2^25 + key) × 2^24 + record id
 *   key = 2^24 − 1 − day, for a record with a date (day counted from 1800 in 31-day months),
 *       = 2^24 + the first three bytes of its folded name in UTF-8, for one without
 *
 * Records of a kind sharing a key (a day, a start of a name) are sorted exactly among themselves
 * when read. search_bucket counts the documents of each run of 32 keys, to estimate how many
 * matches a common word has without reading them all; search_facets keeps each document's facets
 * apart from its long texts, so counting them over 2,000 matches reads a few pages. On SQLite,
 * search_term lists the indexed words, so a query word's possible endings become words of their
 * own (FTS5 reads a prefix's documents all at once otherwise).
 * The ids are rewritten here as src/search computes them (documentId); this formula must stay
 * as it is, whatever src/search does later.
 */
export function searchSpeedMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') await upPostgres(db)
      else await upSqlite(db)
    },
  }
}

const KIND_CODE = sql`case entity_type when 'post' then 1 when 'activity' then 2 when 'person' then 3
  when 'organization' then 4 when 'publication' then 5 else 6 end`

/** The document id of a search_document row in SQL, as documentId in src/search computes it. */
export function documentIdSql(dialect: Dialect): RawBuilder<number> {
  if (dialect === 'postgres') {
    const day = sql`greatest(0, least(16777215, (substr(sort_date, 1, 4)::int - 1800) * 372
      + (substr(sort_date, 6, 2)::int - 1) * 31 + substr(sort_date, 9, 2)::int - 1))`
    const name = sql`('x' || rpad(encode(substring(convert_to(sort_name, 'UTF8') from 1 for 3), 'hex'), 6, '0'))::bit(24)::int`
    const key = sql`case when sort_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then 16777215 - ${day} else 16777216 + ${name} end`
    return sql<number>`((${KIND_CODE})::bigint * 33554432 + ${key}) * 16777216 + entity_id`
  }
  const day = sql`max(0, min(16777215, (cast(substr(sort_date, 1, 4) as integer) - 1800) * 372
    + (cast(substr(sort_date, 6, 2) as integer) - 1) * 31 + cast(substr(sort_date, 9, 2) as integer) - 1))`
  // SQLite reads no hexadecimal text as a number: each of the six digits by its place.
  const hex = sql`substr(hex(substr(cast(sort_name as blob), 1, 3)) || '000000', 1, 6)`
  const digit = (at: number) => sql`(instr('0123456789ABCDEF', substr(${hex}, ${sql.lit(at + 1)}, 1)) - 1) * ${sql.lit(16 ** (5 - at))}`
  const name = sql.join([0, 1, 2, 3, 4, 5].map(digit), sql` + `)
  const key = sql`case when sort_date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' then 16777215 - ${day} else 16777216 + ${name} end`
  return sql<number>`(${KIND_CODE} * 33554432 + ${key}) * 16777216 + entity_id`
}

async function upSqlite(db: Kysely<unknown>) {
  await sql`create table search_document_new (
    id integer primary key,
    entity_type text not null,
    entity_id integer not null,
    sort_date text not null,
    sort_name text not null,
    visible_from text,
    facets text not null default '',
    slug text not null,
    title text not null,
    names text not null,
    name_terms text not null,
    terms text not null,
    body text not null
  )`.execute(db)
  await sql`insert into search_document_new (id, entity_type, entity_id, sort_date, sort_name, visible_from, facets, slug,
      title, names, name_terms, terms, body)
    select ${documentIdSql('sqlite')}, entity_type, entity_id, sort_date, sort_name, visible_from, facets, slug,
      title, names, name_terms, terms, body
    from search_document`.execute(db)
  // Its triggers and indexes go with it; the walk in result order (search_document_newest) is needed no more.
  await sql`drop table search_document`.execute(db)
  await sql`alter table search_document_new rename to search_document`.execute(db)
  // The dropped table's triggers went with it, the page cache's too.
  await addContentVersionTriggers(db, 'sqlite', ['search_document'])
  await sql`create unique index search_document_entity on search_document (entity_type, entity_id)`.execute(db)
  await sql`create index search_document_waiting on search_document (visible_from) where visible_from is not null`.execute(db)
  await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db)
  await sql`create table search_bucket (bucket integer primary key, documents integer not null)`.execute(db)
  await sql`insert into search_bucket select id >> 29, count(*) from search_document group by id >> 29`.execute(db)
  await sql`create table search_facets (id integer primary key, facets text not null)`.execute(db)
  await sql`insert into search_facets select id, facets from search_document`.execute(db)
  // The full-text index, the buckets and the facets follow every change of a document.
  await sql`create trigger search_document_inserted after insert on search_document begin
    insert into search_fts(rowid, terms, name_terms) values (new.id, new.terms, new.name_terms);
    insert into search_bucket (bucket, documents) values (new.id >> 29, 1)
      on conflict (bucket) do update set documents = documents + 1;
    insert into search_facets (id, facets) values (new.id, new.facets);
  end`.execute(db)
  await sql`create trigger search_document_deleted after delete on search_document begin
    insert into search_fts(search_fts, rowid, terms, name_terms) values ('delete', old.id, old.terms, old.name_terms);
    update search_bucket set documents = documents - 1 where bucket = old.id >> 29;
    delete from search_facets where id = old.id;
  end`.execute(db)
  await sql`create trigger search_document_updated after update on search_document begin
    insert into search_fts(search_fts, rowid, terms, name_terms) values ('delete', old.id, old.terms, old.name_terms);
    insert into search_fts(rowid, terms, name_terms) values (new.id, new.terms, new.name_terms);
    update search_bucket set documents = documents - 1 where bucket = old.id >> 29;
    insert into search_bucket (bucket, documents) values (new.id >> 29, 1)
      on conflict (bucket) do update set documents = documents + 1;
    delete from search_facets where id = old.id;
    insert into search_facets (id, facets) values (new.id, new.facets);
  end`.execute(db)

  // Facet terms (zzf…) are never the start of a query word.
  await sql`create table search_term (term text primary key) without rowid`.execute(db)
  await sql`create virtual table temp.search_fts_terms using fts5vocab(main, search_fts, 'row')`.execute(db)
  await sql`insert into search_term select term from temp.search_fts_terms where term not like 'zzf%'`.execute(db)
  await sql`drop table temp.search_fts_terms`.execute(db)
}

/** Each kind's documents: a range of ids, (kind × 2^25) × 2^24 up to the next kind. */
const KINDS = [['post', 1], ['activity', 2], ['person', 3], ['organization', 4], ['publication', 5]] as const
const KIND_IDS = 2 ** 49

async function upPostgres(db: Kysely<unknown>) {
  // The vectors in a partition per kind: the planner then knows how common a word is among the
  // kind's documents (a given name: in many activities, in no post), and walks the kind in id
  // order for a common word, reads the few matches of a rare one from the GIN index.
  await sql`drop table search_vector`.execute(db)
  await sql`alter table search_document alter column id type bigint`.execute(db)
  await sql`update search_document set id = ${documentIdSql('postgres')}`.execute(db)
  await sql`create table search_vector (
    id bigint primary key references search_document (id) on delete cascade,
    terms_vector tsvector not null,
    name_vector tsvector not null
  ) partition by range (id)`.execute(db)
  for (const [kind, code] of KINDS) {
    await sql`create table ${sql.id(`search_vector_${kind}`)} partition of search_vector
      for values from (${sql.lit(code * KIND_IDS)}) to (${sql.lit((code + 1) * KIND_IDS)})`.execute(db)
  }
  await sql`create table search_vector_other partition of search_vector default`.execute(db)
  // In id order, so a walk of a kind in result order reads its pages one after another.
  await sql`insert into search_vector (id, terms_vector, name_vector)
    select id, array_to_tsvector(string_to_array(terms, ' ')), array_to_tsvector(string_to_array(name_terms, ' '))
    from search_document order by id`.execute(db)
  await sql`create index search_vector_terms on search_vector using gin (terms_vector)`.execute(db)
  await sql`create index search_vector_names on search_vector using gin (name_vector)`.execute(db)
  await sql`drop index search_document_newest`.execute(db)

  await sql`create table search_bucket (bucket bigint primary key, documents integer not null)`.execute(db)
  await sql`insert into search_bucket select id >> 29, count(*) from search_document group by id >> 29`.execute(db)
  await sql`create table search_facets (id bigint primary key, facets text not null)`.execute(db)
  await sql`insert into search_facets select id, facets from search_document order by id`.execute(db)
  await sql`create function search_document_facts() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        update search_bucket set documents = documents - 1 where bucket = old.id >> 29;
        delete from search_facets where id = old.id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into search_bucket (bucket, documents) values (new.id >> 29, 1)
          on conflict (bucket) do update set documents = search_bucket.documents + 1;
        insert into search_facets (id, facets) values (new.id, new.facets);
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger search_document_facts after insert or delete or update of id, facets on search_document
    for each row execute function search_document_facts()`.execute(db)
}
