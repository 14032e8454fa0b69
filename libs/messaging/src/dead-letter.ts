import { RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { NatsBus } from './nats-bus.js';
import { DEAD_LETTER_STREAM_NAME, DEAD_LETTER_SUBJECT_PREFIX } from '@shequ/contracts';

/**
 * Dead letters: an event a consumer could not apply (after its deliveries, or unreadable, or not matching its
 * schema) is published to `shequ_dead_letter.<service>.<consumer>` in the stream `SHEQU_DEAD_LETTER` (its own
 * stream: the subjects must not overlap `shequ.>`), with the reason, and acknowledged. `npm run dead-letters`
 * lists them and replays them once the fault is fixed.
 */
/** Declared in @shequ/contracts with the NATS permissions that allow publishing there. */
export const DEAD_LETTER_STREAM = DEAD_LETTER_STREAM_NAME;
export const DEAD_LETTER_PREFIX = DEAD_LETTER_SUBJECT_PREFIX;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DeadLetter {
  /** The purpose that gave up (`EventConsumer.name`), e.g. `cases__residents` or `cases__webhooks__residents`. */
  consumer: string;
  service: string;
  /** Original subject and stream sequence of the event in `SHEQU`. */
  subject: string;
  streamSequence: number;
  eventId: string | null;
  eventType: string | null;
  deliveries: number;
  /** Why: the handler's error message, or what is wrong with the message. */
  reason: string;
  failedAt: string;
  /** The message as received (an envelope: ids, places, categories, no personal data). */
  payload: string;
}

export function deadLetterSubject(service: string, consumer: string): string {
  return `${DEAD_LETTER_PREFIX}.${service}.${consumer}`;
}

/** Creates the dead-letter stream when missing (file storage, kept a year). */
export async function ensureDeadLetterStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(DEAD_LETTER_STREAM);
    return;
  } catch {
    // not there yet
  }
  await jsm.streams
    .add({
      name: DEAD_LETTER_STREAM,
      subjects: [`${DEAD_LETTER_PREFIX}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(365 * DAY_MS),
    })
    .catch(async (error) => {
      await jsm.streams.info(DEAD_LETTER_STREAM).catch(() => {
        throw error;
      });
    });
}

/** Publishes one dead letter (message id: consumer and stream sequence, so a retry is not stored twice). */
export async function publishDeadLetter(bus: NatsBus, letter: DeadLetter): Promise<void> {
  await ensureDeadLetterStream(await bus.jetstreamManager());
  await bus.publish(
    deadLetterSubject(letter.service, letter.consumer),
    JSON.stringify(letter),
    `${letter.consumer}:${letter.streamSequence}`,
  );
}

export interface StoredDeadLetter extends DeadLetter {
  /** Sequence in `SHEQU_DEAD_LETTER` (to delete it after a replay). */
  sequence: number;
}

/** Every dead letter kept, oldest first (optionally of one consumer). */
export async function listDeadLetters(bus: NatsBus, filter: { consumer?: string } = {}): Promise<StoredDeadLetter[]> {
  const jsm = await bus.jetstreamManager();
  await ensureDeadLetterStream(jsm);
  const { state } = await jsm.streams.info(DEAD_LETTER_STREAM);
  const letters: StoredDeadLetter[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq }).catch(() => null);
    if (!message) continue; // deleted after an earlier replay
    const letter = JSON.parse(new TextDecoder().decode(message.data)) as DeadLetter;
    if (filter.consumer && letter.consumer !== filter.consumer) continue;
    letters.push({ ...letter, sequence: seq });
  }
  return letters;
}

/**
 * Replays dead letters once the fault is fixed: each original message is published again on its subject
 * (a new message id, so the stream's dedup window does not drop it) and the dead letter is deleted. Consumers
 * that applied the event already skip it (inbox: same event id; record versions), the one that failed applies it.
 */
export async function replayDeadLetters(bus: NatsBus, filter: { consumer?: string } = {}): Promise<number> {
  const jsm = await bus.jetstreamManager();
  let replayed = 0;
  for (const letter of await listDeadLetters(bus, filter)) {
    await bus.publish(
      letter.subject,
      letter.payload,
      `${letter.eventId ?? letter.streamSequence}:replay:${letter.sequence}`,
    );
    await jsm.streams.deleteMessage(DEAD_LETTER_STREAM, letter.sequence);
    replayed += 1;
  }
  return replayed;
}

export interface DeadLetterStats {
  /** Dead letters kept per consumer of `service` (subject `shequ_dead_letter.<service>.<consumer>`). */
  byConsumer: Array<{ consumer: string; letters: number }>;
  /** Age in seconds of the oldest dead letter in the stream (any service; 0 when empty). */
  oldestAgeSeconds: number;
}

/** Sizes of the dead-letter stream for `/metrics`: letters per consumer of this service, age of the oldest. */
export async function deadLetterStats(bus: NatsBus, service: string, now: Date): Promise<DeadLetterStats> {
  const jsm = await bus.jetstreamManager();
  const prefix = `${DEAD_LETTER_PREFIX}.${service}.`;
  const info = await jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: `${prefix}>` }).catch(() => undefined);
  if (!info) return { byConsumer: [], oldestAgeSeconds: 0 };
  const subjects = info.state.subjects ?? {};
  const first = info.state.messages > 0 ? Date.parse(info.state.first_ts) : NaN;
  return {
    byConsumer: Object.entries(subjects).map(([subject, letters]) => ({
      consumer: subject.slice(prefix.length),
      letters,
    })),
    oldestAgeSeconds: Number.isFinite(first) ? Math.max(0, (now.getTime() - first) / 1000) : 0,
  };
}
