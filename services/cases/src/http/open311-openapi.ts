import { CaseCategories } from '@shequ/contracts';

const format = {
  name: 'format',
  in: 'path',
  required: true,
  description: '返回格式',
  schema: { type: 'string', enum: ['json', 'xml'] },
};
const jurisdiction = {
  name: 'jurisdiction_id',
  in: 'query',
  required: false,
  description: '辖区：社区的 12 位统计用区划代码（须为密钥所属社区；不填即密钥所属社区）',
  schema: { type: 'string', pattern: '^\\d{12}$' },
};
const apiKey = {
  name: 'api_key',
  in: 'query',
  required: false,
  description: 'API 密钥（也可放在 Authorization: ApiKey <密钥> 头中）',
  schema: { type: 'string' },
};
const errors = {
  description: '错误（GeoReport v2 错误格式）',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Errors' } },
    'text/xml': { schema: { type: 'string' } },
  },
};
const listOf = (ref: string, description: string) => ({
  description,
  content: {
    'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/${ref}` } } },
    'text/xml': { schema: { type: 'string' } },
  },
});
const nullableString = (description: string) => ({ type: 'string', nullable: true, description });

/** The OpenAPI 3 description of the Open311 GeoReport v2 endpoints (served at `/open311/v2/openapi.json`). */
export function open311OpenApiDocument() {
  return {
    openapi: '3.0.3',
    info: {
      title: '社区图谱 Open311 GeoReport v2 接口',
      version: '2.0.0',
      description:
        '区级平台（12345 热线、区社会治理平台）按 Open311 GeoReport v2 向社区转交事项并跟踪办理。服务即事项类别，服务请求即事项；以 API 密钥认证（查询需 cases:read，提交需 cases:write）。',
    },
    servers: [{ url: '/', description: 'cases 服务（经网关同路径转发）' }],
    security: [{ apiKeyHeader: [] }, { apiKeyQuery: [] }],
    paths: {
      '/open311/v2/services.{format}': {
        get: {
          operationId: 'listServices',
          summary: '服务列表（事项类别）',
          security: [],
          parameters: [format, jurisdiction],
          responses: { '200': listOf('Service', '全部服务'), default: errors },
        },
      },
      '/open311/v2/services/{service_code}.{format}': {
        get: {
          operationId: 'getServiceDefinition',
          summary: '服务定义（该类别需要填写的属性）',
          security: [],
          parameters: [
            {
              name: 'service_code',
              in: 'path',
              required: true,
              description: '服务编码（事项类别）',
              schema: { type: 'string', enum: [...CaseCategories.codes] },
            },
            format,
            jurisdiction,
          ],
          responses: {
            '200': {
              description: '服务定义',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ServiceDefinition' } },
                'text/xml': { schema: { type: 'string' } },
              },
            },
            default: errors,
          },
        },
      },
      '/open311/v2/requests.{format}': {
        get: {
          operationId: 'listRequests',
          summary: '查询服务请求（事项）：默认近 90 天，最多 1000 条，新的在前',
          parameters: [
            format,
            jurisdiction,
            apiKey,
            {
              name: 'service_request_id',
              in: 'query',
              description: '事项编号，逗号分隔（给出时忽略其他条件）',
              schema: { type: 'string' },
            },
            { name: 'service_code', in: 'query', description: '服务编码，逗号分隔', schema: { type: 'string' } },
            {
              name: 'start_date',
              in: 'query',
              description: '受理时间起（W3C 日期时间）',
              schema: { type: 'string', format: 'date-time' },
            },
            {
              name: 'end_date',
              in: 'query',
              description: '受理时间止（W3C 日期时间）',
              schema: { type: 'string', format: 'date-time' },
            },
            { name: 'status', in: 'query', description: 'open 或 closed，逗号分隔', schema: { type: 'string' } },
          ],
          responses: { '200': listOf('ServiceRequest', '服务请求'), default: errors },
        },
        post: {
          operationId: 'createRequest',
          summary: '提交服务请求：按与 openCase 相同的规则登记事项，受理渠道为区级平台',
          parameters: [format],
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/NewRequest' } },
            },
          },
          responses: { '200': listOf('RequestReceipt', '受理回执'), default: errors },
        },
      },
      '/open311/v2/requests/{service_request_id}.{format}': {
        get: {
          operationId: 'getRequest',
          summary: '查询一个服务请求',
          parameters: [
            {
              name: 'service_request_id',
              in: 'path',
              required: true,
              description: '事项编号',
              schema: { type: 'string' },
            },
            format,
            jurisdiction,
            apiKey,
          ],
          responses: { '200': listOf('ServiceRequest', '服务请求（一条）'), default: errors },
        },
      },
      '/open311/v2/tokens/{token}.{format}': {
        get: {
          operationId: 'getRequestIdFromToken',
          summary: '由回执令牌查事项编号',
          parameters: [
            {
              name: 'token',
              in: 'path',
              required: true,
              description: '提交时返回的 token',
              schema: { type: 'string' },
            },
            format,
            jurisdiction,
            apiKey,
          ],
          responses: { '200': listOf('TokenLookup', '事项编号'), default: errors },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'ApiKey shq_…' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key', description: 'shq_…' },
      },
      schemas: {
        Errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'description'],
            properties: {
              code: { type: 'integer', description: 'HTTP 状态码' },
              description: { type: 'string', description: '中文说明，先写出错的字段' },
            },
          },
        },
        Service: {
          type: 'object',
          required: ['service_code', 'service_name', 'metadata', 'type'],
          properties: {
            service_code: { type: 'string', enum: [...CaseCategories.codes], description: '服务编码（事项类别）' },
            service_name: { type: 'string', description: '名称' },
            description: { type: 'string', description: '承办部门与办理时限' },
            metadata: { type: 'boolean', description: '是否有需要填写的属性' },
            type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'], description: '提交后即时受理' },
            keywords: { type: 'string', description: '关键词' },
            group: { type: 'string', description: '承办部门' },
          },
        },
        ServiceDefinition: {
          type: 'object',
          required: ['service_code', 'attributes'],
          properties: {
            service_code: { type: 'string', description: '服务编码' },
            attributes: {
              type: 'array',
              items: {
                type: 'object',
                required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
                properties: {
                  variable: { type: 'boolean', description: '是否需要填写' },
                  code: { type: 'string', description: '属性编码（提交时用 attribute[编码]）' },
                  datatype: {
                    type: 'string',
                    enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'],
                    description: '类型',
                  },
                  required: { type: 'boolean', description: '是否必填' },
                  datatype_description: nullableString('填写说明'),
                  order: { type: 'integer', description: '顺序' },
                  description: { type: 'string', description: '属性说明' },
                  values: {
                    type: 'array',
                    description: '可选值',
                    items: {
                      type: 'object',
                      properties: { key: { type: 'string' }, name: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
        NewRequest: {
          type: 'object',
          required: ['service_code'],
          properties: {
            api_key: { type: 'string', description: 'API 密钥（或用 Authorization 头）' },
            jurisdiction_id: { type: 'string', description: '社区 12 位代码' },
            service_code: { type: 'string', enum: [...CaseCategories.codes], description: '服务编码' },
            description: { type: 'string', description: '事项内容（2 到 2000 字）' },
            lat: { type: 'number', description: '纬度' },
            long: { type: 'number', description: '经度' },
            address_string: { type: 'string', description: '地址（lat/long、address_string、address_id 至少一项）' },
            address_id: { type: 'string', description: '楼栋或住户编号：据此分派网格和网格员' },
            media_url: { type: 'string', description: '图片地址（http/https）' },
          },
          additionalProperties: {
            type: 'string',
            description: 'attribute[编码]=值；其他 GeoReport 字段（联系人等）不保存',
          },
        },
        RequestReceipt: {
          type: 'object',
          required: ['service_request_id', 'token'],
          properties: {
            service_request_id: { type: 'string', description: '事项编号' },
            token: { type: 'string', description: '回执令牌' },
            service_notice: nullableString('受理说明'),
            account_id: nullableString('不使用'),
          },
        },
        ServiceRequest: {
          type: 'object',
          required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
          properties: {
            service_request_id: { type: 'string', description: '事项编号' },
            status: { type: 'string', enum: ['open', 'closed'], description: '办结（含不予受理、重复）为 closed' },
            status_notes: { type: 'string', description: '最近一步及时间（不含个人信息）' },
            service_name: { type: 'string', description: '类别名称' },
            service_code: { type: 'string', description: '类别编码' },
            description: nullableString('事项内容：仅经本接口提交的事项返回'),
            agency_responsible: { type: 'string', description: '承办部门' },
            service_notice: nullableString('说明'),
            requested_datetime: { type: 'string', format: 'date-time', description: '受理时间' },
            updated_datetime: { type: 'string', format: 'date-time', description: '最近更新时间' },
            expected_datetime: { type: 'string', format: 'date-time', description: '办结时限' },
            address: nullableString('地址（经本接口提交时给出的）'),
            address_id: nullableString('楼栋或住户编号'),
            zipcode: nullableString('不使用'),
            lat: { type: 'number', nullable: true, description: '纬度' },
            long: { type: 'number', nullable: true, description: '经度' },
            media_url: nullableString('图片地址'),
          },
        },
        TokenLookup: {
          type: 'object',
          required: ['service_request_id', 'token'],
          properties: {
            service_request_id: { type: 'string', description: '事项编号' },
            token: { type: 'string', description: '回执令牌' },
          },
        },
      },
    },
  };
}
