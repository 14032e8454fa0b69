import { setImmediate } from 'node:timers/promises';

/**
 * Lets the event loop run once (HTTP requests, timers, NATS heartbeats) before going on. A consumer working
 * through a backlog on SQLite never leaves the microtask queue otherwise: better-sqlite3 answers synchronously and
 * the NATS iterator hands out buffered messages, so a service stopped answering for the whole backlog (17 s after
 * the demo seed, 30 s under CI load). With a turn after each applied event, a request waits at most for one event.
 */
export function giveTheEventLoopATurn(): Promise<void> {
  return setImmediate();
}
