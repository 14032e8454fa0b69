import { type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** One environment variable: its TypeBox schema, default, meaning and the processes that read it. */
export interface EnvironmentVariable<S extends TSchema = TSchema> {
  schema: S;
  /** Shown in the README; `undefined` when the variable is optional and has no default. */
  default?: Static<S>;
  /** How the default reads in the README when it is not a plain value (e.g. "`demo` under `npm start`"). */
  defaultText?: string;
  /** What it does (one line, for the README's configuration table). */
  meaning: string;
  usedBy: readonly string[];
}

export type EnvironmentSchema = Record<string, EnvironmentVariable>;

/** The parsed values: the default or `undefined` when a variable is not set (or set to the empty string). */
export type EnvironmentValues<E extends EnvironmentSchema> = {
  [K in keyof E]: E[K] extends { default: infer D } ? Exclude<D, undefined> : Static<E[K]['schema']> | undefined;
};

/** A variable with a value its schema rejects; the message names the variable, the value and what is expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Declares variables (identity, for type inference). */
export const defineEnvironment = <E extends EnvironmentSchema>(variables: E): E => variables;

/** Reads and checks `variables` from `env` once, at start: a bad value throws a ConfigError naming the variable. */
export function readEnvironment<E extends EnvironmentSchema>(
  variables: E,
  env: NodeJS.ProcessEnv = process.env,
): EnvironmentValues<E> {
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      values[name] = variable.default;
      continue;
    }
    const value = Value.Convert(variable.schema, raw);
    if (!Value.Check(variable.schema, value)) {
      const expected = variable.schema.description ?? JSON.stringify(variable.schema);
      throw new ConfigError(name, `${name}=${raw} is not valid: expected ${expected}`);
    }
    values[name] = value;
  }
  return values as EnvironmentValues<E>;
}

/** The subset of a schema a process reads. */
export function pickVariables<E extends EnvironmentSchema, K extends keyof E>(
  variables: E,
  names: readonly K[],
): Pick<E, K> {
  const picked = {} as Pick<E, K>;
  for (const name of names) picked[name] = variables[name];
  return picked;
}
