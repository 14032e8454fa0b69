import type { IncomingMessage, ServerResponse } from 'node:http';
import { CaseCategories, communityDateTime, Departments } from '@shequ/contracts';
import { isDomainError, type DomainError } from '@shequ/errors';
import { readTextBody, RequestTooLargeError, type HttpRoute } from '@shequ/server';
import type { RouteCallers, ServiceDependencies, SubgraphContext } from '@shequ/subgraph';
import {
  findOpen311Cases,
  open311Query,
  open311RequestByToken,
  open311Views,
  submitOpen311Request,
  type Open311RequestView,
} from '../application/open311-requests.js';
import { caseOpener } from '../application/case-scope.js';
import { revealsCare } from '../domain/category-policy.js';
import { open311Service, open311Services, type Open311Report, type Open311Service } from '../domain/open311.js';
import { open311Body, type Open311Format } from './open311-format.js';
import { open311OpenApiDocument } from './open311-openapi.js';

export const OPEN311_BASE = '/open311/v2/';
const RESOURCE = /^\/open311\/v2\/(services|requests|tokens)(?:\/([^/]+?))?\.(json|xml)$/;
const MAX_FORM_BYTES = 64 * 1024;

/** An answer in GeoReport's error format (`[{ code, description }]`), with the HTTP status as its code. */
class Open311Failure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const HTTP_STATUS: Record<DomainError['code'], number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_YET_SYNCED: 503,
  SERVICE_BUSY: 503,
};

function failureOf(error: unknown): Open311Failure | undefined {
  if (error instanceof Open311Failure) return error;
  if (error instanceof RequestTooLargeError) return new Open311Failure(413, `请求体超过 ${error.limit} 字节`);
  if (isDomainError(error)) {
    const field = typeof error.details.field === 'string' ? `${error.details.field}：` : '';
    return new Open311Failure(HTTP_STATUS[error.code], `${field}${error.message}`);
  }
  return undefined;
}

function send(
  response: ServerResponse,
  status: number,
  format: Open311Format,
  value: Parameters<typeof open311Body>[1],
  names: { root: string; item?: string },
) {
  const { contentType, body } = open311Body(format, value, names);
  response.writeHead(status, { 'content-type': contentType });
  response.end(body);
}

/** The key from `Authorization` (ApiKey / Bearer) or, as GeoReport sends it, the `api_key` parameter. */
function authorizationOf(request: IncomingMessage, params: URLSearchParams): string | undefined {
  if (request.headers.authorization) return request.headers.authorization;
  const key = params.get('api_key');
  return key ? `ApiKey ${key}` : undefined;
}

/** `jurisdiction_id` is the community's 12-digit code; a key answers for its own community only. */
function checkJurisdiction(ctx: SubgraphContext, params: URLSearchParams): void {
  const jurisdiction = params.get('jurisdiction_id');
  if (jurisdiction && jurisdiction !== ctx.communityId)
    throw new Open311Failure(404, `jurisdiction_id：辖区「${jurisdiction}」不在此密钥的范围内`);
}

function serviceSummary(service: Open311Service) {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description,
    metadata: service.attributes.length > 0,
    type: 'realtime',
    keywords: service.keywords.join(','),
    group: service.group,
  };
}

function serviceDefinition(service: Open311Service, format: Open311Format) {
  const attributes = service.attributes.map((attribute, index) => {
    const values = attribute.values.map((v) => ({ key: v.key, name: v.name }));
    return {
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: attribute.datatypeDescription,
      order: index + 1,
      description: attribute.description,
      values: format === 'xml' ? { value: values } : values,
    };
  });
  return { service_code: service.code, attributes: format === 'xml' ? { attribute: attributes } : attributes };
}

function requestOf(view: Open311RequestView) {
  const record = view.case;
  // A report of a care-revealing category (救助申请) places a household (its address, point, photo, words): never
  // given here. The graph gives it only to callers that see care categories, each read audited; this route has no
  // audit of personal reads, so none is made (the platform that handed the report over holds it already).
  const report = revealsCare(record.category) ? null : view.report;
  return {
    service_request_id: record.number,
    status: view.status,
    status_notes: view.statusNotes,
    service_name: CaseCategories.labels[record.category],
    service_code: record.category,
    // the matter's own words only where the platform sent them: other cases may name people
    description: report ? record.description : null,
    agency_responsible: Departments.labels[record.department],
    service_notice: null,
    requested_datetime: communityDateTime(record.openedAt),
    updated_datetime: communityDateTime(view.updatedAt),
    expected_datetime: communityDateTime(record.resolveDueAt),
    address: report?.addressString ?? null,
    address_id: report?.addressId ?? null,
    zipcode: null,
    lat: report?.latitude ?? null,
    long: report?.longitude ?? null,
    media_url: report?.mediaUrl ?? null,
  };
}

