import { describe, expect, it } from 'vitest'
import { assignRoles, type RoleEntity, type Target } from './roles.ts'

/** Roles of the named entities in `text`: [name, target] pairs, found by their first occurrence. */
function roles(text: string, names: Array<[string, Target, boolean?]>) {
  const entities: RoleEntity[] = names.map(([name, target, passive]) => {
    const start = text.indexOf(name)
    return { start, end: start + name.length, target, passive }
  })
  return Object.fromEntries(assignRoles(text, entities).map((r, i) => [names[i]![0], r]))
}

describe('assignRoles', () => {
  it('reads passive cues before the entity', () => {
    expect(roles('The session was moderated by the Head of the Office, Kurtmolla Abdulganiyev.', [['Kurtmolla Abdulganiyev', 'person']]))
      .toEqual({ 'Kurtmolla Abdulganiyev': ['moderator'] })
    expect(roles('Each report was commented on by Yerkin Baidarov (Institute).', [['Yerkin Baidarov', 'person']]))
      .toEqual({ 'Yerkin Baidarov': ['discussant'] })
  })

  it('reads the subject of an active verb', () => {
    expect(roles('Botagoz Rakisheva took part in the meeting.', [['Botagoz Rakisheva', 'person']])).toEqual({ 'Botagoz Rakisheva': ['participant'] })
    expect(roles('Askhat, Vice-President of the Academy, delivered welcoming remarks.', [['Askhat', 'person'], ['Academy', 'organization', true]]))
      .toEqual({ Askhat: ['speaker'], Academy: [] })
    expect(roles('On 23 February the Institute of Asian Studies held a round table.', [['Institute of Asian Studies', 'organization']]))
      .toEqual({ 'Institute of Asian Studies': ['organizer'] })
  })

  it('gives organizations their support, partnership and commission roles', () => {
    const text = 'UNDP and UN Women, with the support of the Ministry of Culture, presented a report conducted by the Institute commissioned by UNDP in partnership with UN Women.'
    expect(roles(text, [['UNDP', 'organization'], ['UN Women', 'organization'], ['Ministry of Culture', 'organization'], ['the Institute', 'organization']]))
      .toEqual({ UNDP: ['organizer'], 'UN Women': ['organizer'], 'Ministry of Culture': ['supporter'], 'the Institute': [] })
    expect(roles('commissioned by UNDP in partnership with UN Women', [['UNDP', 'organization'], ['UN Women', 'organization']]))
      .toEqual({ UNDP: ['commissioner'], 'UN Women': ['partner'] })
  })

  it('does not let a clause about someone else take the role', () => {
    const text = 'The event was organized by the Center, led by the poet Olzhas Suleimenov, and the Archive.'
    expect(roles(text, [['Center', 'organization'], ['Olzhas Suleimenov', 'person'], ['Archive', 'organization']]))
      .toEqual({ Center: ['organizer'], 'Olzhas Suleimenov': [], Archive: ['organizer'] })
  })

  it('gives a pronoun subject\'s role to the person named before', () => {
    const text = 'A meeting was held with Dr. Anar Somuncuoglu. The expert made a presentation on the topic.'
    expect(roles(text, [['Anar Somuncuoglu', 'person']])).toEqual({ 'Anar Somuncuoglu': ['speaker'] })
  })

  it('gives the role a heading names to every entry of the list under it, up to the next blank line', () => {
    const text = 'The seminar was held.\n\n   Speakers\n\n  Botagoz Rakisheva, director\n  Aidar Amrebayev\n\nAliya Bekova met the press.'
    expect(roles(text, [['Botagoz Rakisheva', 'person'], ['Aidar Amrebayev', 'person'], ['Aliya Bekova', 'person']]))
      .toEqual({ 'Botagoz Rakisheva': ['speaker'], 'Aidar Amrebayev': ['speaker'], 'Aliya Bekova': ['participant'] })
  })

  it('leaves entities without a cue without a role', () => {
    expect(roles('The plan was agreed between the Government and the United Nations.', [['Government', 'organization'], ['United Nations', 'organization']]))
      .toEqual({ Government: [], 'United Nations': [] })
  })
  it('reads "was represented by" and a delegation that "included" people as participants', () => {
    expect(roles('The Aral Center was represented by Dana Kim and Erlan Ospanov.', [['Dana Kim', 'person'], ['Erlan Ospanov', 'person']]))
      .toEqual({ 'Dana Kim': ['participant'], 'Erlan Ospanov': ['participant'] })
    expect(roles('A delegation came to Almaty. It included Marat Sadykov, a journalist.', [['Marat Sadykov', 'person']]))
      .toEqual({ 'Marat Sadykov': ['participant'] })
  })
  it('makes the people a discussion brought together its participants', () => {
    expect(roles('The discussion brought together Irena Volk and Omar Haddad.', [['Irena Volk', 'person'], ['Omar Haddad', 'person']]))
      .toEqual({ 'Irena Volk': ['participant'], 'Omar Haddad': ['participant'] })
  })
  it('reads co-organizers, partners and supporters of an event', () => {
    expect(roles('Together with the Delta Academy, the River Council organised a workshop.', [['Delta Academy', 'organization'], ['River Council', 'organization']]))
      .toEqual({ 'Delta Academy': ['partner'], 'River Council': ['organizer'] })
    expect(roles('The Green Network helped to organize the event, and the Youth Forum took an active part in organizing it.', [['Green Network', 'organization'], ['Youth Forum', 'organization']]))
      .toEqual({ 'Green Network': ['organizer'], 'Youth Forum': ['organizer'] })
    expect(roles('The Ministry of Water supported the event.', [['Ministry of Water', 'organization']])).toEqual({ 'Ministry of Water': ['supporter'] })
    expect(roles('The series, run jointly by the Polar Institute and the Arctic Press, opened online.', [['Polar Institute', 'organization'], ['Arctic Press', 'organization']]))
      .toEqual({ 'Polar Institute': ['organizer'], 'Arctic Press': ['organizer'] })
  })
})
