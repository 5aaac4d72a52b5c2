import { describe, expect, it } from 'vitest';
import { scanText } from '../../../main/privacy/scan-text';
import { isValidNhsNumber, isValidUln } from '../../../shared/domain/privacy/check-digits';

/**
 * Issue 6, done when: "A realistic clean corpus of council text (statistics, meeting dates, LA codes, financial
 * figures, ten-digit reference numbers that fail the check digits) yields no findings." Three pages as a local
 * area's evidence pack holds them: a self-evaluation extract, board minutes and a data and finance annex, with
 * tables as extracted text has them (cells separated by tabs), professionals named by role, and the council's own
 * published contact details (given as `publicContacts`).
 */
const SELF_EVALUATION = `Kestrelmouth Local Area Partnership — SEND Self-Evaluation Framework (SEF), version 3.2, June 2025
Protective marking: OFFICIAL. Page 1 of 14.

1. Context
Kestrelmouth (LA 841, new code E06000005) is a unitary authority with a population of 312,400 (ONS mid-2023 estimate),
of whom 71,250 are aged 0 to 25. In January 2025, 4,212 children and young people had an EHC plan (up 9.8% on 2024) and a
further 7,930 pupils received SEN support in our schools, 14.6% of the school population against 13.6% in England.
Every Child Matters remains the spirit in which the partnership works; our Young Person Friendly Award is held by 23 settings.

2. Timeliness of EHC needs assessments
In the 2024 calendar year 60.4% of new plans (1,129 of 1,869) were issued within 20 weeks, excluding exceptions, against
46.4% in England (29,895 of 64,438 nationally) and 49.2% in the North East. The rate was 38.1% in 2022 and 51.7% in 2023.
Requests for assessment rose to 1,412 (22,276 / 364,912 per the national return was the England comparison used in the
December report). The median time to issue was 19.6 weeks.

3. Annual reviews
Of 3,877 plans due a review between 01/04/2024 and 31/03/2025, 2,981 (76.9%) were completed within 12 months. A recovery
plan agreed on 14 November 2024 targets 90% by March 2026; see Appendix B, pages 42–47, and table 3.4.

4. Children's views
Each young person's views are recorded in their plan, and the child's voice is heard at every annual review. Pupil Premium
funding of £1,245,600 supported 640 pupils with SEND. The Pupil Referral Unit (Harbourside Academy) had 41 places in
2024/25. A case study (Child A, Year 9, autism) shows how a move to a resourced provision was planned over two terms; the
case for change and the case study were discussed with the Parent Carer Forum, who called Early Help "the front door we
wanted". Dr Okafor, designated clinical officer, and the Head of SEND's team presented the health data; Mr Speaker's 2014
statement on the Children and Families Act was quoted. The newborn hearing screening offer and the new-born checks
completed by 31/03/2025 met the national standard of 98%.

5. Health
Referrals to the neurodevelopmental pathway: 1,946 in 2024/25; median wait 62 weeks; 18% seen within 18 weeks (NHS England
data, March 2025). Speech and language therapy: 840 children waiting on 31 March 2025, of whom 212 had waited over 18 weeks.
Records without a date of birth: 312 (checked 14/03/2025) were excluded from the waiting-time figures.`;

const BOARD_MINUTES = `SEND Partnership Board — minutes of the meeting held on Tuesday 11 March 2025 at 14:00, Civic Centre, Committee Room 2
Present: Director of Children's Services (Chair); Head of SEND; Designated Clinical Officer; Principal Educational
Psychologist; Parent Carer Forum co-chairs (2); Headteacher representatives (3). Apologies: 2.

Item 1. Minutes of the meeting held on 14/01/2025 were agreed as a true record. Actions 3.1 to 3.6 were complete.
Item 2. The Board met again on 2 April 2025 to review progress against the accelerated progress plan (APP); the DfE
adviser's visit is booked for 22.05.25.
Item 3. Finance. The high needs block allocation for 2025–26 is £48,612,300, a 5.2% increase. The projected deficit is
£6,403,118 (13.2%), reduced from £8,921,447 last year. Invoice reference 4829104721 (speech and language therapy,
quarter 3) was paid on 03.04.2025; purchase order 1234567890 for independent specialist places remains open; contract
2025001873 was extended to 31 August 2026. Grant claim 5566778899 and journal 8801234567 were noted.
Item 4. Tribunal. Mediation cases: 312; appeals registered: 48; decided in favour of the appellant: 96.2% (2023/24
national figure 98.3%). Two County Court hearings concerned school transport, not SEND.
Item 5. Any other business. The Parent Carer Forum asked that the local offer website (41,230 visits in 2024/25, up 12%)
be checked for accessibility. The next meeting will be on 10/06/2025 at 10:00.
For the Board: SEND team, Kestrelmouth Council, 1 Civic Way, Kestrelmouth KM1 1AA; send@kestrelmouth.gov.uk;
0300 123 4567 (switchboard 01632 960000). Families in the KM4 area and the SW1A area (a placement) were mentioned.`;

