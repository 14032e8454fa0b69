import { XMLBuilder } from 'fast-xml-parser';

/** GeoReport v2 answers in the format the URL asks for: `.json` or `.xml`. */
export type Open311Format = 'json' | 'xml';

const xml = new XMLBuilder({ format: true, ignoreAttributes: true, suppressEmptyNode: false });

type Plain = string | number | boolean | null | undefined | Plain[] | { [key: string]: Plain };

/** XML has no null: an absent value is an empty element, as the spec's examples show. */
function forXml(value: Plain): Plain {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
  return value;
}

/**
 * The body of an answer. JSON is the value itself (a list for lists); XML wraps a list in `<root><item>…</item>…`,
 * as GeoReport names them (`<services><service>`, `<service_requests><request>`, `<errors><error>`).
 */
export function open311Body(
  format: Open311Format,
  value: Plain,
  xmlNames: { root: string; item?: string },
): { contentType: string; body: string } {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  const content = xmlNames.item ? { [xmlNames.item]: forXml(value) } : forXml(value);
  return {
    contentType: 'text/xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [xmlNames.root]: content })}`,
  };
}
