// Facts of src/demo/demo-archive.json that the HTTP tests check the site and the API against.

/** The ten demo posts, newest first. */
export const DEMO_POST_SLUGS = [
  'turkic-world-symbols-values-ideas-workshop',
  'conference-on-the-works-of-k-khafizova',
  'strategic-session-sustainable-development-2030',
  'guest-lecture-on-diaspora-policy',
  'public-council-agency-for-strategic-planning-first-meeting',
  'taldau-talks-first-meeting',
  'gender-equality-report-presented',
  'round-table-on-ethnocultural-enclaves',
  'consortium-on-family-gender-and-demographic-policy',
  'expert-meeting-turkish-foreign-policy-in-eurasia',
]

export const TURKIC_WORKSHOP = {
  post: 'turkic-world-symbols-values-ideas-workshop',
  title: 'Turkic Academy and the Institute hold a workshop on the symbols, values and ideas of the Turkic-speaking world',
  activity: '2024-09-20-turkic-world-symbols-values-ideas-workshop',
  activityName: 'Community of Turkic-speaking Countries: Symbols, Values, Ideas',
}

export const ROUND_TABLE_POST = {
  slug: 'round-table-on-ethnocultural-enclaves',
  title: 'Round table on ethnocultural enclaves and collective identity at Al-Farabi Kazakh National University',
}

export const GENDER_REPORT = 'public-perception-of-gender-equality-in-kazakhstan'
export const INSTITUTE = 'public-opinion-research-institute'

/** Botagoz Rakisheva's nine activities, newest first, with her role in each. */
export const RAKISHEVA_ACTIVITIES: [post: string, role: string][] = [
  ['turkic-world-symbols-values-ideas-workshop', 'moderator'],
  ['conference-on-the-works-of-k-khafizova', 'participant'],
  ['strategic-session-sustainable-development-2030', 'participant'],
  ['guest-lecture-on-diaspora-policy', 'speaker'],
  ['public-council-agency-for-strategic-planning-first-meeting', 'participant'],
  ['taldau-talks-first-meeting', 'participant'],
  ['gender-equality-report-presented', 'speaker'],
  ['round-table-on-ethnocultural-enclaves', 'participant'],
  ['consortium-on-family-gender-and-demographic-policy', 'participant'],
]
