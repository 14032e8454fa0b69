/**
 * Masked forms of personal data, the same wherever the field appears (DESIGN §7):
 * ID number `350203********1234`, phone `138****5678`, address cut to building level.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** `香秀里12号楼2单元502室` → `香秀里12号楼`: keeps the building, drops unit and room. */
export function maskAddress(address: string): string {
  const building = /^(.*?号楼)/.exec(address);
  if (building) return building[1];
  const number = /^(.*?\d+号)/.exec(address);
  return number ? number[1] : address;
}
