/**
 * A vocabulary is a closed list of codes (UPPER_SNAKE English) with their Chinese labels.
 * Services register them as GraphQL enums; event payload schemas reference them, so publisher,
 * consumer and schema speak the same words.
 */
export interface Vocabulary<K extends string> {
  /** `{ CODE: 'CODE' }`: usable as a TypeScript/GraphQL enum object. */
  readonly values: { readonly [P in K]: P };
  /** Chinese label of every code. */
  readonly labels: Readonly<Record<K, string>>;
  readonly codes: readonly K[];
  has(value: string): value is K;
}

export function vocabulary<const K extends string>(labels: Record<K, string>): Vocabulary<K> {
  const codes = Object.keys(labels) as K[];
  const values = Object.fromEntries(codes.map((code) => [code, code])) as { [P in K]: P };
  const known = new Set<string>(codes);
  return Object.freeze({
    values: Object.freeze(values),
    labels: Object.freeze({ ...labels }),
    codes: Object.freeze(codes),
    has: (value: string): value is K => known.has(value),
  });
}

export type CodeOf<V> = V extends Vocabulary<infer K> ? K : never;

/**
 * The Chinese label of a code, for every message and timeline text a person reads (「入党申请人」, not
 * 「APPLICANT」). A value outside the vocabulary (bad input) is shown as given, so the message still says what
 * was received.
 */
export function labelOf<K extends string>(vocab: Vocabulary<K>, code: K | string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '（空）';
  return vocab.has(code) ? vocab.labels[code] : code;
}

/** The labels of a vocabulary as a list for a message: 「已申请」「介绍信已开出」…, what a caller may choose. */
export function labelsOf<K extends string>(vocab: Vocabulary<K>): string {
  return vocab.codes.map((code) => `${vocab.labels[code]}（${code}）`).join('、');
}
