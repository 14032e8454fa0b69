import type { EntityManager } from '@mikro-orm/core';
import {
  controlledTableSize,
  crossTableGroupList,
  crossTableStrides,
  disclosureThreshold,
  type ControlledCount,
} from '@shequ/auth';
import { communityScopeSql, forEachRow, listMatch, runPrepared, type CommunityIdScope } from '@shequ/database';
import { addMonths, type PartyMeetingType } from '@shequ/contracts';
import { meetingCompliance, type HeldMeeting } from '../domain/meeting-compliance.js';
import {
  AGE_BANDS,
  orderPartyStatistics,
  partyStatisticsKey,
  type PartyStatisticsGroup,
  type PartyStatisticsKey,
} from '../domain/party-statistics.js';
import type { PartyStatisticsDimension } from '../domain/vocabularies.js';
import { PartyOrganization } from '../entities/index.js';

/**
 * The smallest rollup table that keeps the chosen dimensions: the birth date only for age bands, the branch only for
 * organisations (a district's ~46,000 members are ~10,900 groups with branches, ~1,300 without).
 */
function rollupTable(groupBy: readonly PartyStatisticsDimension[]): string {
  if (groupBy.includes('AGE_BAND')) return 'party_member_rollup';
  return groupBy.includes('ORGANIZATION') ? 'party_member_stage_rollup' : 'party_member_community_rollup';
}

/**
 * Counts of active members grouped by the chosen dimensions (keys in the order of `groupBy`, branches by id with
 * their name; never people), by the database over
 * the rollup (`PartyMemberRollup`, kept with every write; without age bands its sums without the birth date,
 * `PartyMemberStageRollup`, and without organisations also without the branch, `PartyMemberCommunityRollup`):
 * groups are read, not member rows; age bands from
 * birth-date cutoffs of `today` (the rule of `ageBandOf` in domain/party-statistics.ts), so nothing goes stale
 * and memory holds the groups only.
 */
export async function partyStatistics(
  em: EntityManager,
  where: { communityId: unknown },
  groupBy: readonly PartyStatisticsDimension[],
  today: string,
  /** False: the groups in no particular order. */
  ordered = true,
): Promise<PartyStatisticsGroup[]> {
  const dimensions = [...new Set(groupBy)];
  const width = dimensions.length;
  const { keysMet, numbers } = await readPartyStatistics(em, where, dimensions, today);
  // rows whose keys are the same (ids that are no branch all fall under «未知») are one group
  const groups = new Map<string, PartyStatisticsGroup>();
  for (let row = 0; row < numbers.length; row += width + 1) {
    const keys = dimensions.map((_, i) => keysMet[i][numbers[row + i]]);
    const line = keys.map((key) => key.value).join('\u0000');
    const group = groups.get(line);
    if (group) group.count += numbers[row + width];
    else groups.set(line, { keys, count: numbers[row + width] });
  }
  return ordered ? orderPartyStatistics([...groups.values()]) : [...groups.values()];
}

/**
 * `partyStatistics` under disclosure control (`controlPartyStatistics`) straight from the SQL rows as they arrive
 * (`readPartyStatistics`: none is kept, each row folded into numbers): the values are put in their natural order,
 * the rows' counts added into the cross table and each answer group built from the verdicts by `make` only as the
 * answer is copied (libs/auth `crossTableGroupList`, a list made as it is read) — no object per row kept, no group
 * per row, no figure object per cell, and never every group at once. The same groups, in the same order, as
 * `controlPartyStatistics(await partyStatistics(…))`.
 */
export async function controlledPartyStatistics<G = { keys: PartyStatisticsKey[] } & ControlledCount>(
  em: EntityManager,
  where: { communityId: unknown },
  groupBy: readonly PartyStatisticsDimension[],
  today: string,
  make?: (keys: PartyStatisticsKey[], count: number | null, suppressed: string | null) => G,
): Promise<Iterable<G> & { readonly length: number }> {
  const dimensions = [...new Set(groupBy)];
  const width = dimensions.length;
  const { keysMet, numbers } = await readPartyStatistics(em, where, dimensions, today);
  const keyAt = (row: number, i: number) => keysMet[i][numbers[row * (width + 1) + i]];
  return controlledTable(width, numbers.length / (width + 1), keyAt, (row) => numbers[row * (width + 1) + width], make);
}

/**
 * The rollup's groups of `partyStatistics`, folded as the rows arrive (`forEachRow`, none kept): per dimension the
 * values met, numbered in the order met, each value's key built once; per row with a count its numbers and then its
 * count (`numbers`, width + 1 a row). A branch's key is its id with its name, read after the rows for the ids met
 * only (one statement, a few hundred rows at most); an id that is no branch (a member in none: '') gives «未知»,
 * so several rows may have the same keys — the callers add them up.
 */
