import type { EnvironmentSchema } from './environment.js';

export const TABLE_START =
  '<!-- configuration table: generated from ENVIRONMENT in libs/server; `npm run docs:config` -->';
export const TABLE_END = '<!-- end of configuration table -->';

const defaultOf = (variable: EnvironmentSchema[string]): string =>
  variable.defaultText ??
  (variable.default === undefined ? '—' : `\`${JSON.stringify(variable.default).replace(/^"|"$/g, '')}\``);

/** The README's configuration table (Markdown), one row per variable, in declaration order. */
export function configurationTable(variables: EnvironmentSchema): string {
  const rows = Object.entries(variables).map(
    ([name, variable]) =>
      `| \`${name}\` | ${defaultOf(variable)} | ${variable.usedBy.join(', ')} | ${variable.meaning} | ` +
      `${variable.schema.description ?? ''} |`,
  );
  return ['| variable | default | read by | meaning | accepted values |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** `readme` with the table between the markers replaced; throws when the markers are missing. */
export function withConfigurationTable(readme: string, variables: EnvironmentSchema): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no configuration table markers');
  return `${readme.slice(0, start + TABLE_START.length)}\n${configurationTable(variables)}\n${readme.slice(end)}`;
}
