import { describe, expect, it } from 'vitest'
import { collapseUnchanged, diffLists, diffSnapshots, diffWords, formatItem, type NameLookup, referencedIds } from './history.diff.ts'

const names: NameLookup = {
  person: (id) => ({ 1: 'Botagoz Rakisheva', 2: 'Anar Somuncuoğlu' } as Record<number, string>)[id],
  organization: (id) => ({ 10: 'Nazarbayev University', 11: 'TURKSOY' } as Record<number, string>)[id],
  activity: (id) => ({ 100: '2024-05-01 Workshop on migration' } as Record<number, string>)[id],
}

const joined = (parts: { op: string; text: string }[], keep: string) => parts.filter((p) => p.op === 'same' || p.op === keep).map((p) => p.text).join('')

describe('word-level differences', () => {
  it('marks the replaced word, deletions first, and keeps the rest', () => {
    expect(diffWords('the quick brown fox', 'the slow brown fox')).toEqual([
      { op: 'same', text: 'the ' }, { op: 'del', text: 'quick' }, { op: 'ins', text: 'slow' }, { op: 'same', text: ' brown fox' },
    ])
  })

  it('joins neighbouring changed words into one change', () => {
    expect(diffWords('surveys of youth attitudes in Asia', 'surveys of public trust in Asia')).toEqual([
      { op: 'same', text: 'surveys of ' }, { op: 'del', text: 'youth attitudes' }, { op: 'ins', text: 'public trust' }, { op: 'same', text: ' in Asia' },
    ])
  })

  it('gives back both texts exactly, white space and line breaks included', () => {
    const before = 'First paragraph.\n\nSecond  paragraph with   spaces, and a list:\n- one\n- two'
    const after = 'First paragraph, edited.\n\nSecond paragraph with spaces, and a list:\n- one\n- three\n- two'
    const parts = diffWords(before, after)
    expect(joined(parts, 'del')).toBe(before)
    expect(joined(parts, 'ins')).toBe(after)
  })

  it('handles an empty side as all inserted or all deleted', () => {
    expect(diffWords('', 'new text')).toEqual([{ op: 'ins', text: 'new text' }])
    expect(diffWords('old text', '')).toEqual([{ op: 'del', text: 'old text' }])
    expect(diffWords('same', 'same')).toEqual([{ op: 'same', text: 'same' }])
  })

  it('shortens long unchanged stretches around the changes', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`)
    const before = words.join(' ')
    const after = [...words.slice(0, 100), 'CHANGED', ...words.slice(101)].join(' ')
    const parts = collapseUnchanged(diffWords(before, after))
    expect(parts.map((p) => p.op)).toEqual(['same', 'del', 'ins', 'same'])
    expect(parts[0]!.text.startsWith('… ')).toBe(true)
    expect(parts[0]!.text.endsWith('w99 ')).toBe(true)
    expect(parts[3]!.text.endsWith(' …')).toBe(true)
    expect(parts[0]!.text.length).toBeLessThan(120)
  })

  it('copes with texts too long for a full table by replacing the changed middle', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ')
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ')
    const parts = diffWords(before, after)
    expect(joined(parts, 'del')).toBe(before)
    expect(joined(parts, 'ins')).toBe(after)
  })
})

describe('field-by-field differences of snapshots', () => {
  const person = {
    id: 1, slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', variants: ['B. Rakisheva'], honorific: null, degree: null,
    biography: 'A sociologist who has led the institute since 2010 and writes about youth, migration and trust in institutions.',
    photoFileId: null, affiliations: [{ organizationId: 10, position: 'Professor', startsOn: '2010-01-01', endsOn: null }],
  }

  it('lists only the changed fields, short ones as before and after, in the record’s order', () => {
    const changes = diffSnapshots(person, { ...person, degree: 'PhD', slug: 'rakisheva' }, names)
    expect(changes).toEqual([
      { field: 'slug', label: 'Address (slug)', kind: 'value', before: 'botagoz-rakisheva', after: 'rakisheva' },
      { field: 'degree', label: 'Degree', kind: 'value', before: null, after: 'PhD' },
    ])
  })

  it('compares a long text word by word', () => {
    const [change] = diffSnapshots(person, { ...person, biography: person.biography.replace('youth', 'young people') }, names)
    expect(change!.kind).toBe('text')
    if (change!.kind !== 'text') return
    expect(change!.parts.filter((p) => p.op !== 'same')).toEqual([{ op: 'del', text: 'youth,' }, { op: 'ins', text: 'young people,' }])
  })

  it('shows lists as added and removed items, with organizations by name', () => {
    const changes = diffSnapshots(person, {
      ...person, variants: ['Rakisheva B.'],
      affiliations: [...person.affiliations, { organizationId: 11, position: 'Adviser', startsOn: null, endsOn: '2020-12-31' }],
    }, names)
    expect(changes).toEqual([
      { field: 'variants', label: 'Name variants', kind: 'list', added: ['Rakisheva B.'], removed: ['B. Rakisheva'] },
      { field: 'affiliations', label: 'Affiliations', kind: 'list', added: ['TURKSOY — Adviser, to 2020-12-31'], removed: [] },
    ])
  })

  it('names people in participations, and says when a referenced record no longer exists', () => {
    const activity = { id: 100, slug: 'w', name: 'Workshop', internal: false, participations: [
      { personId: 1, organizationId: null, role: 'speaker', affiliationId: 10, jobTitle: 'Director', internal: false },
    ] }
    const changes = diffSnapshots(activity, { ...activity, internal: true, participations: [
      ...activity.participations, { personId: 99, organizationId: null, role: 'moderator', affiliationId: null, jobTitle: null, internal: true },
    ] }, names)
    expect(changes).toEqual([
      { field: 'internal', label: 'Internal only', kind: 'value', before: 'no', after: 'yes' },
      { field: 'participations', label: 'Participants', kind: 'list', added: ['person #99 (no longer exists) — moderator, internal only'], removed: [] },
    ])
    expect(formatItem(activity.participations[0], names)).toBe('Botagoz Rakisheva — speaker, affiliation: Nazarbayev University, Director')
  })

  it('shows a creation as every filled field added, and a deletion as every field removed', () => {
    const created = diffSnapshots(null, { id: 5, slug: 'turksoy', name: 'TURKSOY', variants: [], kind: null, parentId: 10 }, names)
    expect(created.map((c) => c.field)).toEqual(['slug', 'name', 'parentId'])
    expect(created[2]).toEqual({ field: 'parentId', label: 'Parent organization', kind: 'value', before: null, after: 'Nazarbayev University' })
    expect(diffSnapshots({ id: 5, name: 'Gone' }, null, names)).toEqual([{ field: 'name', label: 'Name', kind: 'value', before: 'Gone', after: null }])
  })

  it('reports a reordered list as a change rather than nothing', () => {
    const [change] = diffSnapshots({ variants: ['a', 'b'] }, { variants: ['b', 'a'] }, names)
    expect(change).toEqual({ field: 'variants', label: 'Name variants', kind: 'value', before: 'a; b', after: 'b; a' })
  })

  it('counts repeated items', () => {
    expect(diffLists(['x', 'x', 'y'], ['x', 'y', 'y'])).toEqual({ added: ['y'], removed: ['x'] })
  })

  it('collects the ids to look up, however deep', () => {
    expect(referencedIds({ parentId: 3, participations: [{ personId: 1, organizationId: null, affiliationId: 4 }], activityId: 7 }))
      .toEqual({ person: [1], organization: [3, 4], activity: [7] })
  })
})
