import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The project's commands (`npm run token`, `npm run generate`, `npm run import`, `npm run dead-letters`) read their
 * arguments one way: `--help` (or `-h`) prints the usage and exits 0; an unknown option, a missing value or a stray
 * argument prints what is wrong in Chinese with the usage and exits 2 — never a stack trace. A value a command
 * checks itself is refused the same way with `refuseCommandLine`.
 */

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** Why the command line cannot be read, in Chinese (node's own message otherwise). */
export function commandLineProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']*)'/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message ?? '')
        ? `选项 ${quoted?.split(' ')[0] ?? ''} 缺少取值`
        : `选项 ${quoted?.split(' ')[0] ?? ''} 不带取值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${quoted ?? ''}`.trim();
    default:
      return message ?? String(error);
  }
}

/** Prints `problem` and the usage to stderr and exits 2. */
export function refuseCommandLine(problem: string, usage: string): never {
  console.error(`参数有误：${problem}\n${usage}`);
  process.exit(2);
}

/**
 * `parseArgs(config)` (strict; `config.args` defaults to `process.argv.slice(2)`), with `--help` printing `usage` and
 * bad input refused with it. `usage` in Chinese, first line `用法：npm run …`.
 */
export function readCommandLine<T extends ParseArgsConfig>(usage: string, config: T): Parsed<T> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ ...config, args }) as Parsed<T>;
  } catch (error) {
    return refuseCommandLine(commandLineProblem(error), usage);
  }
}
