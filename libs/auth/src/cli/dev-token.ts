import { readCommandLine, refuseCommandLine } from '@shequ/errors';
import { jwtSettingsFromEnv, signHs256Token } from '../jwt.js';
import { USER_ROLE_NAMES, isUserRole } from '../roles.js';

const USAGE = `用法：npm run token -- --role <角色> [--role <角色>]… [--grid <网格编码>]… [--community <社区、街道或区代码>] [--name <姓名>] [--department <部门代码>] [--subject <账号>] [--expires 8h]
  打印一个开发用令牌（HS256，默认 8 小时）。角色：${USER_ROLE_NAMES.join('、')}
  默认地点：区级管理员为思明区（350203），街道管理员为嘉莲街道（350203008），其余为莲秀社区（350203008006）。`;

const { values } = readCommandLine(USAGE, {
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
const unknown = roles.filter((r) => !isUserRole(r));
if (roles.length === 0) refuseCommandLine('须给出至少一个 --role', USAGE);
if (unknown.length > 0) refuseCommandLine(`未知角色 ${unknown.join('、')}`, USAGE);
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
    roles: roles.filter(isUserRole),
    grids: values.grid ?? [],
  },
  jwtSettingsFromEnv(),
  values.expires,
);
console.log(token);
