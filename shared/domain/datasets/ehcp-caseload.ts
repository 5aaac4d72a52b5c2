import { count, defineDataset, percent } from './columns';

/**
 * The January census: EHC plans held by the LA (0–25, DfE SEN2 `caseload.csv`, column `ehcplans` [R51]) and pupils
 * with an EHC plan or SEN support in the area's schools (DfE "Special educational needs in England", school census,
 * `ehc_plan`, `sen_support`, `total_pupils` [R33]).
 *
 * Period: the academic year of the census — January 2025 is '2024/25', as DfE's SEN in England files write it
 * (time_period 202425). DfE's EHC plan release labels the same January 2025 caseload "2025": enter it as 2024/25.
 */
export const ehcpCaseload = defineDataset({
  id: 'ehcp-caseload',
  title: 'EHC plans held and SEN rates (January census)',
  catalogueItem: 'sen-profile',
  periodType: 'academic-year',
  columns: [
    count('ehcplans', 'EHC plans held at the January census (ages 0–25)', 'plans', {
      synonyms: [
        'EHC plans',
        'Active EHC plans',
        'Number of EHC plans',
        'Total EHC plans',
        'EHCP caseload',
        'ehcp_total',
      ],
    }),
    count('new_plans_in_year', 'New EHC plans issued in the previous calendar year', 'plans', {
      synonyms: ['New EHC plans', 'New plans'],
    }),
    count('total_pupils', 'Pupils on roll at the January census', 'pupils', {
      synonyms: ['Pupils', 'Headcount', 'Number of pupils', 'All pupils'],
    }),
    count('ehc_plan', 'Pupils with an EHC plan', 'pupils', {
      synonyms: ['Pupils with EHC plan', 'EHCP pupils', 'EHC plan pupils'],
    }),
    percent('ehc_plan_percent', 'Published % of pupils with an EHC plan', {
      synonyms: ['Percentage EHC plan', 'EHC plan percentage', 'ehc_plan_pc'],
    }),
    count('sen_support', 'Pupils on SEN support', 'pupils', {
      synonyms: ['SEN support pupils', 'Pupils with SEN support'],
    }),
    percent('sen_support_percent', 'Published % of pupils on SEN support', {
      synonyms: ['Percentage SEN support', 'SEN support percentage', 'sen_support_pc'],
    }),
  ],
  rules: (b) => [
    b.notExceed('new_plans_in_year', 'ehcplans', 'caseload-at-least-new-plans'),
    // sen-rates: sum ≤ 100
    b.notExceed(['ehc_plan', 'sen_support'], 'total_pupils'),
    b.publishedPercent('ehc_plan_percent', 'ehc_plan', 'total_pupils'),
    b.publishedPercent('sen_support_percent', 'sen_support', 'total_pupils'),
    {
      id: 'sen-rates-sum-at-most-100',
      description: 'published % with an EHC plan and % on SEN support must add up to 100 or less',
      fields: ['ehc_plan_percent', 'sen_support_percent'],
      holds: (v) => v.ehc_plan_percent! + v.sen_support_percent! <= 100 + 1e-9,
      explain: (v) =>
        `published % with an EHC plan (${v.ehc_plan_percent}) and % on SEN support (${v.sen_support_percent}) add up to more than 100`,
    },
  ],
});