async function readPartyStatistics(
  em: EntityManager,
  where: { communityId: unknown },
  dimensions: readonly PartyStatisticsDimension[],
  today: string,
): Promise<{ keysMet: PartyStatisticsKey[][]; numbers: number[] }> {
  const width = dimensions.length;
  const statement = partyStatisticsStatement(where, dimensions, today);
  const met = dimensions.map(() => new Map<string | null, number>());
  const raws: Array<Array<string | null>> = dimensions.map(() => []);
  const numbers: number[] = [];
  await forEachRow(em, statement.sql, statement.params, (row) => {
    const count = Number(row[width]);
    if (!(count > 0)) return;
    for (let i = 0; i < width; i++) {
      const raw = text(row[i]);
      let number = met[i].get(raw);
      if (number === undefined) {
        number = raws[i].push(raw) - 1;
        met[i].set(raw, number);
      }
      numbers.push(number);
    }
    numbers.push(count);
  });
  const branch = dimensions.indexOf('ORGANIZATION');
  const names = branch >= 0 ? await branchNames(em, raws[branch]) : new Map<string, string>();
  const keysMet = dimensions.map((dimension, i) =>
    raws[i].map((raw) =>
      dimension === 'ORGANIZATION'
        ? raw !== null && names.has(raw)
          ? partyStatisticsKey(dimension, raw, names.get(raw))
          : partyStatisticsKey(dimension, null)
        : partyStatisticsKey(dimension, raw),
    ),
  );
  return { keysMet, numbers };
}

/** The names of the branches among `ids` (an id of no branch is left out), in one statement. */
async function branchNames(em: EntityManager, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => !!id);
  if (wanted.length === 0) return new Map();
  const match = listMatch(em, '"id"', wanted);
  const rows = await runPrepared(
    em,
    `select "id", "name" from "party_organization" where "level" = 'BRANCH' and ${match.sql}`,
    [match.param],
  );
  return new Map(rows.map((row) => [String(row.id), String(row.name)]));
}

/**
 * Party statistics as a caller may see them. Party membership is protected data: for a caller who may not read
 * party members (analysts), the table is completed with every combination of the values present (zero cells
 * too, so a group's presence tells nothing) and put through disclosure control (libs/auth): cells below the
 * threshold are null with a reason, with secondary suppression along every dimension. Groups keep their keys and
 * come in the natural order. A table of more combinations than `MAX_CONTROLLED_GROUPS` (libs/auth, shared by the
 * services) is refused with an `InvalidInputError` on `groupBy` (分组过细).
 */
export function controlPartyStatistics(
  groups: PartyStatisticsGroup[],
  protect: boolean,
): Array<{ keys: PartyStatisticsKey[] } & ControlledCount> {
  if (!protect) return groups.map((g) => ({ ...g, suppressed: null }));
  return Array.from(
    controlledTable(
      groups.length ? groups[0].keys.length : 0,
      groups.length,
      (group, i) => groups[group].keys[i],
      (group) => groups[group].count,
    ),
  );
}

/**
 * The controlled table of `groups` counted groups (group g's key of dimension i `keyAt(g, i)`, its count
 * `countAt(g)`, above zero): each dimension's values present, in their natural order; the cells numbered in mixed
 * radix (the last dimension fastest) are then already in the natural order of the groups, and the control works on
 * typed arrays (`crossTableGroups`), no key string or line key per cell — a district's branches × stages × types
 * (~3,300 cells at 200k residents) took 180–1,000 ms with a string per cell and line.
 */
function controlledTable<G>(
  width: number,
  groups: number,
  keyAt: (group: number, dimension: number) => PartyStatisticsKey,
  countAt: (group: number) => number,
  make?: (keys: PartyStatisticsKey[], count: number | null, suppressed: string | null) => G,
): Iterable<G> & { readonly length: number } {
  if (groups === 0) return [];
  const values = Array.from({ length: width }, (_, i) => {
    const byValue = new Map<string, PartyStatisticsKey>();
    for (let group = 0; group < groups; group++) {
      const key = keyAt(group, i);
      if (!byValue.has(key.value)) byValue.set(key.value, key);
    }
    return orderPartyStatistics([...byValue.values()].map((key) => ({ keys: [key] }))).map((g) => g.keys[0]);
  });
  const sizes = values.map((column) => column.length);
  // the table lists every combination of the values present: past the limit shared by the services
  // (`MAX_CONTROLLED_GROUPS`) it is refused on `groupBy` before a cell is built
  const size = controlledTableSize(sizes);
  const strides = crossTableStrides(sizes);
  const digitOf = values.map((column) => new Map(column.map((key, digit) => [key.value, digit])));
  const counts = new Float64Array(size);
  for (let group = 0; group < groups; group++) {
    let cell = 0;
    for (let i = 0; i < width; i++) cell += digitOf[i].get(keyAt(group, i).value)! * strides[i];
    counts[cell] += countAt(group);
  }
  return crossTableGroupList(values, counts, disclosureThreshold(), make);
}

