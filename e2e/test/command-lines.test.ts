import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT } from './system.js';

/*
 * The project's commands read their arguments one way (libs/errors `readCommandLine`): `--help` prints the usage
 * and exits 0; bad input says what is wrong in Chinese, with the usage, and exits 2 — never a stack trace, and
 * nothing is started or written (the commands below fail before opening a database or NATS).
 */
const COMMANDS = {
  token: 'libs/auth/dist/cli/dev-token.js',
  generate: 'scripts/generate.mjs',
  import: 'services/residents/dist/cli/import-residents.js',
  'dead-letters': 'libs/messaging/dist/cli/dead-letters.js',
} as const;

function run(command: keyof typeof COMMANDS, args: string[]) {
  const result = spawnSync(process.execPath, [`${ROOT}${COMMANDS[command]}`, ...args], {
    encoding: 'utf8',
    // no database or NATS within reach: a command that went on past its arguments would fail differently
    env: { ...process.env, SHEQU_DATA_DIR: '/nonexistent/shequ', NATS_URL: 'nats://127.0.0.1:1' },
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe.each(Object.keys(COMMANDS) as Array<keyof typeof COMMANDS>)('npm run %s', (command) => {
  it('prints its usage in Chinese for --help and exits 0', () => {
    const { status, out, err } = run(command, ['--help']);
    expect(err).toBe('');
    expect(out).toMatch(new RegExp(`^用法：npm run ${command} -- `));
    expect(status).toBe(0);
  });

  it('refuses an unknown option with the usage and exit code 2, without a stack trace', () => {
    const { status, out, err } = run(command, ['--bogus', 'list']);
    expect(out).toBe('');
    expect(err).toMatch(/^参数有误：未知选项 --bogus\n用法：npm run /);
    expect(err).not.toMatch(/\n\s+at /);
    expect(status).toBe(2);
  });
});

describe('each command’s own checks', () => {
  it.each([
    ['token', ['--role', 'nobody'], '未知角色 nobody'],
    ['token', [], '须给出至少一个 --role'],
    ['token', ['--role'], '选项 --role 缺少取值'],
    ['generate', ['--residents', 'abc'], '--residents 须为正整数，收到 abc'],
    ['generate', ['--today', '2026-02-30'], '--today 须为 YYYY-MM-DD 日期，收到 2026-02-30'],
    ['generate', ['1000'], '多余的参数 1000'],
    ['import', [], '须给出要导入的文件'],
    ['import', ['a.csv', 'b.csv'], '只能导入一个文件，收到 2 个'],
    ['import', ['/nonexistent/residents.csv'], '无法读取 /nonexistent/residents.csv'],
    ['import', ['x.csv', '--format', 'XLSX'], '未知格式 XLSX'],
    ['dead-letters', ['drop'], '未知命令 drop'],
    ['dead-letters', ['list', 'cases__residents', 'more'], '多余的参数 more'],
  ] as const)('%s %j: %s', (command, args, problem) => {
    const { status, out, err } = run(command, [...args]);
    expect(out).toBe('');
    expect(err.startsWith(`参数有误：${problem}`), err).toBe(true);
    expect(err).toContain(`用法：npm run ${command} -- `);
    expect(err).not.toMatch(/\n\s+at /);
    expect(status).toBe(2);
  });
});
