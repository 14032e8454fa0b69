import { readCommandLine, refuseCommandLine } from '@shequ/errors';
import { listDeadLetters, replayDeadLetters } from '../dead-letter.js';
import { NatsBus } from '../nats-bus.js';

const USAGE = `用法：npm run dead-letters -- list|replay [<消费者>]
  list 列出死信（不含事件内容），replay 把死信按原主题重新发布并移除。<消费者> 为用途名，如 cases__residents、cases__webhooks__residents。
  NATS 地址取 NATS_URL，否则 nats://127.0.0.1:$NATS_PORT（默认 4222）；重新发布须以发布该事件的服务的 NATS 用户运行（NATS_USER、NATS_NKEY_SEED）。`;
const { positionals } = readCommandLine(USAGE, { options: {}, allowPositionals: true });
const [command, consumer, ...extra] = positionals;
if (command !== 'list' && command !== 'replay')
  refuseCommandLine(command ? `未知命令 ${command}：只有 list 和 replay` : '须给出命令 list 或 replay', USAGE);
if (extra.length > 0) refuseCommandLine(`多余的参数 ${extra.join(' ')}`, USAGE);
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
    console.log(`共 ${letters.length} 条死信`);
  } else {
    console.log(`已重新发布 ${await replayDeadLetters(bus, { consumer })} 条死信`);
  }
} finally {
  await bus.close();
}
