import { FormatRegistry, Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import type { Vocabulary } from './vocabulary/vocabulary.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)));
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));

/** Payload building blocks, so every event writes dates and ids the same way. */
export const Id = (description: string) => Type.String({ minLength: 1, description });
export const IsoDate = (description: string) => Type.String({ format: 'date', description });
export const IsoDateTime = (description: string) => Type.String({ format: 'date-time', description });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export function OneOf<K extends string>(vocab: Vocabulary<K>, description: string): TUnion<TLiteral<K>[]> {
  return Type.Union(
    vocab.codes.map((code) => Type.Literal(code)),
    { description: `${description}：${vocab.codes.map((c) => `${c} ${vocab.labels[c]}`).join('；')}` },
  );
}
