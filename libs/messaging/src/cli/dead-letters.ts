import { listDeadLetters, replayDeadLetters } from '../dead-letter.js';
import { NatsBus } from '../nats-bus.js';

// `npm run dead-letters -- list [consumer]` / `npm run dead-letters -- replay [consumer]`
// NATS from NATS_URL, else nats://127.0.0.1:$NATS_PORT (4222).
const [command, consumer] = process.argv.slice(2);
if (command !== 'list' && command !== 'replay') {
  console.error(
    'usage: npm run dead-letters -- list|replay [<consumer>: a purpose, e.g. cases__residents or cases__webhooks__residents]',
  );
  process.exit(2);
}
const bus = new NatsBus({
  servers: process.env.NATS_URL ?? `nats://127.0.0.1:${process.env.NATS_PORT ?? 4222}`,
  name: 'dead-letters-cli',
  // a replay publishes on the event's own subject: run it as the NATS user of the service that published it
  credentials: process.env.NATS_USER
    ? { user: process.env.NATS_USER, seed: process.env.NATS_NKEY_SEED ?? '' }
    : undefined,
});
try {
  await bus.firstConnection;
  if (command === 'list') {
    const letters = await listDeadLetters(bus, { consumer });
    for (const letter of letters) {
      const { payload: _payload, ...summary } = letter;
      console.log(JSON.stringify(summary));
    }
    console.log(`${letters.length} dead letter(s)`);
  } else {
    console.log(`${await replayDeadLetters(bus, { consumer })} dead letter(s) replayed`);
  }
} finally {
  await bus.close();
}
