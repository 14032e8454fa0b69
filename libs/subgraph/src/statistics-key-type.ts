import { Field, ObjectType, type ClassType } from 'type-graphql';
import type { StatisticsKey } from '@shequ/contracts';

/**
 * A record of another subgraph a key's value names (an organiser's organisation): a nullable field of the key holding
 * the entity's reference (`{ id }`), which the gateway completes from the owning subgraph (names stay with it).
 */
export interface StatisticsKeyReference {
  /** The entity reference type (`@key(fields: "id")`, e.g. events' `OrganizationReference`). */
  type: () => ClassType;
  description: string;
}

/**
 * The GraphQL type of a statistics group's keys, the same shape in every service: `<Service>StatisticsKey
 * { dimension: <Service>StatisticsDimension!, value: String!, label: String! }` (`StatisticsKey` of
 * `@shequ/contracts`). Each service names its own (its dimension is the enumeration of its `groupBy`), so no
 * type is shared between subgraphs. Call once per service, at module level. `references`: fields naming another
 * subgraph's record (null where the value names none).
 */
export function statisticsKeyType(
  name: string,
  dimensionEnum: object,
  descriptions: { type?: string; value: string },
  references: Readonly<Record<string, StatisticsKeyReference>> = {},
): ClassType<StatisticsKey> {
  @ObjectType(name, { description: descriptions.type ?? '分组的一个维度取值' })
  class StatisticsKeyType implements StatisticsKey {
    @Field(() => dimensionEnum, { description: '维度' })
    dimension!: string;

    @Field({ description: descriptions.value })
    value!: string;

    @Field({ description: '中文名称' })
    label!: string;
  }
  for (const [field, reference] of Object.entries(references))
    Field(reference.type, { nullable: true, description: reference.description })(StatisticsKeyType.prototype, field);
  return StatisticsKeyType;
}

/**
 * The deprecation reason of a statistics group's typed columns (`organization`, `category`, `gridId`, `venue` …),
 * the same words in every service: `keys` says it all.
 */
export const STATISTICS_COLUMN_DEPRECATION = '请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy';