const DATA_ANNEX = `Annex C: data and finance tables (source: SEN2 2025, school census January 2025, DfE explore-education-statistics)
Table C1. EHC plans issued within 20 weeks
LA code\tLA name\tYear\tIssued\tWithin 20 weeks\tPercent
841\tKestrelmouth\t2022\t1,402\t534\t38.1
841\tKestrelmouth\t2023\t1,655\t856\t51.7
841\tKestrelmouth\t2024\t1,869\t1,129\t60.4
E92000001\tEngland\t2024\t64,438\t29,895\t46.4
Table C2. Suspensions and exclusions, pupils with an EHC plan
Year\tSuspensions\tRate per 100\tPermanent exclusions\tRate
2022/23\t1,208\t28.68\t14\t0.33
2023/24\t1,377\t32.69\t12\t0.28
Table C3. High needs budget (£)
Line\t2023–24\t2024–25\t2025–26
Top-up funding\t21,345,000\t23,110,500\t24,980,000
Independent and non-maintained\t9,812,400\t11,040,250\t12,300,000
Alternative provision\t3,210,000\t3,455,800\t3,600,000
Reference numbers: invoice 1029384756; ledger 2200145563; FOI request 2025/0417; report KM/SEND/2025/03.
Notes. Figures are rounded; rates are per 100 pupils. Percentages of 0.0% are shown where no child was affected. Ages 0-25.
Contact: localoffer@kestrelmouth.gov.uk. Published 30/06/2025; next update September 2025 (page 14, section 3).`;

const PUBLIC_CONTACTS = [
  'send@kestrelmouth.gov.uk',
  'localoffer@kestrelmouth.gov.uk',
  '0300 123 4567',
  '01632 960000',
  '1 Civic Way',
  'KM1 1AA',
];

describe('a realistic clean corpus of council text', () => {
  it('uses ten-digit reference numbers that fail both check digits', () => {
    for (const ref of [
      '4829104721',
      '1234567890',
      '2025001873',
      '5566778899',
      '8801234567',
      '1029384756',
      '2200145563',
    ]) {
      expect(isValidNhsNumber(ref), ref).toBe(false);
      expect(isValidUln(ref), ref).toBe(false);
    }
  });

  for (const [name, text] of [
    ['self-evaluation extract', SELF_EVALUATION],
    ['board minutes', BOARD_MINUTES],
    ['data and finance annex', DATA_ANNEX],
  ] as const) {
    it(`yields no findings: ${name}`, () => {
      const findings = scanText(text, { today: '2025-06-30', publicContacts: PUBLIC_CONTACTS });
      expect(findings.map((f) => `${f.kind} (${f.severity}): ${f.snippet}`)).toEqual([]);
    });
  }

  it('all three together yield no findings either, and without the public contacts only those contacts are listed', () => {
    const all = [SELF_EVALUATION, BOARD_MINUTES, DATA_ANNEX].join('\n\n');
    expect(scanText(all, { today: '2025-06-30', publicContacts: PUBLIC_CONTACTS })).toEqual([]);
    const contacts = scanText(all, { today: '2025-06-30' });
    expect(contacts.map((f) => `${f.kind}:${f.severity}:${f.match}`)).toEqual([
      'address:block:1 Civic Way',
      'postcode:block:KM1 1AA',
      'email:warn:send@kestrelmouth.gov.uk',
      'phone:warn:0300 123 4567',
      'phone:block:01632 960000',
      'email:warn:localoffer@kestrelmouth.gov.uk',
    ]);
  });
});
