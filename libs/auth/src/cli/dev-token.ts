import { parseArgs } from 'node:util';
import { jwtSettingsFromEnv, signHs256Token } from '../jwt.js';
import { ROLE_NAMES, isRole } from '../roles.js';

// npm run token -- --role <role> [--grid <code>]… [--community <code>] [--name <name>] [--department <code>] [--expires 8h]
const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    grid: { type: 'string', multiple: true },
    community: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});
const roles = values.role ?? [];
const unknown = roles.filter((r) => !isRole(r));
if (roles.length === 0 || unknown.length > 0) {
  console.error(
    `usage: npm run token -- --role <role> [--grid <code>] [--community <code>]\n  roles: ${ROLE_NAMES.join(', ')}`,
  );
  if (unknown.length) console.error(`  unknown role: ${unknown.join(', ')}`);
  process.exit(2);
}
// by default the demo's place at the roles' level (a token's claim must fit its roles): 思明区 for a district
// admin, 嘉莲街道 for a street admin, else 莲秀社区
const community =
  values.community ??
  (roles.includes('district_admin') ? '350203' : roles.includes('street_admin') ? '350203008' : '350203008006');
const token = await signHs256Token(
  {
    sub: values.subject ?? `dev-${roles.join('+')}`,
    name: values.name ?? `开发用户（${roles.join('、')}）`,
    community,
    department: values.department ?? null,
    roles: roles.filter(isRole),
    grids: values.grid ?? [],
  },
  jwtSettingsFromEnv(),
  values.expires,
);
console.log(token);
