import type { DatasetDefinition } from './types';

type Breakdown = NonNullable<DatasetDefinition['breakdown']>;

/**
 * SEN status, as DfE's pupil-characteristics files break absence, exclusions, attainment and NEET down. 'all' is
 * every pupil (DfE's "Total"); 'send' is any identified SEN (EHC plan or SEN support).
 */
export const SEN_STATUS_BREAKDOWN: Breakdown = {
  name: 'sen_status',
  title: 'SEN status',
  values: [
    {
      id: 'all',
      title: 'All pupils',
      synonyms: ['Total', 'All', 'All pupils', 'All young people', 'All SEN statuses'],
    },
    {
      id: 'send',
      title: 'Any SEN (EHC plan or SEN support)',
      synonyms: ['SEN', 'SEND', 'Any SEN', 'With SEN', 'With SEND', 'Identified SEN', 'All SEN', 'SEN total'],
    },
    {
      id: 'ehcp',
      title: 'EHC plan',
      synonyms: [
        'EHCP',
        'EHC plan',
        'Education, health and care plan',
        'Statement or EHC plan',
        'EHC plan or statement',
        'With an EHC plan',
      ],
    },
    {
      id: 'sen-support',
      title: 'SEN support',
      synonyms: ['SEN support', 'SEN support (no EHC plan)', 'Special educational needs support'],
    },
    {
      id: 'no-sen',
      title: 'No identified SEN',
      synonyms: ['No SEN', 'No identified SEN', 'Not SEN', 'Non-SEN', 'No special educational needs', 'No SEND'],
    },
  ],
};

/** Community and specialist children's health services whose waits §4 (chs-waits) asks for. */
export const HEALTH_SERVICE_BREAKDOWN: Breakdown = {
  name: 'service',
  title: 'Service',
  values: [
    {
      id: 'camhs',
      title: "Children and young people's mental health services (CAMHS)",
      synonyms: [
        'CAMHS',
        'CYPMHS',
        'CYP mental health',
        'Mental health',
        'Child and adolescent mental health services',
      ],
    },
    {
      id: 'slt',
      title: 'Speech and language therapy',
      synonyms: [
        'SLT',
        'SALT',
        'Speech and language',
        'Speech & language therapy',
        'Speech therapy',
        'Speech and language therapy (SLT)',
      ],
    },
    { id: 'ot', title: 'Occupational therapy', synonyms: ['OT', 'Occupational therapy (OT)'] },
    {
      id: 'physio',
      title: 'Physiotherapy',
      synonyms: ['Physio', 'Physiotherapy (physio)', "Children's physiotherapy"],
    },
    {
      id: 'community-paediatrics',
      title: 'Community paediatrics',
      synonyms: ['Community paeds', 'Community paediatric', 'Community paediatric service', 'Paediatrics (community)'],
    },
    {
      id: 'nd-pathway',
      title: 'Neurodevelopmental pathway (autism and ADHD assessment)',
      synonyms: [
        'ND',
        'ND pathway',
        'NDP',
        'Neurodevelopmental',
        'Neurodevelopmental pathway',
        'Autism assessment',
        'ASD assessment',
        'ADHD assessment',
        'Autism and ADHD',
      ],
    },
  ],
};
