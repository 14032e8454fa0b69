import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { CommunityEventType } from '@shequ/contracts';
import { communityWhere, selectedFields, type SubgraphContext } from '@shequ/subgraph';
import { controlEventStatistics } from '../application/event-statistics-disclosure.js';
import { withEventStatisticsKeys } from '../application/event-statistics-keys.js';
import { DISTINCT_MEASURES, eventStatisticsOf } from '../application/event-statistics-query.js';
import type { EventStatisticsDimension } from '../domain/vocabularies.js';
import { EventStatisticsDimensionEnum } from './enums.js';
import { EventStatisticsFilterInput } from './statistics.inputs.js';
import { EventStatisticsGroupType } from './statistics.type.js';

@Resolver()
export class EventStatisticsResolver {
  @Query(() => [EventStatisticsGroupType], {
    description:
      '活动统计（需 events:statistics）：场次、报名、到场率、参加人数、老年人占比；不含个人信息；无权查看报名名单的角色（分析人员）按统计披露控制抑制小格',
  })
  async eventStatistics(
    @Arg('groupBy', () => [EventStatisticsDimensionEnum], { description: '分组维度（可多选）' })
    groupBy: EventStatisticsDimension[],
    @Arg('filter', () => EventStatisticsFilterInput, { nullable: true, description: '筛选条件' })
    filter: EventStatisticsFilterInput | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EventStatisticsGroupType[]> {
    ctx.access.require('events:statistics');
    const selected = selectedFields(info);
    const distinct = DISTINCT_MEASURES.some((field) => selected.has(field));
    const dimensions = [...new Set(groupBy)];
    // who may not see registrations person by person (analysts) sees the counts of people under disclosure control
    const protect = !ctx.access.can('events:read');
    // the elderly share is derived from the participants' ages: exact only for a caller who could read both who took
    // part and their birth dates raw — one reading ages person by person (Resident.age, each audited: 文化, a key
    // with residents:read alone) would learn from a group of one that person's age band in no trail
    const protectAges = protect || !ctx.access.can('residents:read') || ctx.access.fieldAccess('birthDate') !== 'RAW';
    const counted = await eventStatisticsOf(
      ctx.em,
      communityWhere(ctx.access),
      groupBy,
      {
        from: filter?.from ?? null,
        to: filter?.to ?? null,
        types: (filter?.types ?? null) as CommunityEventType[] | null,
      },
      // distinct participants only when a selected field shows them (they read every attendance)
      { distinct, bases: protectAges },
    );
    const groups = await withEventStatisticsKeys(
      ctx.em,
      dimensions,
      controlEventStatistics(counted, dimensions, protect, distinct, protectAges),
    );
    return groups.map((g) => ({
      keys: g.keys,
      type: g.key.TYPE ?? null,
      month: g.key.MONTH ?? null,
      venue: g.venue,
      organiser: g.organiser,
      audience: g.key.AUDIENCE ?? null,
      events: g.events,
      registrations: g.registrations,
      attended: g.attended,
      noShows: g.noShows,
      attendanceRate: g.attendanceRate,
      uniqueParticipants: g.uniqueParticipants,
      elderlyShare: g.elderlyShare,
      suppressed: g.suppressed,
    }));
  }
}
