/**
 * Chinese messages for class-validator's constraints on input types (`@MaxLength(100)` …). Its own messages are
 * English ("name must be shorter than or equal to 100 characters"); every message a caller sees is Chinese, so the
 * error formatter words each failed constraint here. The limit is the number in class-validator's message (the
 * decorator's argument); a constraint not listed gets a general Chinese message, never the English one.
 */
const CHINESE: Record<string, (limit: string | null) => string> = {
  maxLength: (n) => (n ? `不能超过 ${n} 个字` : '过长'),
  minLength: (n) => (n ? `不能少于 ${n} 个字` : '过短'),
  arrayMaxSize: (n) => (n ? `最多 ${n} 项` : '项数过多'),
  arrayMinSize: (n) => (n ? `至少 ${n} 项` : '项数过少'),
  max: (n) => (n ? `不能大于 ${n}` : '过大'),
  min: (n) => (n ? `不能小于 ${n}` : '过小'),
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** The Chinese message for a failed constraint (`constraint`: class-validator's name; `message`: its message). */
export function chineseConstraintMessage(constraint: string, message: string): string {
  if (HAS_CHINESE.test(message)) return message; // a decorator given its own Chinese message
  const wording = CHINESE[constraint];
  if (wording) return wording(/(-?\d+(?:\.\d+)?)/.exec(message)?.[1] ?? null);
  return '不符合要求';
}
