import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../database.ts'

/**
 * PostgreSQL's full-text vectors move to a narrow table of their own, kept in step by triggers as
 * SQLite's FTS5 table is: finding 100,000 matches then reads 150 MB of vectors, not the 1 GB of
 * documents with their texts. SQLite has nothing to do.
 */
export function searchVectorsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return
      await sql`create table search_vector (
        id integer primary key references search_document(id) on delete cascade,
        terms_vector tsvector not null,
        name_vector tsvector not null
      )`.execute(db)
      await sql`insert into search_vector select id, terms_vector, name_vector from search_document`.execute(db)
      await sql`create index search_vector_terms on search_vector using gin (terms_vector)`.execute(db)
      await sql`create index search_vector_names on search_vector using gin (name_vector)`.execute(db)
      // array_to_tsvector takes the words as they are: no parser, no dictionary, the same lexemes as FTS5.
      await sql`create function search_document_vectors() returns trigger language plpgsql as $$
        begin
          insert into search_vector (id, terms_vector, name_vector)
          values (new.id, array_to_tsvector(string_to_array(new.terms, ' ')), array_to_tsvector(string_to_array(new.name_terms, ' ')))
          on conflict (id) do update set terms_vector = excluded.terms_vector, name_vector = excluded.name_vector;
          return new;
        end $$`.execute(db)
      await sql`create trigger search_document_vectors after insert or update of terms, name_terms on search_document
        for each row execute function search_document_vectors()`.execute(db)
      await sql`alter table search_document drop column terms_vector, drop column name_vector`.execute(db)
    },
  }
}
