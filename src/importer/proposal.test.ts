import { describe, expect, it } from 'vitest'
import type { ActivityRecord } from '../archive/archive.schema.ts'
import { findHighlights, proposeRecord } from './proposal.ts'
import { NameIndex } from './resolve.ts'

const indexes = {
  people: new NameIndex('person', [{ id: 7, slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', variants: ['Ракишева Ботагоз'] }]),
  organizations: new NameIndex('organization', [
    { id: 3, slug: 'undp', name: 'United Nations Development Programme', variants: [], acronyms: ['UNDP'] },
  ]),
}

const record = (fields: Partial<ActivityRecord>): ActivityRecord => ({
  text: '', date: null, endDate: null, kind: null, name: null, city: null, country: null, format: null,
  people: [], organizations: [], links: [], ...fields,
})

describe('proposing a record', () => {
  it('makes one participant of two spellings of one known person, with the roles and spellings of both', () => {
    const proposal = proposeRecord(record({
      text: 'Dr. B. Rakisheva moderated. Ракишева Ботагоз summed up.',
      people: [
        { name: 'B. Rakisheva', roles: ['moderator'], affiliation: null, position: 'Director', aliases: [] },
        { name: 'Ракишева Ботагоз', roles: ['speaker'], affiliation: null, position: null, aliases: [] },
      ],
    }), indexes)
    expect(proposal.people).toHaveLength(1)
    expect(proposal.people[0]).toMatchObject({
      name: 'B. Rakisheva', aliases: ['Ракишева Ботагоз'], roles: ['moderator', 'speaker'], position: 'Director',
      decision: { action: 'link', id: 7 },
    })
  })

  it('lists a person’s affiliation among the organizations to decide on, and merges an acronym with its name', () => {
    const proposal = proposeRecord(record({
      text: 'UNDP and the United Nations Development Programme supported it. Aliya Bekova (Nazarbayev University) spoke.',
      people: [{ name: 'Aliya Bekova', roles: ['speaker'], affiliation: 'Nazarbayev University', position: null, aliases: [] }],
      organizations: [
        { name: 'UNDP', roles: ['supporter'], country: null, aliases: [] },
        { name: 'United Nations Development Programme', roles: [], country: null, aliases: [] },
      ],
    }), indexes)
    expect(proposal.organizations.map((o) => [o.name, o.aliases, o.roles, o.decision.action])).toEqual([
      ['UNDP', ['United Nations Development Programme'], ['supporter'], 'link'],
      ['Nazarbayev University', [], [], 'new'],
    ])
    expect(proposal.people[0]!.decision).toEqual({ action: 'new' })
  })

  it('highlights whole words only, the longer name first, and dates without their preposition', () => {
    const text = 'On 5 May 2024 UNESCO and the UN met at Eurasian National University in Astana.'
    const spans = findHighlights(text, {
      people: [], city: 'Astana',
      organizations: [{ name: 'UN', roles: [], country: null, aliases: [] }, { name: 'Eurasian National University', roles: [], country: null, aliases: [] },
        { name: 'National University', roles: [], country: null, aliases: [] }],
    }).map((h) => [h.type, text.slice(h.start, h.end)])
    expect(spans).toEqual([['date', '5 May 2024'], ['organization', 'UN'], ['organization', 'Eurasian National University'], ['place', 'Astana']])
  })

  it('highlights in a Russian text the names, city and date the record gives in the nominative or in English', () => {
    const text = '15 марта 2025 года в Алматы выступил профессор Казахского национального университета Данияр Омаров, а Ботагоз Ракишевой вручили диплом.'
    const spans = findHighlights(text, {
      city: 'Almaty',
      people: [{ name: 'Данияр Омаров', roles: [], affiliation: null, position: null, aliases: [] }, { name: 'Ботагоз Ракишева', roles: [], affiliation: null, position: null, aliases: [] }],
      organizations: [{ name: 'Казахский национальный университет', roles: [], country: null, aliases: [] }],
    }).map((h) => [h.type, text.slice(h.start, h.end)])
    expect(spans).toEqual([['date', '15 марта 2025 года'], ['place', 'Алматы'], ['organization', 'Казахского национального университета'],
      ['person', 'Данияр Омаров'], ['person', 'Ботагоз Ракишевой']])
  })
})
