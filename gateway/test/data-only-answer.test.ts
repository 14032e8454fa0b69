import { describe, expect, it } from 'vitest';
import { isDataOnlyAnswer } from '../src/data-only-answer.js';

/** A body as Apollo Server prints a result: JSON.stringify of `{ errors, data, extensions }`, then a newline. */
const printed = (result: { errors?: unknown; data?: unknown; extensions?: unknown }) =>
  Buffer.from(`${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`);

/** Values of every JSON kind, with strings that look like structure. */
function randomValue(depth: number, random: () => number): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 5 : 7));
  const strings = ['', '"', '\\', '}', ']}', '"},"errors":[', '林\n\t\u0001', '😀', '\ud800', '\\"', 'a\\'];
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.round((random() - 0.5) * 1e6) / 100;
    case 3:
    case 4:
      return strings[Math.floor(random() * strings.length)] + strings[Math.floor(random() * strings.length)];
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1, random));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [
          ['a', '}', '"', 'errors', 'data'][i % 5] + String(i),
          randomValue(depth + 1, random),
        ]),
      );
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('isDataOnlyAnswer', () => {
  it('is true exactly for a result with an object as data, no errors and no extensions', () => {
    const random = seeded(15);
    for (let i = 0; i < 2_000; i++) {
      const data = randomValue(0, random);
      const expected = typeof data === 'object' && data !== null && !Array.isArray(data);
      expect(isDataOnlyAnswer(printed({ data })), JSON.stringify(data)).toBe(expected);
      expect(isDataOnlyAnswer(printed({ data, errors: [{ message: 'x' }] }))).toBe(false);
      expect(isDataOnlyAnswer(printed({ data, extensions: { cost: 1 } }))).toBe(false);
    }
  });

  it('is false for anything printed otherwise, cut short or not a result', () => {
    const body = `${JSON.stringify({ data: { a: { b: [1, '}'] } } })}`;
    for (const other of [
      body, // no newline
      `${body}\n\n`,
      `${body.slice(0, -1)}\n`, // the outer object not closed
      `${body.slice(0, -2)}}\n`.replace('"}"', '"}'), // a string not closed
      ` ${body}\n`,
      `{ "data": {"a":1}}\n`,
      `{"data":{"a":1} }\n`,
      `{"data":{"a":1},"errors":[]}\n`,
      `{"data":null}\n`,
      `{"data":[]}\n`,
      `{"data":{}}}\n`,
      `{"data":{"a":"\\"}}\n`, // the closing quote escaped: the string runs on
      '',
      '\n',
    ])
      expect(isDataOnlyAnswer(Buffer.from(other)), other).toBe(false);
    expect(isDataOnlyAnswer(Buffer.from(`${body}\n`))).toBe(true);
    expect(isDataOnlyAnswer(Buffer.from('{"data":{}}\n'))).toBe(true);
  });
});
