/**
 * The identifier patterns and word lists behind the privacy scanner (issue 6; docs/domain §6). Pure: no Node,
 * no DOM. Exported as sources and small classifiers so the renderer can check a single value (a field as the
 * officer types) the same way main scans whole texts.
 */

/**
 * A full UK postcode, upper case: outward code A9, A99, A9A, AA9, AA99 or AA9A with the letters each position
 * allows, an optional single space, and the inward code 9AA (inward letters never C I K M O V). GIR 0AA too.
 * An outward code alone ("SW1A", "the DL3 area") is not a full postcode.
 */
export const POSTCODE_SOURCE = '(?:[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?[0-9][ABD-HJLNP-UW-Z]{2}|GIR ?0AA)';

/** Street words: a house number, one to three capitalised words, then one of these makes an address. */
export const STREET_WORDS = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Way', 'Crescent', 'Court', 'Gardens', 'Place',
  'Terrace', 'Grove', 'Walk', 'Mews', 'Row', 'Square', 'Hill', 'Rise', 'Park', 'Parade', 'Vale', 'Villas', 'Cottages', 'Croft',
  'Chase', 'Meadows', 'Wharf', 'Green', 'Rd', 'St', 'Ave', 'Ln', 'Dr', 'Cres', 'Ct', 'Gdns', 'Pl', 'Sq', 'Tce'] as const;

/** Words that, right after a number, make a figure rather than an address ("in 5 Key Stage …", "Table 3 Row …"). */
export const NOT_ADDRESS_FIRST_WORDS: ReadonlySet<string> = new Set(['Year', 'Years', 'Key', 'Stage', 'Table', 'Figure', 'Page', 'Section',
  'Priority', 'Point', 'Step', 'Phase', 'Week', 'Weeks', 'Month', 'Months', 'Day', 'Days', 'Level', 'Tier', 'Band', 'Wave',
  'Area', 'Areas', 'Ward', 'Wards', 'Annex', 'Appendix', 'Chapter', 'Part', 'Item', 'Items', 'Schools', 'Settings', 'Plans']);

/** "… Court" that is a court, not a street: "2 County Court hearings". */
export const COURT_NAMES: ReadonlySet<string> = new Set(['County', 'Crown', 'Magistrates', "Magistrates'", 'Family', 'Youth', 'Supreme',
  'Appeal', 'Coroners', "Coroner's", 'High', 'Civil', 'Criminal']);

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'] as const;

const MONTH_ALTERNATION = 'January|February|March|April|May|June|July|August|September|October|November|December|'
  + 'Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

/**
 * A full date: 12/03/2015, 12-03-15, 12.03.2015, 2015-03-12, 12 March 2015, 12th of Mar. 2015, March 12, 2015.
 * Groups: 1 day, 3 month, 4 year (numeric); 5 year, 6 month, 7 day (ISO); 8 day, 9 month name, 10 year;
 * 11 month name, 12 day, 13 year. Case-insensitive.
 */
export const FULL_DATE_SOURCE = '(?<![0-9])(?:([0-9]{1,2})([/.-])([0-9]{1,2})\\2([0-9]{4}|[0-9]{2})|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})'
  + `|([0-9]{1,2})(?:st|nd|rd|th)?(?: of)? (${MONTH_ALTERNATION})\\.?,? ([0-9]{4})`
  + `|(${MONTH_ALTERNATION})\\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4}))(?![0-9])`;

const MONTH_INDEX: Readonly<Record<string, number>> = Object.fromEntries(MONTH_NAMES.map((m, i) => [m.slice(0, 3).toLowerCase(), i + 1]));

