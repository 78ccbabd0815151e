import { useEffect, useState } from "react";
import { api, query } from "../api/client";
import type { Diff, Registry, Revision } from "../api/types";
import { DiffView } from "../components/DiffView";
import { Card, EmptyState, ErrorBanner, Spinner } from "../components/ui";
import { formatTime } from "../lib/time";

// The revision history, newest first, and the diff between any two revisions.
export function RevisionsPanel({ registry }: { registry: Registry }) {
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const [next, setNext] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [from, setFrom] = useState(Math.max(1, registry.revision - 1));
  const [to, setTo] = useState(registry.revision);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [diffError, setDiffError] = useState<unknown>(null);
  const base = `/api/v1/registries/${encodeURIComponent(registry.id)}`;

  const loadPage = (token: string) => {
    setLoading(true);
    api.get<{ revisions: Revision[]; next_page_token: string }>(`${base}/revisions${query({ page_size: 100, page_token: token })}`).then(
      (page) => {
        setRevisions((previous) => (token ? [...previous, ...page.revisions] : page.revisions));
        setNext(page.next_page_token);
        setLoading(false);
      },
      (caught) => {
        setError(caught);
        setLoading(false);
      },
    );
  };
  useEffect(() => loadPage(""), [registry.id, registry.revision]);  // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    setDiff(null);
    setDiffError(null);
    if (from === to) return;
    api.get<Diff>(`${base}/diff${query({ from, to })}`).then(setDiff, setDiffError);
  }, [base, from, to]);

  const numbers = Array.from({ length: registry.revision }, (_, index) => registry.revision - index);
  return (
    <div className="grid-main">
      <Card title="Compare revisions">
        <div className="compare">
          <label>From <select aria-label="From revision" value={from} onChange={(event) => setFrom(Number(event.target.value))}>
            {numbers.map((n) => <option key={n} value={n}>Revision {n}</option>)}
          </select></label>
          <span aria-hidden="true">→</span>
          <label>To <select aria-label="To revision" value={to} onChange={(event) => setTo(Number(event.target.value))}>
            {numbers.map((n) => <option key={n} value={n}>Revision {n}</option>)}
          </select></label>
        </div>
        <ErrorBanner error={diffError} />
        {from === to ? <EmptyState>Choose two different revisions.</EmptyState> : diff ? <DiffView changes={diff.changes} from={diff.from} to={diff.to} /> : !diffError && <Spinner />}
      </Card>
      <Card title="History">
        <ErrorBanner error={error} />
        <ol className="timeline">
          {revisions.map((revision) => (
            <li key={revision.revision}>
              <div className="timeline__head">
                <strong>Revision {revision.revision}</strong>
                <span className="row-sub">{formatTime(revision.created_at)} · {revision.created_by}</span>
              </div>
              <ul className="timeline__changes">
                {revision.changes.length === 0 ? <li className="row-sub">created</li> : revision.changes.map((change, index) => (
                  <li key={index}><code>{change.field}</code>{change.summary ? ` — ${change.summary}` : ""}</li>
                ))}
              </ul>
              {revision.revision > 1 && (
                <button type="button" className="button button--ghost button--small" onClick={() => { setFrom(revision.revision - 1); setTo(revision.revision); }}>
                  Diff with {revision.revision - 1}
                </button>
              )}
            </li>
          ))}
        </ol>
        {loading && <Spinner />}
        {next && !loading && <button type="button" className="button" onClick={() => loadPage(next)}>Older revisions</button>}
      </Card>
    </div>
  );
}
