import { STREAM_NAME, SUBJECT_PREFIX, ServiceNames, type ServiceName } from '../envelope.js';
import { DEFAULT_PLATFORM_SCOPES, aggregatesReadableWith } from './aggregate-scopes.js';
import { EVENT_CONSUMERS, durableNameOf, purposeNameOf } from './event-consumers.js';

/** The NATS user district platforms read the stream with: consumes, publishes nothing. */
export const PLATFORM_NATS_USER = 'platform';

export interface NatsPermissions {
  publish: { allow: string[]; deny: string[] };
  subscribe: { allow: string[]; deny: string[] };
}

/** Where replies to a user's requests arrive: one prefix per user, so no user can read another's replies. */
export function inboxPrefixOf(user: string): string {
  return `_INBOX_${user}`;
}

const API = `$JS.API`;
/** Where consumers put events they cannot apply (libs/messaging dead-letter.ts), one subject per service. */
export const DEAD_LETTER_STREAM_NAME = 'SHEQU_DEAD_LETTER';
export const DEAD_LETTER_SUBJECT_PREFIX = 'shequ_dead_letter';
/** The registry of API keys every subgraph follows (an ordered consumer with a generated name). */
const API_KEY_SUBJECTS = `${SUBJECT_PREFIX}.residents.api_key.>`;

/**
 * Aggregates a platform may follow with these scopes (aggregate-scopes.ts): those whose every needed scope is
 * granted, never audit entries or the key registry. By default no aggregate whose events name a person.
 */
export function platformSubjects(scopes: readonly string[] = DEFAULT_PLATFORM_SCOPES): string[] {
  return aggregatesReadableWith(scopes)
    .map(({ source, aggregate }) => `${SUBJECT_PREFIX}.${source}.${aggregate}.>`)
    .sort();
}

/**
 * Every durable consumer name the services use, and those of the former per-purpose layout (a durable of that name
 * made by someone else would hand its position to the service's migration): nobody else may create, pull from, ack
 * on or delete them.
 */
function serviceDurables(except?: ServiceName): string[] {
  const others = EVENT_CONSUMERS.filter((c) => c.service !== except);
  return [...new Set([...others.map(durableNameOf), ...others.map(purposeNameOf)])];
}

function denyOthersDurables(durables: string[]): string[] {
  return durables.flatMap((d) => [...denyReading(d), `${API}.CONSUMER.DELETE.${STREAM_NAME}.${d}`]);
}

function denyReading(durable: string): string[] {
  return [
    `${API}.CONSUMER.CREATE.${STREAM_NAME}.${durable}`,
    `${API}.CONSUMER.CREATE.${STREAM_NAME}.${durable}.>`,
    `${API}.CONSUMER.DURABLE.CREATE.${STREAM_NAME}.${durable}`,
    `${API}.CONSUMER.MSG.NEXT.${STREAM_NAME}.${durable}`,
    `$JS.ACK.${STREAM_NAME}.${durable}.>`,
  ];
}

/**
 * A service publishes only `shequ.<service>.>`; it may ensure the stream (create it when missing, never change
 * it), create and pull its own durable consumers, one per source (with their filter subject in the API subject, so
 * the server holds the filter to it), look at and delete the per-purpose durables it had before (never read them),
 * follow the API-key registry with an ordered consumer, and read replies on its own inbox.
 */
