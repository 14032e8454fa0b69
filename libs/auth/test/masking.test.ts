import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskPhone } from '../src/index.js';

describe('masking', () => {
  it('keeps region and last four of an ID number', () => {
    expect(maskIdNumber('350203198005170031')).toBe('350203********0031');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('cuts an address to the building', () => {
    expect(maskAddress('香秀里12号楼2单元502室')).toBe('香秀里12号楼');
    expect(maskAddress('厦门市思明区嘉莲街道香秀里12号')).toBe('厦门市思明区嘉莲街道香秀里12号');
  });
});
