import { ConflictError } from '@shequ/errors';

/**
 * The rule a unique index stands for, and the answer the rule itself gives (`ConflictError` with its Chinese
 * message): a write whose checks passed but whose insert met the index (a concurrent request wrote the same record
 * first) is answered as the non-racing path would be, not with the generic `UNIQUE_CONFLICT_MESSAGE`. Declared by a
 * service in `SubgraphServiceDefinition.uniqueConflicts`; `ctx.transaction` applies them.
 */
export interface UniqueConflictRule {
  /** The index as the database names its parts: the table and its columns (any order). */
  table: string;
  columns: readonly string[];
  /**
   * The rule's message; `key` holds the values of the index's columns when the database reports them (PostgreSQL's
   * `detail`), else it is empty (SQLite names only the columns).
   */
  message(key: Readonly<Record<string, string>>): string;
  /** The input field the conflict is about, when there is one. */
  field?: string;
}

/** What a unique-index error says about the index: its table, columns and (when reported) the duplicate values. */
export interface UniqueViolation {
  table: string;
  columns: string[];
  key: Record<string, string>;
}

/**
 * The index a unique violation hit, from the error of either dialect: SQLite's message `UNIQUE constraint failed:
 * t.a, t.b`, PostgreSQL's `table` and `detail` (`Key (a, b)=(x, y) already exists.`); null when it cannot be told.
 */
export function uniqueViolationOf(error: unknown): UniqueViolation | null {
  const e = error as { message?: unknown; table?: unknown; detail?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : '';
  const sqlite = /UNIQUE constraint failed: ([^\n]+)/.exec(message);
  if (sqlite) {
    const parts = sqlite[1]
      .split(',')
      .map((p) => p.trim().split('.'))
      .filter((p) => p.length === 2);
    if (parts.length === 0) return null;
    return { table: parts[0][0], columns: parts.map((p) => p[1]), key: {} };
  }
  if (typeof e?.table === 'string' && typeof e.detail === 'string') {
    const detail = /^Key \((.+)\)=\((.*)\) already exists\.?$/s.exec(e.detail);
    if (!detail) return null;
    const columns = detail[1].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const values = detail[2].split(',').map((v) => v.trim());
    const key = values.length === columns.length ? Object.fromEntries(columns.map((c, i) => [c, values[i]])) : {};
    return { table: e.table, columns, key };
  }
  return null;
}

/** The declared rule's answer to a unique violation, or null when no rule names that index. */
export function uniqueConflictFor(error: unknown, rules: readonly UniqueConflictRule[]): ConflictError | null {
  if (rules.length === 0) return null;
  const hit = uniqueViolationOf(error);
  if (!hit) return null;
  const sameColumns = (rule: UniqueConflictRule) =>
    rule.columns.length === hit.columns.length && rule.columns.every((c) => hit.columns.includes(c));
  const rule = rules.find((r) => r.table === hit.table && sameColumns(r));
  if (!rule) return null;
  return new ConflictError(rule.message(hit.key), {
    reason: 'UNIQUE_CONSTRAINT',
    ...(rule.field ? { field: rule.field } : {}),
  });
}
