/** 受理号: SQ-<year>-<sequence, 6 digits>, e.g. SQ-2026-000123. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `SQ-${year}-${String(sequence).padStart(6, '0')}`;
}
