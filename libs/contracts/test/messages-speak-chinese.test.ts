import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaseStatuses, labelOf, labelsOf, PartyMemberStages, vocabulary } from '../src/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Names that hold a code of a vocabulary (a status, a stage, a level, a channel …). A Chinese message or timeline text
 * that interpolates one of them as it is shows «当前阶段为「APPLICANT」» to a worker; it must go through `labelOf`.
 */
const CODE_NAMES =
  /(^|\.)(status|stage|level|parentLevel|wrongChild|type|channel|category|department|outcome|direction|action|kind|grade|audience|housing|residenceType|relationToHead|gender|priority|role|from|to|closedBy)$/;
const CHINESE = /[\u4e00-\u9fff]/;
/**
 * «「开放报名」（OPEN）», «活动已取消（CANCELLED）»: a label followed by its raw code, as rendered or as written in the
 * source (an environment variable's name in brackets is not a code).
 */
const LABEL_THEN_CODE = /[\u4e00-\u9fff」]（(?!SHEQU_)[A-Z][A-Z_]+）/;
/** A plain value (not a call such as `labelOf(…)`) right after a label in brackets: «「${label}」（${status}）». */
const LABEL_THEN_HOLE = /」（\$\{\s*([\w.[\]]+)\s*\}）/g;
/** Values that hold Chinese text, not a code (a field's description next to its label). */
const TEXT_NAMES = /(description|label|name|title|reason|note)$/i;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'migrations', 'gql'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

/** Every `${…}` of a Chinese template literal in the source of the services, the libraries and the gateway. */
function rawCodesInMessages(): string[] {
  const roots = ['services', 'libs', 'gateway'].flatMap((top) => {
    const base = join(REPO, top);
    const packages = top === 'gateway' ? [base] : readdirSync(base).map((d) => join(base, d));
    return packages.map((p) => join(p, 'src')).filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory());
  });
  const found: string[] = [];
  for (const root of roots)
    for (const file of sourceFiles(root)) {
      for (const literal of readFileSync(file, 'utf8').matchAll(/`([^`]*)`/g)) {
        const text = literal[1];
        // an unknown code echoed back next to the list of what is expected is what the caller needs to see
        if (!CHINESE.test(text) || text.includes('labelsOf(')) continue;
        for (const hole of text.matchAll(/\$\{([^}]*)\}/g))
          if (CODE_NAMES.test(hole[1].trim())) found.push(`${relative(REPO, file)}: ${hole[1].trim()} in «${text}»`);
        found.push(...labelThenCode(text).map((hole) => `${relative(REPO, file)}: 」（${hole}） in «${text}»`));
      }
      for (const literal of readFileSync(file, 'utf8').matchAll(/'([^'\n]*)'/g))
        if (LABEL_THEN_CODE.test(literal[1])) found.push(`${relative(REPO, file)}: «${literal[1]}»`);
    }
  return found;
}

/** Codes shown after their label: «」（OPEN）» written out, or «」（${status}）» with a plain value that is no text. */
function labelThenCode(text: string): string[] {
  const written = LABEL_THEN_CODE.exec(text)?.[0];
  const holes = [...text.matchAll(LABEL_THEN_HOLE)].map((h) => h[1]).filter((hole) => !TEXT_NAMES.test(hole));
  return [...(written ? [written] : []), ...holes.map((hole) => `\${${hole}}`)];
}

describe('messages speak Chinese all the way', () => {
  it('no Chinese message or timeline text interpolates a raw vocabulary code (use labelOf)', () => {
    expect(rawCodesInMessages()).toEqual([]);
  });

  it('the scan would catch the faults the acceptance walk found', () => {
    const scan = (text: string) => [...text.matchAll(/\$\{([^}]*)\}/g)].filter((h) => CODE_NAMES.test(h[1].trim()));
    expect(scan('当前阶段为「${member.stage}」')).toHaveLength(1);
    expect(scan('「${organization.level}」不召开「${command.type}」')).toHaveLength(2);
    expect(scan('受理渠道 ${command.channel}')).toHaveLength(1);
    expect(scan('事项当前状态为 ${record.status}')).toHaveLength(1);
    expect(scan('当前阶段为「${labelOf(PartyMemberStages, member.stage)}」')).toHaveLength(0);
    // a label followed by its raw code: «活动当前状态为「开放报名」（OPEN）»
    expect(
      labelThenCode('活动当前状态为「${CommunityEventStatuses.labels[current]}」（${current}），不能取消'),
    ).toEqual(['${current}']);
    expect(labelThenCode('活动当前状态为「开放报名」（OPEN），不接受报名')).toEqual(['」（OPEN）']);
    expect(labelThenCode('活动已取消（CANCELLED），不能再安排志愿岗位')).toEqual(['消（CANCELLED）']);
    expect(labelThenCode('活动当前状态为「${labelOf(CommunityEventStatuses, current)}」，不接受报名')).toEqual([]);
    expect(labelThenCode('请填写「${attribute.label}」（${attribute.description}）')).toEqual([]);
  });

  it('labelOf gives the Chinese label of a code, and shows anything else as received', () => {
    expect(labelOf(PartyMemberStages, 'APPLICANT')).toBe('入党申请人');
    expect(labelOf(CaseStatuses, 'ASSIGNED')).toBe(CaseStatuses.labels.ASSIGNED);
    expect(labelOf(CaseStatuses, 'NO_SUCH')).toBe('NO_SUCH');
    expect(labelOf(CaseStatuses, null)).toBe('（空）');
    expect(labelsOf(vocabulary({ A: '甲', B: '乙' }))).toBe('甲（A）、乙（B）');
  });
});
