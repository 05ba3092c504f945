// The field vocabulary of the activity record format (shared/eval/FORMAT.md).
export const KINDS = ['conference', 'workshop', 'round-table', 'seminar', 'lecture', 'meeting',
  'strategic-session', 'presentation', 'forum', 'other'] as const
export const ROLES = ['organizer', 'moderator', 'speaker', 'discussant', 'participant', 'commissioner',
  'supporter', 'partner'] as const
// A record may name an organization or person without a role (an affiliation, a mention).
export const PARTICIPATION_ROLES = [...ROLES, 'mentioned'] as const
export const FORMATS = ['in-person', 'online', 'hybrid'] as const
export const ORGANIZATION_KINDS = ['university', 'government', 'ngo', 'international', 'company', 'media',
  'research', 'other'] as const
export const PUBLICATION_KINDS = ['report', 'article', 'book', 'dataset'] as const
export const SURVEY_METHODS = ['mass-survey', 'expert-interviews', 'focus-groups'] as const

export type Kind = (typeof KINDS)[number]
export type Role = (typeof ROLES)[number]
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number]
export type Format = (typeof FORMATS)[number]
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

export const KIND_LABELS: Record<Kind, string> = {
  conference: 'Conference', workshop: 'Workshop', 'round-table': 'Round table', seminar: 'Seminar',
  lecture: 'Lecture', meeting: 'Meeting', 'strategic-session': 'Strategic session',
  presentation: 'Presentation', forum: 'Forum', other: 'Other',
}

// Plural headings for the facts box, in the order a reader expects.
export const ROLE_HEADINGS: Record<ParticipationRole, string> = {
  organizer: 'Organizers', moderator: 'Moderators', speaker: 'Speakers', discussant: 'Discussants',
  participant: 'Participants', commissioner: 'Commissioners', supporter: 'Supporters', partner: 'Partners',
  mentioned: 'Also mentioned',
}

export const ROLE_LABELS: Record<ParticipationRole, string> = {
  organizer: 'organizer', moderator: 'moderator', speaker: 'speaker', discussant: 'discussant',
  participant: 'participant', commissioner: 'commissioner', supporter: 'supporter', partner: 'partner',
  mentioned: 'mentioned',
}

export const FORMAT_LABELS: Record<Format, string> = { 'in-person': 'In person', online: 'Online', hybrid: 'Hybrid' }
