import { registerEnumType } from 'type-graphql';
import type { Vocabulary } from '@shequ/contracts';

/** Registers a shared vocabulary as a GraphQL enum whose every value carries its Chinese label. */
export function registerVocabularyEnum<K extends string>(
  vocabulary: Vocabulary<K>,
  name: string,
  description: string,
): Vocabulary<K>['values'] {
  const valuesConfig = Object.fromEntries(
    vocabulary.codes.map((code) => [code, { description: vocabulary.labels[code] }]),
  );
  registerEnumType(vocabulary.values as Record<string, string>, { name, description, valuesConfig });
  return vocabulary.values;
}