/** A date match from FULL_DATE_SOURCE as ISO yyyy-mm-dd, or null when it is no real day. Two-digit years are read as the latest year not after `today`. */
export function dateFromMatch(groups: ReadonlyArray<string | undefined>, today: string): string | null {
  let y: number; let m: number; let d: number; let twoDigitYear = false;
  if (groups[1] !== undefined) { d = Number(groups[1]); m = Number(groups[3]); y = Number(groups[4]); twoDigitYear = groups[4]!.length === 2; }
  else if (groups[5] !== undefined) { y = Number(groups[5]); m = Number(groups[6]); d = Number(groups[7]); }
  else if (groups[8] !== undefined) { d = Number(groups[8]); m = MONTH_INDEX[groups[9]!.slice(0, 3).toLowerCase()] ?? 0; y = Number(groups[10]); }
  else if (groups[11] !== undefined) { m = MONTH_INDEX[groups[11].slice(0, 3).toLowerCase()] ?? 0; d = Number(groups[12]); y = Number(groups[13]); }
  else return null;
  if (twoDigitYear) {
    const century = Math.floor(Number(today.slice(0, 4)) / 100) * 100;
    y += century;
    if (y > Number(today.slice(0, 4))) y -= 100;
  }
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Dates of birth the scanner looks for: after `today` minus 26 years (the SEND age range, 0–25) and not after `today`. */
export function isWithinSendAgeRange(iso: string, today: string): boolean {
  const earliest = `${String(Number(today.slice(0, 4)) - 26).padStart(4, '0')}${today.slice(4)}`;
  return iso > earliest && iso <= today;
}

/**
 * Capitalised words that follow a name cue ("pupil", "Mrs", "called") without being a name: "Pupil Premium",
 * "called Early Help", "Mr Speaker", "child Protection Plan". Compared case-sensitively on the word as written.
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'Our', 'Your', 'Their', 'His', 'Her', 'Its', 'My', 'Who', 'Which', 'What',
  'When', 'Where', 'Whose', 'With', 'Without', 'And', 'Or', 'But', 'In', 'On', 'At', 'Of', 'For', 'To', 'From', 'By', 'As', 'Is',
  'Was', 'Has', 'Had', 'Will', 'Can', 'Should', 'Not', 'No', 'All', 'Any', 'Each', 'Every', 'Some', 'One', 'Two', 'Three', 'Four',
  'Five', 'First', 'Second', 'Third', 'Last', 'Next', 'New', 'Old', 'Plan', 'Plans', 'Council', 'Board', 'Panel', 'Forum',
  'Partnership', 'Service', 'Services', 'Team', 'Unit', 'Centre', 'Center', 'School', 'Schools', 'Academy', 'College', 'Nursery',
  'Trust', 'Local', 'Early', 'Help', 'Joint', 'Annual', 'Review', 'Reviews', 'Premium', 'Referral', 'Referrals', 'Protection',
  'Health', 'Care', 'Support', 'Mental', 'Education', 'Educational', 'Social', 'Needs', 'Need', 'Parent', 'Parents', 'Carer',
  'Carers', 'Year', 'Years', 'Key', 'Stage', ...MONTH_NAMES, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
  'Sunday', 'England', 'English', 'Ofsted', 'Inspector', 'Inspectors', 'Inspection', 'Officer', 'Officers', 'Person', 'People',
  'Chair', 'Chairman', 'Chairperson', 'Speaker', 'President', 'Mayor', 'Justice', 'Lord', 'Sir', 'Dame', 'Judge', 'Minister',
  'Secretary', 'Deputy', 'Director', 'Head', 'Headteacher', 'Principal', 'Manager', 'Lead', 'Coordinator', 'Worker',
  'Practitioner', 'Nurse', 'Doctor', 'Therapist', 'Psychologist', 'Advisor', 'Adviser', 'Assessment', 'Assessments', 'Tribunal',
  'Voice', 'Voices', 'Participation', 'Poverty', 'Development', 'Guarantee', 'Level', 'Levels', 'Data', 'Census', 'Survey',
  'Number', 'Record', 'Records', 'Count', 'Views', 'View', 'Friendly', 'Outcomes', 'Outcome', 'Act', 'Regulations', 'Code',
  'Practice', 'Framework', 'Strategy', 'Policy', 'Programme', 'Project', 'Pathway', 'Portal', 'Hub', 'Network', 'Group',
  'Meeting', 'Conference', 'Register', 'Profile', 'Passport', 'Summary', 'Report', 'Index', 'Table', 'Figure', 'Section', 'Page',
  'Annex', 'Appendix', 'Part', 'Chapter', 'Item', 'Looked', 'After', 'Arrangements', 'Grant', 'Funding', 'Benefit', 'Allowance',
  'Tax', 'Credit', 'Commissioner', 'Commissioning', 'Wellbeing', 'Safeguarding', 'Sufficiency', 'Travel', 'Transport', 'Home',
  'House', 'Hall', 'Primary', 'Secondary', 'Special', 'Junior', 'Infant', 'Infants', 'High', 'Grammar', 'Sixth', 'Form',
  'Further', 'Higher', 'University', 'Hospital', 'Clinic', 'Surgery', 'Department', 'Directorate', 'Authority', 'Area', 'Region',
  'Ward', 'District', 'County', 'City', 'Town', 'Village', 'North', 'South', 'East', 'West', 'Central', 'Great', 'Little',
  'Upper', 'Lower', 'Royal', 'Saint', 'Christ', 'Holy', 'Church', 'Catholic', 'British', 'Black', 'White', 'Asian', 'Mixed',
  'Other', 'Unknown', 'None', 'Yes', 'Doctor', 'Professor', 'Reverend', 'Mother', 'Mum', 'Father', 'Dad', 'Brother', 'Sister',
  'Baby', 'Child', 'Children', 'Young', 'Youth', 'Pupil', 'Pupils', 'Student', 'Students', 'Learner', 'Learners', 'Daughter',
  'Son', 'Family', 'Families', 'Looked-After', 'Premises', 'Attendance', 'Exclusion', 'Exclusions', 'Absence', 'Transition',
  'Placement', 'Placements', 'Provision', 'Offer', 'Resource', 'Base', 'Hearing', 'Impairment', 'Autism', 'Autistic', 'Speech',
  'Language', 'Communication', 'Physical', 'Sensory', 'Moderate', 'Severe', 'Profound', 'Specific', 'Learning', 'Difficulty',
  'Difficulties', 'Disability', 'Disabilities', 'Emotional', 'Behaviour', 'Equality', 'Rights', 'Sexual', 'Criminal',
  'Exploitation', 'Abuse', 'Trafficking', 'Neglect', 'Death', 'Deaths', 'Mortality', 'Minding', 'Minder', 'Minders',
  'Maintenance', 'Contact', 'Matters', 'Friendly', 'Parliament', 'Led', 'Centred', 'Progress', 'Tracking', 'Numbers', 'Place',
  'Places', 'Database', 'Finance', 'Loan', 'Loans', 'Union', 'Bank', 'Steps', 'Organisation', 'Information', 'Wellbeing',
  'Guidance', 'Charter', 'Award', 'Awards', 'Week', 'Month', 'Day', 'Council', 'Commission', 'Commissioner', 'Panel', 'Review',
]);

/** Second words that turn a capitalised phrase into an organisation or place: "called Oakfield Primary", "named Hilltop Academy". */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set(['Primary', 'Secondary', 'Academy', 'School', 'College', 'Nursery',
  'Trust', 'Centre', 'Center', 'House', 'Hall', 'Unit', 'Services', 'Service', 'Team', 'Hospital', 'Clinic', 'Surgery', 'Practice',
  'Partnership', 'Foundation', 'Charity', 'Project', 'Programme', 'Group', 'Network', 'Hub', 'Forum', 'Council', 'Board', 'Panel',
  'Ltd', 'Limited', 'Plc', 'CIC', 'Federation', 'Church', 'Infants', 'Junior', 'Juniors', 'Special', 'High', 'Grammar', 'Campus',
  'Library', 'Museum', 'Club', 'Society', 'Association', 'Alliance', 'Institute', 'University', ...STREET_WORDS]);

/** Documentation and reserved domains (RFC 2606 / 6761): addresses there are examples, never people. */
export function isDocumentationDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return /(?:^|\.)example\.(?:com|org|net)$/.test(d) || /\.(?:example|test|invalid|localhost)$/.test(d) || /^(?:example|test|invalid|localhost)$/.test(d);
}

