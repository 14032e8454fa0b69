import {
  TypeInfo,
  getNamedType,
  isEnumType,
  parse,
  visit,
  visitWithTypeInfo,
  type GraphQLEnumType,
  type GraphQLSchema,
} from 'graphql';

/** A column of an export: the path of field names under a row (`household.address`) and its Chinese heading. */
export interface ExportColumn {
  path: string;
  heading: string;
}

/** What the schema says about the fields a saved query selects, to name columns and translate enum values. */
export interface SelectionLabels {
  /** Field path from the operation root (`residents.edges.node.name`) → the field's Chinese description. */
  headings: Map<string, string>;
  /** Field path → the enum type of the field, so values are shown with their Chinese labels. */
  enums: Map<string, GraphQLEnumType>;
  /** Field paths of Int and Float fields: numbers in a spreadsheet (a phone number stays text). */
  numeric: Set<string>;
}

/** The short Chinese name of a field: its description up to the first bracket, colon or full stop. */
function shortLabel(description: string | null | undefined): string | undefined {
  const label = description?.split(/[（(：:；;。，,\n]/)[0]?.trim();
  return label ? label : undefined;
}

/** Reads the Chinese descriptions of every selected field of a document from the API schema. */
export function selectionLabels(schema: GraphQLSchema, document: string): SelectionLabels {
  const headings = new Map<string, string>();
  const enums = new Map<string, GraphQLEnumType>();
  const numeric = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const key = path.join('.');
          const field = typeInfo.getFieldDef();
          const label = shortLabel(field?.description);
          if (label) headings.set(key, label);
          const type = field ? getNamedType(field.type) : undefined;
          if (type && isEnumType(type)) enums.set(key, type);
          if (type && (type.name === 'Int' || type.name === 'Float')) numeric.add(key);
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return { headings, enums, numeric };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ResultRows {
  /** Path of field names from the root down to the rows (`residents.edges.node`). */
  rowPath: string;
  rows: Record<string, Json>[];
  /** The page info of a paginated list, to fetch the next page. */
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Finds the rows in a query's data: the nodes of a connection (`edges.node`) or the first list of objects,
 * looked for depth first from the (single) root field; an object with no list is one row.
 */
export function rowsOf(data: Record<string, unknown>): ResultRows {
  const search = (value: Json, path: string[]): ResultRows | undefined => {
    if (Array.isArray(value)) {
      if (value.every(isObject)) return { rowPath: path.join('.'), rows: value };
      return undefined;
    }
    if (!isObject(value)) return undefined;
    if (Array.isArray(value.edges) && value.edges.every((e) => isObject(e) && isObject(e.node))) {
      const pageInfo = isObject(value.pageInfo)
        ? { hasNextPage: value.pageInfo.hasNextPage === true, endCursor: (value.pageInfo.endCursor as string) ?? null }
        : undefined;
      return {
        rowPath: [...path, 'edges', 'node'].join('.'),
        rows: value.edges.map((e) => (e as Record<string, Json>).node as Record<string, Json>),
        pageInfo,
      };
    }
    for (const [key, child] of Object.entries(value)) {
      const found = search(child, [...path, key]);
      if (found) return found;
    }
    return undefined;
  };
  const roots = Object.entries(data as Record<string, Json>);
  for (const [key, value] of roots) {
    const found = search(value, [key]);
    if (found) return found;
  }
  return { rowPath: '', rows: [Object.fromEntries(roots)] };
}

/**
 * One row as flat cells: nested objects become `a.b` columns, lists of values one cell joined with "；", lists
 * of objects numbered columns (`keys.1.label`); enum values are shown with their Chinese labels.
 */
export function flattenRow(row: Record<string, Json>, rowPath: string, labels: SelectionLabels): Map<string, string> {
  const cells = new Map<string, string>();
  const schemaPath = (path: string[]) => [rowPath, ...path.filter((p) => !/^\d+$/.test(p))].filter(Boolean).join('.');
  const show = (value: Json, path: string[]): string => {
    if (value === null) return '';
    const enumType = labels.enums.get(schemaPath(path));
    if (enumType && typeof value === 'string') return enumType.getValue(value)?.description ?? value;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  const walk = (value: Json, path: string[]) => {
    if (Array.isArray(value)) {
      if (value.every((v) => !isObject(v) && !Array.isArray(v))) {
        cells.set(path.join('.'), value.map((v) => show(v, path)).join('；'));
      } else value.forEach((item, i) => walk(item, [...path, String(i + 1)]));
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    } else cells.set(path.join('.'), show(value, path));
  };
  walk(row, []);
  return cells;
}

/** Whether a flat column holds numbers (an Int or Float field). */
export function isNumericColumn(column: string, rowPath: string, labels: SelectionLabels): boolean {
  const path = [rowPath, ...column.split('.').filter((p) => !/^\d+$/.test(p))].filter(Boolean).join('.');
  return labels.numeric.has(path);
}

/** The Chinese heading of a flat column (`household.building.grid.name` → `住户 · 楼栋 · 网格 · 名称`). */
export function headingOf(column: string, rowPath: string, labels: SelectionLabels): string {
  const parts = column.split('.');
  const names: string[] = [];
  const fieldPath: string[] = rowPath ? rowPath.split('.') : [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      names[names.length - 1] = `${names[names.length - 1]} ${part}`;
      continue;
    }
    fieldPath.push(part);
    names.push(labels.headings.get(fieldPath.join('.')) ?? part);
  }
  return names.join(' · ');
}
