import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeActivity, makePerson } from '../../test/factories.ts'
import { pageOf } from '../lib/pagination.ts'
import { findPublicActivitiesOfPerson } from '../people/person.repository.ts'

describeEachDialect('activities of a person', (dialect) => {
  const t = useTestDb(dialect)

  it('lists the newest first, with the role', async () => {
    const { db } = t()
    const person = await makePerson(db, { name: 'Botagoz Rakisheva' })
    await makeActivity(db, { startsOn: '2024-01-24', participants: [[person, 'moderator']] })
    await makeActivity(db, { startsOn: '2024-04-19', participants: [[person, 'participant']] })
    const rows = await findPublicActivitiesOfPerson(db, person.id, pageOf(1, 10))
    expect(rows.map((r) => [r.starts_on, r.role])).toEqual([['2024-04-19', 'participant'], ['2024-01-24', 'moderator']])
  })

  it('leaves out internal activities and internal participations', async () => {
    const { db } = t()
    const person = await makePerson(db)
    await makeActivity(db, { startsOn: '2024-02-01', internal: true, participants: [[person, 'speaker']] })
    await makeActivity(db, { startsOn: '2024-03-01', participants: [[person, 'speaker', { internal: true }]] })
    await makeActivity(db, { startsOn: '2024-05-01', participants: [[person, 'organizer']] })
    const rows = await findPublicActivitiesOfPerson(db, person.id, pageOf(1, 10))
    expect(rows.map((r) => r.starts_on)).toEqual(['2024-05-01'])
  })
})