export function serviceNatsPermissions(service: ServiceName): NatsPermissions {
  const ownPurposes = EVENT_CONSUMERS.filter((c) => c.service === service);
  const own = ownPurposes.filter((c, i) => ownPurposes.findIndex((d) => d.source === c.source) === i);
  const formers = ownPurposes.map(purposeNameOf);
  return {
    publish: {
      allow: [
        `${SUBJECT_PREFIX}.${service}.>`,
        `${API}.INFO`,
        `${API}.STREAM.INFO.${STREAM_NAME}`,
        `${API}.STREAM.CREATE.${STREAM_NAME}`,
        // the relay, after a restart, reads what this service already published (an ordered consumer)
        `${API}.CONSUMER.CREATE.${STREAM_NAME}.*.${SUBJECT_PREFIX}.${service}.>`,
        // no STREAM.MSG.GET / DIRECT.GET on the stream: they name the message in their body (any sequence, any
        // subject), so they would read every service's events and the audit entries; the API-key projection finds the
        // newest registry message with an ordered consumer on the registry's subjects (below)
        // dead letters: events this service's consumers could not apply
        `${DEAD_LETTER_SUBJECT_PREFIX}.${service}.>`,
        `${API}.STREAM.INFO.${DEAD_LETTER_STREAM_NAME}`,
        `${API}.STREAM.CREATE.${DEAD_LETTER_STREAM_NAME}`,
        // `npm run dead-letters -- list|replay` as the service's user: read a letter, remove it once replayed
        `${API}.STREAM.MSG.GET.${DEAD_LETTER_STREAM_NAME}`,
        `${API}.STREAM.MSG.DELETE.${DEAD_LETTER_STREAM_NAME}`,
        ...own.flatMap((c) => {
          const durable = durableNameOf(c);
          return [
            `${API}.CONSUMER.CREATE.${STREAM_NAME}.${durable}.${SUBJECT_PREFIX}.${c.source}.>`,
            `${API}.CONSUMER.INFO.${STREAM_NAME}.${durable}`,
            `${API}.CONSUMER.MSG.NEXT.${STREAM_NAME}.${durable}`,
            `$JS.ACK.${STREAM_NAME}.${durable}.>`,
            // moved back to where its slowest purpose stood when a purpose is added
            `${API}.CONSUMER.DELETE.${STREAM_NAME}.${durable}`,
          ];
        }),
        // the migration from one durable per purpose: their positions read, then they are deleted
        ...formers.flatMap((former) => [
          `${API}.CONSUMER.INFO.${STREAM_NAME}.${former}`,
          `${API}.CONSUMER.DELETE.${STREAM_NAME}.${former}`,
        ]),
        // the API-key registry, read by an ordered consumer whose name the client generates
        `${API}.CONSUMER.CREATE.${STREAM_NAME}.*.${API_KEY_SUBJECTS}`,
        `${API}.CONSUMER.INFO.${STREAM_NAME}.*`,
        `${API}.CONSUMER.MSG.NEXT.${STREAM_NAME}.*`,
        `${API}.CONSUMER.DELETE.${STREAM_NAME}.*`,
      ],
      // its former durables are only looked at and deleted (the ordered consumers' patterns would allow more)
      deny: [...denyOthersDurables(serviceDurables(service)), ...formers.flatMap(denyReading)],
    },
    subscribe: { allow: [`${inboxPrefixOf(service)}.>`], deny: [] },
  };
}

/**
 * District platforms: pull consumers (any name but the services' durables) on the subjects the granted scopes
 * read (platformSubjects), never audit entries or the key registry; acks on them; no publishing of events, no
 * stream changes.
 */
export function platformNatsPermissions(scopes: readonly string[] = DEFAULT_PLATFORM_SCOPES): NatsPermissions {
  return {
    publish: {
      allow: [
        `${API}.INFO`,
        `${API}.STREAM.INFO.${STREAM_NAME}`,
        ...platformSubjects(scopes).map((subjects) => `${API}.CONSUMER.CREATE.${STREAM_NAME}.*.${subjects}`),
        `${API}.CONSUMER.INFO.${STREAM_NAME}.*`,
        `${API}.CONSUMER.MSG.NEXT.${STREAM_NAME}.*`,
        `${API}.CONSUMER.DELETE.${STREAM_NAME}.*`,
        `$JS.ACK.${STREAM_NAME}.*.>`,
      ],
      deny: denyOthersDurables(serviceDurables()),
    },
    subscribe: { allow: [`${inboxPrefixOf(PLATFORM_NATS_USER)}.>`, '_INBOX.>'], deny: [] },
  };
}

export const NATS_USERS: readonly string[] = [...ServiceNames, PLATFORM_NATS_USER];

/** A user's permissions; `platformScopes` is what the deployment grants the platform user. */
export function natsPermissionsOf(
  user: string,
  platformScopes: readonly string[] = DEFAULT_PLATFORM_SCOPES,
): NatsPermissions {
  return user === PLATFORM_NATS_USER
    ? platformNatsPermissions(platformScopes)
    : serviceNatsPermissions(user as ServiceName);
}
