import { useState } from "react";
import { api, query } from "../api/client";
import type { AuditEntry } from "../api/types";
import { ErrorBanner, PageHeader, Spinner, useAsync } from "../components/ui";
import { formatTime } from "../lib/time";

export function AuditPage() {
  const [tokens, setTokens] = useState<string[]>([""]);
  const [page, setPage] = useState(0);
  const { data, error, loading } = useAsync(
    () => api.get<{ entries: AuditEntry[]; next_page_token: string }>(`/api/v1/audit${query({ page_size: 50, page_token: tokens[page] })}`), [page]);
  return (
    <div>
      <PageHeader title="Audit log" subtitle="Every change and sign-in, newest first." />
      <ErrorBanner error={error} />
      <div className="card card--flush">
        <table className="table" aria-label="Audit log">
          <thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Source</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {(data?.entries ?? []).map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{formatTime(entry.at)}</td>
                <td>{entry.actor}</td>
                <td><code>{entry.action}</code></td>
                <td className="row-sub">{entry.target_type}{entry.target_id ? ` ${entry.target_id.slice(0, 12)}` : ""}</td>
                <td className="row-sub">{entry.source}</td>
                <td className="row-sub details">
                  {Object.entries(entry.details ?? {}).map(([key, value]) => (
                    <span className="kv" key={key}><b>{key}</b> {typeof value === "string" ? value : JSON.stringify(value)}</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {loading && <Spinner />}
        <nav className="pager" aria-label="Pages">
          <span className="pager__info">Page {page + 1}</span>
          <button type="button" className="button" disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</button>
          <button type="button" className="button" disabled={!data?.next_page_token} onClick={() => {
            if (tokens.length === page + 1) setTokens([...tokens, data!.next_page_token]);
            setPage(page + 1);
          }}>Older</button>
        </nav>
      </div>
    </div>
  );
}
