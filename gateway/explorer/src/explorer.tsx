import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import 'graphiql/graphiql.css';
import './explorer.css';
import { authorizationFor } from './credential.js';
import { savedQueriesPlugin } from './saved-queries-plugin.js';

const TOKEN_KEY = 'shequ-explorer-credential';

const DEFAULT_QUERY = `# 社区图谱查询浏览器
#
# 1. 在上方粘贴令牌（npm start 打印的开发令牌，或 npm run token -- --role analyst）或 API 密钥；
# 2. 左侧“已保存的查询”列出分析人员常用的统计，点击即可载入；
# 3. 按 Ctrl-Enter 或 ▶ 运行；左侧“文档”按中文说明浏览全部类型和字段。

query 示例请替换 {
  community { name }
}
`.replace('query 示例请替换 {', 'query Example {');

/** Posts to the gateway on this page's own origin: the explorer never calls anything else. */
function fetcherWith(credential: string): Fetcher {
  return async (params, options) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    const authorization = authorizationFor(credential);
    if (authorization) headers.authorization = authorization;
    for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
    return response.json() as Promise<Record<string, unknown>>;
  };
}

function Explorer() {
  const [credential, setCredential] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [applied, setApplied] = useState(credential);
  const fetcher = useMemo(() => fetcherWith(applied), [applied]);
  const apply = () => {
    sessionStorage.setItem(TOKEN_KEY, credential.trim());
    setApplied(credential.trim());
  };
  return (
    <div className="shequ-explorer">
      <form
        className="shequ-credential"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <label htmlFor="shequ-credential">令牌或 API 密钥</label>
        <input
          id="shequ-credential"
          type="password"
          autoComplete="off"
          placeholder="粘贴令牌（Bearer）或 API 密钥（shq_…），仅保存在本标签页"
          value={credential}
          onChange={(event) => setCredential(event.target.value)}
        />
        <button type="submit">使用</button>
        <span className="shequ-status">{applied ? '已设置凭证' : '未设置凭证：请求将被拒绝（未认证）'}</span>
      </form>
      {/* A new credential remounts GraphiQL, so the schema (and its documentation) is asked for again. */}
      <GraphiQL
        key={applied}
        fetcher={fetcher}
        defaultQuery={DEFAULT_QUERY}
        defaultHeaders={'{}'}
        plugins={[savedQueriesPlugin]}
        visiblePlugin={savedQueriesPlugin}
        isHeadersEditorEnabled
        shouldPersistHeaders={false}
        defaultEditorToolsVisibility="variables"
      >
        <GraphiQL.Logo>社区图谱 · 查询浏览器</GraphiQL.Logo>
      </GraphiQL>
    </div>
  );
}

createRoot(document.getElementById('explorer')!).render(<Explorer />);
