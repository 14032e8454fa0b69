import {
  Cursor,
  Utils,
  type EntityManager,
  type EntityMetadata,
  type EntityName,
  type FilterQuery,
  type FindByCursorOptions,
  type QueryOrderMap,
} from '@mikro-orm/core';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InvalidInputError } from '@shequ/errors';
import { entityCount, entityRows } from '@shequ/database';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@Directive('@shareable')
@ObjectType('PageInfo', { description: '分页信息（Relay 游标分页）' })
export class PageInfo {
  @Field({ description: '之后是否还有数据' })
  hasNextPage!: boolean;

  @Field({ description: '之前是否还有数据' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: '本页第一条的游标' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '本页最后一条的游标（传给 after 取下一页）' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `每页条数（默认 ${DEFAULT_PAGE_SIZE}，最多 ${MAX_PAGE_SIZE}）` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '游标：从这一条之后开始（上一页的 pageInfo.endCursor）' })
  after?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when read (GraphQL reads it only when the selection asks for `totalCount`). */
  readonly totalCount: number | Promise<number>;
}

/**
 * Relay connection types for one node type: `<Name>Connection { edges { node cursor } pageInfo totalCount }`.
 * Call once per node type, at module level.
 */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `${description}（分页中的一条）` })
  class EdgeType {
    @Field(() => nodeType, { description: description })
    node!: T;

    @Field({ description: '这一条的游标' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `${description}列表（Relay 游标分页）` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: '本页数据' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: '分页信息' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: '符合条件的总条数' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** Checks `first` and returns the page size to use. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError('first', `first 须为 0 到 ${MAX_PAGE_SIZE} 之间的整数，收到 ${first}`);
  }
  return first;
}

/** What `paginate` takes besides MikroORM's find options. */
export interface PageOptions {
  /**
   * Nodes as plain rows shaped like the entity (scalar properties, each to-one reference as `{ id }`; no methods,
   * not managed) instead of entities: one SQL statement with bound parameters, reused from page to page, and no
   * hydration. For read-only lists whose field resolvers read properties and reference ids only.
   */
  rows?: boolean;
}

/**
 * One page of `entity` matching `where`, keyset-paginated on `orderBy` (which must end in a unique key). The
 * entities are read-only snapshots (outside the request's identity map: no unit-of-work bookkeeping) — or plain
 * rows with `rows: true` — and `totalCount` is a lazy getter: the `count(*)` runs only if the query selects
 * `totalCount`.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  orderBy: QueryOrderMap<T> = { id: 'asc' } as QueryOrderMap<T>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- MikroORM's populate/fields/exclude generics
  options: Partial<FindByCursorOptions<T, any, any, any>> & PageOptions = {},
  /** How `totalCount` is counted when read (default: `count(*)` of `where`), e.g. from rows the caller already has. */
  count?: () => Promise<number>,
): Promise<ConnectionResult<T>> {
  const first = pageSize(page.first);
  if (page.after) checkCursor(page.after);
  const { rows, ...findOptions } = options;
  const cursor = rows
    ? await rowCursor(em, entity, where, first, page.after ?? undefined, orderBy)
    : await em.findByCursor(entity, where, {
        disableIdentityMap: true,
        ...findOptions,
        first,
        after: page.after ?? undefined,
        orderBy,
        includeCount: false,
      } as unknown as FindByCursorOptions<T>);
  let total: Promise<number> | undefined;
  return {
    // each edge's cursor is encoded only if read (GraphQL reads it only when the selection asks for `cursor`)
    edges: cursor.items.map((node) => lazyEdge(node as T, cursor)),
    pageInfo: {
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
    get totalCount() {
      total ??= count ? count() : rows ? entityCount(em, entity, where) : em.count(entity, where);
      return total;
    },
  };
}

/** The keyset condition and order MikroORM derives from a cursor (the same as `findByCursor` uses). */
interface CursorDriver {
  processCursorOptions<T>(
    meta: EntityMetadata<T>,
    options: { first: number; after?: string; overfetch: boolean },
    orderBy: QueryOrderMap<T>,
  ): { where: FilterQuery<T>; orderBy: QueryOrderMap<T>[] };
}

/** A page of plain rows (one more than `first`, to tell whether another page follows) as a MikroORM cursor. */
async function rowCursor<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  first: number,
  after: string | undefined,
  orderBy: QueryOrderMap<T>,
): Promise<Cursor<T>> {
  const meta = em.getMetadata().get<T>(Utils.className(entity));
  const options = { first, after, orderBy, overfetch: true };
  const keyset = (em.getDriver() as unknown as CursorDriver).processCursorOptions(meta, { ...options }, orderBy);
  const nodes = await entityRows(em, entity, after ? ({ $and: [where, keyset.where] } as FilterQuery<T>) : where, {
    orderBy: keyset.orderBy,
    limit: first + 1,
  });
  return new Cursor<T>(nodes as never, undefined as unknown as number, options, meta);
}

/** An edge whose `cursor` is encoded from the node when first read. */
function lazyEdge<T extends object>(node: T, cursor: Cursor<T>): Edge<T> {
  let encoded: string | undefined;
  return {
    node,
    get cursor() {
      encoded ??= cursor.from(node);
      return encoded;
    },
  };
}

/** The same connection with each node mapped (keeps `totalCount` lazy, unlike `{ ...connection }`). */
export function mapConnection<T, U>(connection: ConnectionResult<T>, map: (node: T) => U): ConnectionResult<U> {
  return {
    edges: connection.edges.map((edge) => ({
      get cursor() {
        return edge.cursor;
      },
      node: map(edge.node),
    })),
    pageInfo: connection.pageInfo,
    get totalCount() {
      return connection.totalCount;
    },
  };
}

/** A cursor must be one we handed out: base64url JSON of the sort-key values. */
function checkCursor(after: string): void {
  let values: unknown;
  try {
    values = Cursor.decode(after);
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length === 0) throw new InvalidInputError('after', `游标无效：${after}`);
}
