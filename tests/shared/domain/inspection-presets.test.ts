import { describe, it, expect } from 'vitest';
import { HolidayCalendar } from '../../../shared/domain/bank-holidays';
import {
  INSPECTION_PRESETS,
  INSPECTION_PRESET_IDS,
  MILESTONE_IDS,
  isInspectionPresetId,
  milestoneDates,
  packDueDate,
  type InspectionPreset,
} from '../../../shared/domain/inspection-presets';

const england = new HolidayCalendar();

const byId = (list: ReturnType<typeof milestoneDates>) => Object.fromEntries(list.map((m) => [m.id, m]));

describe('inspection presets', () => {
  it('full inspection from Mon 11 Jan 2027', () => {
    const m = byId(milestoneDates('full', '2027-01-11', england));
    expect(m['notification']?.date).toBe('2027-01-11');
    expect(m['information-request']?.date).toBe('2027-01-11');
    expect(m['set-up-call']?.date).toBe('2027-01-12');
    expect(m['evidence-pack-due']).toMatchObject({ date: '2027-01-18', workingDay: 5 });
    expect(m['fieldwork-begins']).toMatchObject({ date: '2027-01-21', workingDay: 8 });
    expect(m['site-visit']).toMatchObject({
      date: '2027-01-25',
      endDate: '2027-01-29',
      workingDay: 10,
      durationWorkingDays: 5,
    });
    expect(m['final-feedback']).toMatchObject({ date: '2027-01-29', workingDay: 14 });
    expect(packDueDate('full', '2027-01-11', england)).toBe('2027-01-18');
    expect(Object.values(m).every((x) => !x.overridden)).toBe(true);
  });

  it('full inspection notified Wed 23 Dec 2026 runs across Christmas and New Year', () => {
    const m = byId(milestoneDates('full', '2026-12-23', england));
    expect(m['evidence-pack-due']?.date).toBe('2027-01-04');
    expect(m['fieldwork-begins']?.date).toBe('2027-01-07');
    expect(m['site-visit']).toMatchObject({ date: '2027-01-11', endDate: '2027-01-15' });
  });

  it('a notification on a Saturday counts from Monday', () => {
    const m = byId(milestoneDates('full', '2026-11-14', england));
    expect(m['notification']?.date).toBe('2026-11-16');
    expect(packDueDate('full', '2026-11-14', england)).toBe('2026-11-23');
    expect(packDueDate('full', '2026-11-13', england)).toBe('2026-11-20');
  });

  it('an overridden date wins and its working day is recomputed', () => {
    const list = milestoneDates('full', '2027-01-11', england, {
      'evidence-pack-due': '2027-01-15',
      'site-visit': '2027-02-01',
    });
    const m = byId(list);
    expect(m['evidence-pack-due']).toMatchObject({ date: '2027-01-15', workingDay: 4, overridden: true });
    expect(m['site-visit']).toMatchObject({
      date: '2027-02-01',
      endDate: '2027-02-05',
      workingDay: 15,
      overridden: true,
    });
    // Other milestones keep their computed dates.
    expect(m['fieldwork-begins']).toMatchObject({ date: '2027-01-21', workingDay: 8, overridden: false });
    expect(packDueDate('full', '2027-01-11', england, { 'evidence-pack-due': '2027-01-15' })).toBe('2027-01-15');
    // A non-working date is allowed; it takes the number of the working day before it.
    expect(
      byId(milestoneDates('full', '2027-01-11', england, { 'evidence-pack-due': '2027-01-16' }))['evidence-pack-due'],
    ).toMatchObject({ date: '2027-01-16', workingDay: 4 });
  });

  it('refuses unknown presets, unknown milestones and impossible override dates', () => {
    expect(() => milestoneDates('nope' as 'full', '2027-01-11', england)).toThrow(RangeError);
    expect(() => milestoneDates('legacy5', '2027-01-11', england, { 'fieldwork-begins': '2027-01-20' })).toThrow(
      RangeError,
    );
    expect(() => milestoneDates('full', '2027-01-11', england, { 'evidence-pack-due': '2027-02-30' })).toThrow(
      RangeError,
    );
    expect(() => milestoneDates('full', '2027-13-11', england)).toThrow(RangeError);
  });

  it('holiday overrides shift the preset dates', () => {
    const local = new HolidayCalendar({ add: [{ date: '2027-01-14', name: 'Local holiday' }], remove: [] });
    expect(packDueDate('full', '2027-01-11', local)).toBe('2027-01-19');
    const noNewYear = new HolidayCalendar({ add: [], remove: ['2027-01-01'] });
    expect(packDueDate('full', '2026-12-23', noNewYear)).toBe('2027-01-01');
  });

  it('monitoring inspection: pack WD5, 3-day site visit from WD10, all unverified', () => {
    const list = milestoneDates('monitoring', '2027-01-11', england);
    const m = byId(list);
    expect(m['evidence-pack-due']?.date).toBe('2027-01-18');
    expect(m['site-visit']).toMatchObject({ date: '2027-01-25', endDate: '2027-01-27', durationWorkingDays: 3 });
    expect(m['final-feedback']?.date).toBe('2027-01-27');
    expect(list.every((x) => !x.verified)).toBe(true);
  });

  it("2016 framework: 5 working days' notice, call Monday → on site next Monday", () => {
    const m = byId(milestoneDates('legacy5', '2027-01-11', england));
    expect(m['evidence-pack-due']).toMatchObject({ date: '2027-01-18', workingDay: 5, verified: false });
    expect(m['site-visit']).toMatchObject({ date: '2027-01-18', endDate: '2027-01-22', workingDay: 5 });
    expect(m['final-feedback']?.date).toBe('2027-01-22');
    // Easter 2027: 5 working days after Thu 25 Mar, skipping Good Friday and Easter Monday, is Mon 5 Apr.
    expect(byId(milestoneDates('legacy5', '2027-03-25', england))['site-visit']?.date).toBe('2027-04-05');
  });

  it('the data table is consistent', () => {
    for (const id of INSPECTION_PRESET_IDS) {
      const preset = INSPECTION_PRESETS[id];
      expect(preset.id).toBe(id);
      expect(isInspectionPresetId(id)).toBe(true);
      const ids = preset.milestones.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const m of preset.milestones) {
        expect(MILESTONE_IDS).toContain(m.id);
        expect(Number.isInteger(m.workingDay) && m.workingDay >= 0).toBe(true);
        expect(m.note.length).toBeGreaterThan(0);
      }
      expect(ids).toContain('notification');
      expect(ids).toContain('evidence-pack-due');
      // Final feedback falls on the last day of the site visit.
      const site = preset.milestones.find((m) => m.id === 'site-visit');
      const feedback = preset.milestones.find((m) => m.id === 'final-feedback');
      expect(feedback?.workingDay).toBe((site?.workingDay ?? 0) + (site?.durationWorkingDays ?? 0) - 1);
    }
    expect(INSPECTION_PRESETS.full.milestones.find((m) => m.id === 'set-up-call')?.verified).toBe(false);
    expect(isInspectionPresetId('other')).toBe(false);
  });

  it('accepts an edited copy of a preset', () => {
    const edited: InspectionPreset = {
      ...INSPECTION_PRESETS.full,
      milestones: INSPECTION_PRESETS.full.milestones.map((m) =>
        m.id === 'evidence-pack-due' ? { ...m, workingDay: 3 } : m,
      ),
    };
    expect(packDueDate(edited, '2027-01-11', england)).toBe('2027-01-14');
    expect(packDueDate('full', '2027-01-11', england)).toBe('2027-01-18');
  });
});
