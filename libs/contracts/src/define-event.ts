import type { Static, TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { SUBJECT_PREFIX, type EventEnvelope, type ServiceName } from './envelope.js';

export interface EventDefinition<S extends TObject = TObject> {
  readonly source: ServiceName;
  /** `<aggregate>.<event>`, e.g. `resident.registered` */
  readonly type: string;
  /** `shequ.<source>.<aggregate>.<event>` */
  readonly subject: string;
  readonly version: number;
  /** The aggregate (record kind) the event belongs to, e.g. `resident`. */
  readonly aggregate: string;
  /**
   * Payload fields whose values, joined by `:`, identify the record (the envelope's `aggregateId`);
   * by default `<aggregate in camelCase>Id`, e.g. `residentId`.
   */
  readonly aggregateIdFields: readonly string[];
  /** The record's id in a payload of this event. */
  aggregateIdOf(data: unknown): string;
  /** 中文说明 */
  readonly description: string;
  readonly data: S;
  /** Checks a payload against the schema; returns the first problem or null. */
  check(data: unknown): string | null;
}

export type EventData<D extends EventDefinition> = Static<D['data']>;
export type EventOf<D extends EventDefinition> = EventEnvelope<EventData<D>>;

export function defineEvent<S extends TObject>(def: {
  source: ServiceName;
  aggregate: string;
  name: string;
  version?: number;
  /** Payload fields naming the record, when not `<aggregate>Id`. */
  aggregateId?: readonly (keyof Static<S> & string)[];
  description: string;
  data: S;
}): EventDefinition<S> {
  const type = `${def.aggregate}.${def.name}`;
  const aggregateIdFields = Object.freeze([...(def.aggregateId ?? [`${camelCase(def.aggregate)}Id`])]);
  let compiled: TypeCheck<S> | undefined;
  return Object.freeze({
    source: def.source,
    type,
    subject: `${SUBJECT_PREFIX}.${def.source}.${type}`,
    version: def.version ?? 1,
    aggregate: def.aggregate,
    aggregateIdFields,
    aggregateIdOf(data: unknown): string {
      const record = data as Record<string, unknown>;
      const parts = aggregateIdFields.map((field) => record[field]);
      if (parts.some((part) => typeof part !== 'string' || part === ''))
        throw new Error(`${type}: payload lacks its aggregate id (${aggregateIdFields.join(', ')})`);
      return parts.join(':');
    },
    description: def.description,
    data: def.data,
    check(data: unknown): string | null {
      compiled ??= TypeCompiler.Compile(def.data);
      if (compiled.Check(data)) return null;
      const first = compiled.Errors(data).First();
      return first ? `${first.path || '/'}: ${first.message}` : 'payload does not match its schema';
    },
  });
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