/** Mail providers where people have their own addresses: any address there is personal, whatever its local part. */
export const PERSONAL_MAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.co.uk',
  'outlook.com', 'live.com', 'live.co.uk', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'aol.co.uk', 'btinternet.com', 'btopenworld.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'tiscali.co.uk',
  'ntlworld.com', 'blueyonder.co.uk', 'protonmail.com', 'proton.me', 'gmx.com', 'gmx.co.uk', 'mail.com', 'zoho.com']);

/** Words a team or role mailbox is made of ("send", "localoffer", "ehc.team", "sendiass"): such an address names no person. */
export const ROLE_MAILBOX_WORDS: ReadonlySet<string> = new Set(['send', 'sen', 'sendteam', 'senteam', 'sendiass', 'iass', 'ehc', 'ehcp',
  'ehcps', 'ehcplans', 'localoffer', 'local', 'offer', 'info', 'information', 'enquiries', 'enquiry', 'contact', 'contactus', 'admin',
  'office', 'reception', 'team', 'hello', 'help', 'helpdesk', 'support', 'service', 'services', 'customer', 'customers',
  'complaints', 'feedback', 'foi', 'dpo', 'dataprotection', 'data', 'protection', 'privacy', 'safeguarding', 'mash', 'admissions',
  'transport', 'finance', 'hr', 'governance', 'school', 'schools', 'education', 'inclusion', 'earlyhelp', 'early', 'earlyyears',
  'years', 'childrens', 'children', 'social', 'care', 'health', 'cyp', 'camhs', 'cypmh', 'parentcarers', 'parent', 'carers',
  'forum', 'participation', 'voice', 'youth', 'tribunal', 'appeals', 'mediation', 'commissioning', 'business', 'general', 'mail',
  'post', 'noreply', 'no', 'reply', 'donotreply', 'do', 'not', 'webmaster', 'inspection', 'inspections', 'area', 'quality',
  'assurance', 'performance', 'intelligence', 'insight', 'governors', 'headteacher', 'head', 'bursar', 'senco', 'sendco',
  'partnership', 'board', 'panel', 'casework', 'caseworkers', 'officers', 'duty', 'switchboard', 'accounts']);

