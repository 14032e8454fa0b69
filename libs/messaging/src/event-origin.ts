import { subjectPrefixOf, type EventDefinition, type EventEnvelope } from '@shequ/contracts';

/**
 * Why an event does not come from the service allowed to publish it, or null when it does: the subject
 * must lie under `shequ.<source>.` and the envelope must name that source, that subject and the expected type.
 */
export function foreignEventProblem(
  subject: string,
  event: Pick<EventEnvelope, 'source' | 'subject' | 'type'>,
  definition: Pick<EventDefinition, 'source' | 'subject' | 'type'>,
): string | null {
  if (!subject.startsWith(subjectPrefixOf(definition.source)) || subject !== definition.subject) return 'subject';
  if (event.source !== definition.source) return 'source';
  if (event.subject !== subject || event.type !== definition.type) return 'envelope';
  return null;
}