const text = (raw: unknown) =>
  typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'bigint' ? String(raw) : null;

/**
 * The statement of `partyStatistics` over the rollup: its text and parameters; its select list is each dimension's
 * value in order (a branch's id), then the group's count. One `group by` over the smallest rollup that keeps the
 * dimensions — the branches' names are read apart (`branchNames`): joined here, they cost a second hash and
 * aggregation of every group (10 of 19 ms for a district's branches × stages × types).
 */
function partyStatisticsStatement(
  where: { communityId: unknown },
  dimensions: readonly PartyStatisticsDimension[],
  today: string,
): { sql: string; params: unknown[] } {
  const scope = communityScopeSql('g."community_id"', where.communityId as CommunityIdScope);
  const bands = AGE_BANDS.filter((band) => band.max !== Infinity);
  // each dimension's column in the rollup
  const columns: Record<PartyStatisticsDimension, string> = {
    ORGANIZATION: 'g."branch_id"',
    STAGE: 'g."stage"',
    MEMBER_TYPE: 'g."member_type"',
    AGE_BAND: `case when g."birth_date" = '' then null ${bands
      .map((band) => `when g."birth_date" > ? then '${band.code}'`)
      .join(' ')} else '${AGE_BANDS[AGE_BANDS.length - 1].code}' end`,
    GENDER: `case when g."gender" = '' then null else g."gender" end`,
  };
  const select = dimensions.map((d) => columns[d]);
  return {
    sql: `select ${[...select, 'sum(g."n")'].join(', ')} from "${rollupTable(dimensions)}" g where ${scope.text}
       ${select.length ? `group by ${select.map((_, i) => i + 1).join(', ')}` : ''}`,
    params: [
      ...(dimensions.includes('AGE_BAND') ? bands.map((band) => addMonths(today, -12 * (band.max + 1))) : []),
      ...scope.params,
    ],
  };
}

/**
 * Per branch: the share of ended periods in which each requirement was met (no personal data). Answered from the
 * months in which each organisation held each type of meeting (`group by`: at most organisations × types × 12 rows,
 * however many meetings), with the branches and their 党小组 of the caller's scope: three statements, whatever the
 * number of branches; the rule is the one of `meetingCompliance` (domain/meeting-compliance.ts).
 */
export async function complianceByBranch(
  em: EntityManager,
  where: { communityId: unknown },
  year: number,
  today: string,
) {
  const scope = where.communityId as CommunityIdScope;
  const organizations = (await em.find(PartyOrganization, { ...where, level: { $in: ['BRANCH', 'GROUP'] } } as never, {
    fields: ['id', 'name', 'level', 'parent'],
    orderBy: { name: 'asc', id: 'asc' },
  })) as PartyOrganization[];
  const meetingScope = communityScopeSql('"community_id"', scope);
  const held = (await em.getConnection().execute(
    `select "organization_id" as "organizationId", "type", substr("held_on", 1, 7) as "month"
     from "party_meeting"
     where ${meetingScope.text} and "held_on" >= ? and "held_on" <= ?
     group by "organization_id", "type", substr("held_on", 1, 7)`,
    [...meetingScope.params, `${year}-01-01`, `${year}-12-31`],
  )) as Array<{ organizationId: string; type: string; month: string }>;
  const meetingsOf = new Map<string, HeldMeeting[]>();
  for (const row of held) {
    const list = meetingsOf.get(row.organizationId) ?? [];
    list.push({ type: row.type as PartyMeetingType, heldOn: `${row.month}-01`, organizationId: row.organizationId });
    meetingsOf.set(row.organizationId, list);
  }
  const groupsOf = new Map<string, string[]>();
  for (const group of organizations.filter((o) => o.level === 'GROUP' && o.parent))
    groupsOf.set(group.parent!.id, [...(groupsOf.get(group.parent!.id) ?? []), group.id]);
  return organizations
    .filter((o) => o.level === 'BRANCH')
    .map((branch) => {
      const groupIds = groupsOf.get(branch.id) ?? [];
      const meetings = [branch.id, ...groupIds].flatMap((id) => meetingsOf.get(id) ?? []);
      const { summary } = meetingCompliance({ branchId: branch.id, groupIds, year, meetings, today });
      const required = summary.reduce((n, s) => n + s.requiredPeriods, 0);
      const met = summary.reduce((n, s) => n + s.metPeriods, 0);
      return { organizationName: branch.name, year, summary, overallRate: required ? met / required : null };
    });
}