/** A role mailbox's local part: every word of it (split at . _ - + and digits) is a role word. */
export function isRoleMailbox(localPart: string): boolean {
  const words = localPart.toLowerCase().split(/[._+\-0-9]+/).filter((w) => w.length > 0);
  return words.length > 0 && words.every((w) => ROLE_MAILBOX_WORDS.has(w));
}

export type UkPhoneClass = 'mobile' | 'geographic' | 'non-geographic';

/**
 * A UK phone number's class from its national digits (leading 0, no spaces), or null when the digits are not a
 * UK number: 07 + 9 digits mobile; 01/02 + 9 digits (01 also + 8) geographic; 03, 080, 084, 087 + the rest
 * non-geographic (organisations' numbers).
 */
export function classifyUkPhone(national: string): UkPhoneClass | null {
  if (!/^0[0-9]{9,10}$/.test(national)) return null;
  const n = national.length;
  if (national[1] === '7') return n === 11 ? 'mobile' : null;
  if (national[1] === '1') return 'geographic';
  if (national[1] === '2') return n === 11 ? 'geographic' : null;
  if (national[1] === '3') return n === 11 ? 'non-geographic' : null;
  if (/^08[047]/.test(national)) return n === 11 || national.startsWith('0800') ? 'non-geographic' : null;
  return null;
}
