/**
 * The groups the checklist and the pack are organised by: the five evaluation criteria of the 2023 area SEND
 * framework (wording from the docs/domain §2), leadership, alternative provision, and a group for items that
 * support no criterion (logistics and person-level lists).
 */
export const AREA_GROUP_IDS = ['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP', 'other'] as const;
export type AreaGroupId = (typeof AREA_GROUP_IDS)[number];
/** Areas an item can be mapped to; "other" is only ever the absence of one. */
export type EvaluationAreaId = Exclude<AreaGroupId, 'other'>;

export interface AreaGroup {
  id: AreaGroupId;
  shortName: string;
  heading: string;
}

export const AREA_GROUPS: readonly AreaGroup[] = [
  {
    id: 'EC1',
    shortName: 'Identification and assessment',
    heading: "Children and young people's needs are identified accurately and assessed in a timely and effective way",
  },
  {
    id: 'EC2',
    shortName: 'Participation in decisions',
    heading:
      'Children, young people and their families participate in decision-making about their individual plans and support',
  },
  {
    id: 'EC3',
    shortName: 'Right help at the right time',
    heading: 'Children and young people receive the right help at the right time',
  },
  {
    id: 'EC4',
    shortName: 'Next steps and outcomes',
    heading: 'Children and young people are well prepared for their next steps and achieve strong outcomes',
  },
  {
    id: 'EC5',
    shortName: 'Valued, visible and included',
    heading: 'Children and young people with SEND are valued, visible and included in their communities',
  },
  // Leadership sub-headings in the handbook are unverified (docs/domain §2), so one group stands for them.
  {
    id: 'L',
    shortName: 'Leadership and strategy',
    heading: 'Leaders are ambitious, understand local needs, commission and improve services together',
  },
  {
    id: 'AP',
    shortName: 'Alternative provision',
    heading: 'The local authority commissions and oversees alternative provision effectively',
  },
  { id: 'other', shortName: 'Logistics and other', heading: 'Inspection logistics and other' },
];

export function areaGroupOf(id: AreaGroupId): AreaGroup {
  const group = AREA_GROUPS.find((g) => g.id === id);
  if (!group) throw new Error(`Unknown evaluation area group ${id}`);
  return group;
}

/** The groups an item is listed under: its areas, or "other" when it has none. */
export function groupsForAreas(areas: readonly EvaluationAreaId[]): AreaGroupId[] {
  return areas.length ? [...areas] : ['other'];
}
