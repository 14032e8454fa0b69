import { describe, expect, it } from 'vitest';
import { composeResidentIdNumber, parseResidentIdNumber, residentIdCheckDigit } from '../src/index.js';

const today = new Date('2026-11-22T00:00:00Z');

describe('居民身份证号 (GB 11643)', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    // The standard's own worked example: 11010519491231002X, a woman born 1949-12-31.
    const result = parseResidentIdNumber('11010519491231002X', today);
    expect(result).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'FEMALE' },
    });
    const man = parseResidentIdNumber(composeResidentIdNumber('350203', '1980-05-17', 31), today);
    expect(man.ok && man.value.gender).toBe('MALE');
  });

  it('accepts a lowercase x and normalises it', () => {
    const result = parseResidentIdNumber('11010519491231002x', today);
    expect(result.ok && result.value.idNumber).toBe('11010519491231002X');
  });

  it('rejects a bad check digit', () => {
    expect(parseResidentIdNumber('110105194912310021', today)).toMatchObject({ ok: false, problem: 'CHECK_DIGIT' });
  });

  it('rejects an impossible or future birth date even with a matching check digit', () => {
    const feb30 = '35020319800230' + '123';
    expect(parseResidentIdNumber(feb30 + residentIdCheckDigit(feb30), today)).toMatchObject({
      ok: false,
      problem: 'BIRTH_DATE',
    });
    const future = '35020320300101' + '123';
    expect(parseResidentIdNumber(future + residentIdCheckDigit(future), today)).toMatchObject({
      ok: false,
      problem: 'BIRTH_DATE',
    });
  });

  it('rejects the wrong length and stray characters', () => {
    expect(parseResidentIdNumber('11010519491231002', today)).toMatchObject({ ok: false, problem: 'LENGTH' });
    expect(parseResidentIdNumber('1101051949123100222', today)).toMatchObject({ ok: false, problem: 'LENGTH' });
    expect(parseResidentIdNumber('1101051949123A002X', today)).toMatchObject({ ok: false, problem: 'CHARACTERS' });
  });

  it('rejects a region code that is not a province of China', () => {
    const bad = '99010519491231002';
    expect(parseResidentIdNumber(bad + residentIdCheckDigit(bad), today)).toMatchObject({
      ok: false,
      problem: 'REGION',
    });
  });
});
