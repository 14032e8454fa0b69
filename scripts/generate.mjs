// `npm run generate -- --residents 1000000 [--cases N] [--seed S] [--today YYYY-MM-DD] [--database postgresql://…] [--data-dir DIR]`
// Builds a generated district (思明区) in each service's own database, one service after the other: residents
// (places, people, care categories), cases, 党建, 文化活动. Each writes only its own tables (the others' records it
// names come from the same deterministic plan, as residents' events would state them).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// the arguments are read once here, as each service's generator reads them: `--help` or bad input stops before any
// service starts (each would print the same usage)
const { parseGeneratorArguments } = await import('@shequ/subgraph');
const { DEMO_REFERENCE_DATE } = await import('@shequ/demo-data');
parseGeneratorArguments(args, { today: DEMO_REFERENCE_DATE });
const started = Date.now();
for (const service of ['residents', 'cases', 'partybuilding', 'events']) {
  const result = spawnSync(
    process.execPath,
    [resolve(root, 'services', service, 'dist', 'cli', 'generate-district.js'), ...args],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`✗ ${service} 生成失败（退出码 ${result.status}）`);
    process.exit(result.status ?? 1);
  }
}
console.log(`✓ 辖区数据已生成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
