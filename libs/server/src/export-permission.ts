/**
 * A bulk export (the gateway's `/exports` of a saved query that declares `# 权限：residents:export`) tells every
 * subgraph it calls which permission the export needs, in this header; the subgraph refuses the request unless the
 * caller (user or API key) holds it. The header can only narrow what a caller may do, so a forged one gains
 * nothing.
 */
export const EXPORT_PERMISSION_HEADER = 'x-shequ-export-permission';

/** Only `<area>:export` permissions travel in the header. */
export function isExportPermission(value: string): boolean {
  return /^[a-z]+:export$/.test(value);
}
