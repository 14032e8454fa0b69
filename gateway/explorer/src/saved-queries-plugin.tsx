import { useEffect, useState } from 'react';
import { useEditorContext, type GraphiQLPlugin } from '@graphiql/react';

/** What GET /explorer/saved-queries.json gives: the analysts' saved queries (gateway/saved-queries). */
export interface SavedQueryEntry {
  name: string;
  title: string;
  description: string;
  document: string;
  variables: Record<string, unknown>;
}

function SavedQueriesIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <path d="M6 3h9l3 3v15H6z" />
      <path d="M9 10h6M9 14h6M9 18h4" />
    </svg>
  );
}

/** The name of a saved query's operation (each holds one named operation). */
function operationNameOf(document: string): string | undefined {
  return /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(document)?.[1];
}

function SavedQueriesList() {
  const editor = useEditorContext({ nonNull: true });
  const [entries, setEntries] = useState<SavedQueryEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    fetch('/explorer/saved-queries.json')
      .then((response) =>
        response.ok
          ? (response.json() as Promise<SavedQueryEntry[]>)
          : Promise.reject(new Error(String(response.status))),
      )
      .then(setEntries)
      .catch((error: unknown) => setProblem(`无法读取已保存的查询：${String(error)}`));
  }, []);
  const open = (entry: SavedQueryEntry) => {
    editor.queryEditor?.setValue(entry.document);
    editor.variableEditor?.setValue(JSON.stringify(entry.variables, null, 2));
    // GraphiQL learns the operation's name 100 ms after an edit: ▶ pressed sooner ran the saved query under the
    // previous document's name («Unknown operation named "Example"»), so name it now
    const operation = operationNameOf(entry.document);
    if (operation) {
      if (editor.queryEditor) editor.queryEditor.operationName = operation;
      editor.setOperationName(operation);
    }
  };
  return (
    <section className="shequ-saved-queries">
      <div className="graphiql-doc-explorer-title">已保存的查询</div>
      <p className="shequ-hint">
        分析人员常用的统计与名单，点击载入编辑器后按 ▶ 运行；可在 README 所述的导出接口下载 CSV 或 Excel。
      </p>
      {problem && <p className="shequ-problem">{problem}</p>}
      {entries === null && !problem && <p>正在读取…</p>}
      <ul>
        {entries?.map((entry) => (
          <li key={entry.name}>
            <button type="button" data-saved-query={entry.name} onClick={() => open(entry)} title={entry.description}>
              {entry.title}
            </button>
            <small>{entry.description}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const savedQueriesPlugin: GraphiQLPlugin = {
  title: '已保存的查询',
  icon: SavedQueriesIcon,
  content: SavedQueriesList,
};
