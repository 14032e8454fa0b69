import { describe, expect, it } from 'vitest';
import { addMonths, composeResidentIdNumber } from '@shequ/contracts';
import { nextReviewDate, reviewResult, isAdvancedAge } from '../src/domain/care-schedule.js';
import { CsvReader, parseCsv } from '../src/domain/import/csv.js';
import { checkImportRow } from '../src/domain/import/import-row.js';
import { checkAgeRange } from '../src/domain/age-bands.js';
import { checkHousing, householdAddress, normaliseFlat } from '../src/domain/household-rules.js';
import { RESIDENT_TRANSITIONS, residentTransition } from '../src/domain/resident-lifecycle.js';

describe('resident life cycle table', () => {
  it('allows moving out and death only while active, moving back in after moving out, nothing after death', () => {
    expect(residentTransition('ACTIVE', 'MOVE_OUT')).toBe('MOVED_OUT');
    expect(residentTransition('MOVED_OUT', 'MOVE_HOUSEHOLD')).toBe('ACTIVE');
    expect(() => residentTransition('MOVED_OUT', 'RECORD_DEATH')).toThrow(/已迁出/);
    expect(Object.keys(RESIDENT_TRANSITIONS.DECEASED)).toEqual([]);
    expect(() => residentTransition('DECEASED', 'UPDATE')).toThrow(/已死亡/);
  });
});

describe('care review schedule', () => {
  it('computes the next review per category, clamped to month ends; none for categories without periodic review', () => {
    expect(nextReviewDate('MINIMUM_LIVING_ALLOWANCE', '2026-08-31')).toBe('2027-02-28');
    expect(nextReviewDate('ELDERLY_LIVING_ALONE', '2026-11-30')).toBe('2027-02-28');
    expect(nextReviewDate('DISABILITY', '2024-02-29')).toBe('2025-02-28');
    expect(nextReviewDate('VETERAN', '2026-01-01')).toBeNull();
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('terminates on TERMINATE, honours a later requested date, refuses an earlier one', () => {
    expect(reviewResult('MINIMUM_LIVING_ALLOWANCE', 'TERMINATE', '2026-11-01')).toEqual({
      ends: true,
      nextReviewOn: null,
    });
    expect(reviewResult('MINIMUM_LIVING_ALLOWANCE', 'ADJUST', '2026-11-01', '2027-01-15')).toEqual({
      ends: false,
      nextReviewOn: '2027-01-15',
    });
    expect(() => reviewResult('MINIMUM_LIVING_ALLOWANCE', 'CONTINUE', '2026-11-01', '2026-10-01')).toThrow(/晚于/);
  });

  it('derives 高龄 on the 80th birthday', () => {
    expect([
      isAdvancedAge('1946-11-30', '2026-11-30'),
      isAdvancedAge('1946-12-01', '2026-11-30'),
      isAdvancedAge(null, '2026-11-30'),
    ]).toEqual([true, false, false]);
  });
});

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF, skipping blank lines', () => {
    const { header, records } = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n1,2\n');
    expect(header).toEqual(['a', 'b']);
    expect(records).toEqual([
      { row: 1, values: ['x, y', 'say "hi"'], problem: null },
      { row: 2, values: ['1', '2'], problem: null },
    ]);
  });

  it('reads the same records whatever pieces the text comes in (runs of plain characters across pieces)', () => {
    const text = 'a,b,c\n香秀里1号楼,"x ""y""" ,3\r\nplain text,,"q"\n"x"z,1,2\n';
    const whole = new CsvReader();
    const expected = [...whole.push(text), ...whole.end()];
    for (const size of [1, 2, 3, 7]) {
      const reader = new CsvReader();
      const records = [];
      for (let i = 0; i < text.length; i += size) records.push(...reader.push(text.slice(i, i + size)));
      records.push(...reader.end());
      expect(records).toEqual(expected);
    }
    expect(expected.map((r) => [r.values, r.problem])).toEqual([
      [['a', 'b', 'c'], null],
      [['香秀里1号楼', 'x "y" ', '3'], null],
      [['plain text', '', 'q'], null],
      [['xz', '1', '2'], expect.stringMatching(/多余字符/)],
    ]);
  });

  it('marks a record with a quote left open or text after a closing quote', () => {
    expect(parseCsv('a,b\n"x"y,1\n').records[0].problem).toMatch(/多余字符/);
    expect(parseCsv('a,b\n1,2\n"open,3\n4,5').records.map((r) => r.problem)).toEqual([
      null,
      expect.stringMatching(/未闭合/),
    ]);
  });
});