function reportFrom(form: URLSearchParams): Open311Report {
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of form) {
    const match = /^attribute\[([^\]]+)\](?:\[\])?$/.exec(name);
    if (match) (attributes[match[1]] ??= []).push(value);
  }
  const field = (name: string) => form.get(name) ?? undefined;
  return {
    serviceCode: field('service_code'),
    description: field('description'),
    lat: field('lat'),
    long: field('long'),
    addressString: field('address_string'),
    addressId: field('address_id'),
    mediaUrl: field('media_url'),
    attributes,
  };
}

/**
 * Open311 GeoReport v2 over the cases service, for district platforms by API key (scopes `cases:read` to follow,
 * `cases:write` to hand a report over): `services`, `services/{code}`, `requests` (GET, POST), `requests/{id}`,
 * `tokens/{token}`, each `.json` or `.xml`; `openapi.json` describes them.
 */
export function open311Routes(deps: ServiceDependencies, callers: RouteCallers): HttpRoute[] {
  async function serve(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === `${OPEN311_BASE}openapi.json`) {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(open311OpenApiDocument()));
      return;
    }
    const match = RESOURCE.exec(url.pathname);
    const format: Open311Format = match?.[3] === 'xml' ? 'xml' : 'json';
    try {
      if (!match) throw new Open311Failure(404, `没有这个 Open311 资源：${url.pathname}（格式须为 .json 或 .xml）`);
      const [, resource, id] = match;
      const params = url.searchParams;
      const asCaller = (form?: URLSearchParams) =>
        callers.contextOf(authorizationOf(request, form ?? params), requestId).then((ctx) => {
          checkJurisdiction(ctx, form ?? params);
          return ctx;
        });

      if (resource === 'services' && request.method === 'GET') {
        if (!id)
          return send(response, 200, format, open311Services().map(serviceSummary), {
            root: 'services',
            item: 'service',
          });
        const service = open311Service(decodeURIComponent(id));
        if (!service) throw new Open311Failure(404, `service_code：没有编码为「${id}」的服务`);
        return send(response, 200, format, serviceDefinition(service, format), { root: 'service_definition' });
      }

      if (resource === 'requests' && !id && request.method === 'POST') {
        const form = new URLSearchParams(await readTextBody(request, MAX_FORM_BYTES));
        for (const [name, value] of params) if (!form.has(name)) form.set(name, value);
        const ctx = await asCaller(form);
        ctx.access.require('cases:write');
        const opener = await caseOpener(ctx);
        const { request: saved, case: opened } = await ctx.transaction((uow) =>
          submitOpen311Request(
            uow,
            reportFrom(form),
            {
              communityId: ctx.communityId,
              clientId: ctx.principal.kind === 'anonymous' ? 'anonymous' : ctx.principal.id,
              opener,
            },
            ctx.clock.now(),
          ),
        );
        deps.logger.info({ requestId, caseId: opened.id, token: saved.id }, 'open311 request accepted');
        const answer = {
          service_request_id: opened.number,
          token: saved.id,
          service_notice: `已受理，由${Departments.labels[opened.department]}承办`,
          account_id: null,
        };
        return send(response, 200, format, [answer], { root: 'service_requests', item: 'request' });
      }

      if (resource === 'requests' && request.method === 'GET') {
        const ctx = await asCaller();
        ctx.access.require('cases:read');
        const query = id
          ? { ids: [decodeURIComponent(id)], serviceCodes: null, statuses: null, start: null, end: null }
          : open311Query(params);
        const views = await open311Views(ctx, await findOpen311Cases(ctx, query, ctx.clock.now()));
        if (id && views.length === 0)
          throw new Open311Failure(404, `service_request_id：事项「${id}」不存在或不在此密钥的范围内`);
        return send(response, 200, format, views.map(requestOf), { root: 'service_requests', item: 'request' });
      }

      if (resource === 'tokens' && id && request.method === 'GET') {
        const ctx = await asCaller();
        ctx.access.require('cases:read');
        const found = await open311RequestByToken(ctx, decodeURIComponent(id));
        if (!found) throw new Open311Failure(404, `token：回执「${id}」不存在或不在此密钥的范围内`);
        return send(response, 200, format, [{ service_request_id: found.number, token: id }], {
          root: 'service_requests',
          item: 'request',
        });
      }
      throw new Open311Failure(405, `${request.method} 不适用于 ${url.pathname}`);
    } catch (error) {
      const failure = failureOf(error);
      if (!failure) throw error;
      send(response, failure.status, format, [{ code: failure.status, description: failure.message }], {
        root: 'errors',
        item: 'error',
      });
    }
  }
  return [
    { method: 'GET', path: OPEN311_BASE, prefix: true, handle: serve },
    { method: 'POST', path: OPEN311_BASE, prefix: true, handle: serve },
  ];
}
