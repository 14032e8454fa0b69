import { randomBytes } from 'node:crypto';

/**
 * Answers printed as JSON before Apollo Server prints the response around them: a large answer (a statistics table of
 * 10,000+ groups) printed straight from the resolver's value costs a fraction of an object copy that Apollo's
 * `JSON.stringify` then prints. The HTTP layer (`startHttpService`) offers each request's context
 * (`takePrintedAnswers`); a plugin that has printed an answer puts `printedAnswer(context, json)` where the value
 * would go, whose JSON is a mark unique to this process and answer, and the HTTP layer writes `json` in place of that
 * mark (`withPrintedAnswers`). Whatever Apollo prints around it (`errors`, `extensions`, a batch's array) stays as
 * Apollo prints it; a response replaced by another plugin has no mark, and is written as it is.
 */
const SLOT = Symbol('printed answers');
const MARK = `\u0000printed-answer:${randomBytes(12).toString('hex')}:`;
let answers = 0;

/**
 * The printed answers of a request, by the JSON of their mark: an enumerable symbol property of the context, so that
 * Apollo's copy of the context for each operation (`Object.assign`, a batch's operations too) shares it.
 */
type Slotted = { [SLOT]?: Map<string, string> };
const slotOf = (context: unknown): Map<string, string> | undefined =>
  typeof context === 'object' && context !== null ? (context as Slotted)[SLOT] : undefined;

/** Lets plugins print answers for this request's context (called by the HTTP layer, which then writes them). */
export function takePrintedAnswers(context: object): void {
  const slotted = context as Slotted;
  if (!slotted[SLOT]) slotted[SLOT] = new Map();
}

/** Whether the HTTP layer writes printed answers for this context (not so for `executeOperation`). */
export function takesPrintedAnswers(context: unknown): boolean {
  return slotOf(context) !== undefined;
}

/**
 * A value standing for `json` in the response: Apollo prints it as a mark, which the HTTP layer replaces by `json`.
 * Only for a context `takesPrintedAnswers`.
 */
export function printedAnswer(context: object, json: string): { toJSON(): string } {
  const slot = slotOf(context);
  if (!slot) throw new Error('printedAnswer: this context takes no printed answers');
  const mark = `${MARK}${(answers += 1)}`;
  slot.set(JSON.stringify(mark), json);
  return { toJSON: () => mark };
}

/** Apollo's printed response with each printed answer of this context written in place of its mark. */
export function withPrintedAnswers(context: object | undefined, body: string): string {
  const slot = slotOf(context);
  if (!slot?.size) return body;
  let out = body;
  for (const [mark, json] of slot) {
    const at = out.indexOf(mark);
    if (at >= 0) out = out.slice(0, at) + json + out.slice(at + mark.length);
  }
  slot.clear();
  return out;
}