describe('import row check', () => {
  const today = new Date('2026-11-30T00:00:00Z');
  const row = {
    idNumber: composeResidentIdNumber('350203', '1980-01-01', 11),
    name: '王建华',
    building: '香秀里1号楼',
    unit: '1',
    room: '101',
  };

  it('normalises units, rooms and Chinese enum labels', () => {
    const landlordIdNumber = composeResidentIdNumber('350203', '1950-01-01', 7);
    const check = checkImportRow(
      { ...row, relationToHead: '配偶', residenceType: '户籍', housing: '出租', landlordIdNumber },
      today,
    );
    // A rented flat without its landlord is refused, as by registerHousehold.
    expect(checkImportRow({ ...row, housing: '出租' }, today)).toMatchObject({ ok: false, field: 'landlordIdNumber' });
    expect(check).toMatchObject({
      ok: true,
      value: {
        unit: '1单元',
        room: '101室',
        relationToHead: 'SPOUSE',
        residenceType: 'REGISTERED',
        housing: 'RENTED',
        landlordIdNumber,
        gender: 'MALE',
        birthDate: '1980-01-01',
      },
    });
  });

  it('rejects with the field: missing required value, unknown enum, floating without permit dates', () => {
    expect(checkImportRow({ ...row, name: '' }, today)).toEqual({ ok: false, field: 'name', reason: '必填项为空' });
    expect(checkImportRow({ ...row, housing: 'CASTLE' }, today)).toMatchObject({ ok: false, field: 'housing' });
    expect(checkImportRow({ ...row, residenceType: 'FLOATING' }, today)).toMatchObject({
      ok: false,
      field: 'residencePermitIssuedOn',
    });
  });
});

describe('household rules (one flat, one household)', () => {
  it('writes unit and room in one form, whatever way they were typed', () => {
    expect(normaliseFlat({ unit: '9', room: '3874' })).toEqual({ unit: '9单元', room: '3874室' });
    expect(normaliseFlat({ unit: ' ０1 单元', room: '１０１室' })).toEqual({ unit: '1单元', room: '101室' });
    expect(normaliseFlat({ unit: 'A座', room: '底商 3' })).toEqual({ unit: 'A座', room: '底商3' });
    expect(householdAddress('香秀里2号楼', '9', '3874')).toBe(householdAddress('香秀里2号楼', '9单元', '3874室'));
    expect(() => normaliseFlat({ unit: ' ', room: '1' })).toThrow(/单元不能为空/);
  });

  it('a rented flat names its landlord, other flats none', () => {
    expect(() => checkHousing('RENTED', false, 'landlordIdNumber')).toThrow(/出租房须登记房东/);
    expect(() => checkHousing('OWNED', true, 'landlordResidentId')).toThrow(/只有出租房/);
    expect(checkHousing('RENTED', true, 'landlordResidentId')).toBe('RENTED');
  });
});

describe('age filter (minAge / maxAge)', () => {
  it('takes integers 0–150, either bound alone, and an equal pair', () => {
    expect(() => checkAgeRange(60, 79)).not.toThrow();
    expect(() => checkAgeRange(80, 80)).not.toThrow();
    expect(() => checkAgeRange(null, 17)).not.toThrow();
    expect(() => checkAgeRange(0, undefined)).not.toThrow();
  });
  it('refuses an empty range, naming maxAge, and a bound out of range or fractional, naming it', () => {
    expect(() => checkAgeRange(80, 60)).toThrow(expect.objectContaining({ field: 'maxAge' }));
    expect(() => checkAgeRange(80, 60)).toThrow(/不能小于最小年龄/);
    expect(() => checkAgeRange(-1, null)).toThrow(expect.objectContaining({ field: 'minAge' }));
    expect(() => checkAgeRange(null, 151)).toThrow(expect.objectContaining({ field: 'maxAge' }));
    expect(() => checkAgeRange(1.5, null)).toThrow(/0–150 的整数/);
  });
});
