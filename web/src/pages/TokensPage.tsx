import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { ApiToken } from "../api/types";
import { TextField } from "../components/Field";
import { Banner, Card, EmptyState, ErrorBanner, PageHeader, Spinner, useAsync } from "../components/ui";
import { bannerMessage, fieldErrors } from "../lib/errors";
import { formatTime } from "../lib/time";

// API tokens: the new token is shown once, right after creation, and never again.
export function TokensPage() {
  const { data, error, loading, reload } = useAsync(() => api.get<{ tokens: ApiToken[] }>("/api/v1/tokens"), []);
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const errors = fieldErrors(createError);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreateError(null);
    setCopied(false);
    try {
      const body: Record<string, unknown> = { name: name.trim() };
      if (days.trim()) body.expires_in_days = Number(days);
      setCreated(await api.post<ApiToken>("/api/v1/tokens", body));
      setName("");
      reload();
    } catch (caught) {
      setCreateError(caught);
    }
  };
  return (
    <div>
      <PageHeader title="API tokens" subtitle="Tokens for the CLI and automation, acting as you." />
      {created?.token && (
        <div className="banner banner--success" role="status">
          <strong>Token “{created.name}” created.</strong> Copy it now: it is shown only this once.
          <div className="token-once">
            <code data-testid="new-token">{created.token}</code>
            <button type="button" className="button button--small" onClick={async () => {
              try { await navigator.clipboard.writeText(created.token!); setCopied(true); } catch { setCopied(false); }
            }}>{copied ? "Copied" : "Copy"}</button>
            <button type="button" className="button button--ghost button--small" onClick={() => setCreated(null)}>I have saved it</button>
          </div>
        </div>
      )}
      <div className="grid-main">
        <div className="card card--flush">
          <ErrorBanner error={error} />
          <table className="table" aria-label="Your API tokens">
            <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {(data?.tokens ?? []).map((token) => (
                <tr key={token.id}>
                  <td><strong>{token.name}</strong></td>
                  <td className="row-sub">{formatTime(token.created_at)}</td>
                  <td className="row-sub">{token.expires_at ? formatTime(token.expires_at) : "never"}</td>
                  <td><button type="button" className="button button--ghost button--small" onClick={async () => {
                    if (!window.confirm(`Revoke token ${token.name}?`)) return;
                    await api.del(`/api/v1/tokens/${encodeURIComponent(token.id)}`).catch(() => {});
                    reload();
                  }}>Revoke</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {loading && <Spinner />}
          {data && data.tokens.length === 0 && <EmptyState>No API token yet.</EmptyState>}
        </div>
        <Card title="New token">
          <form onSubmit={create} noValidate aria-label="New API token">
            {createError ? <Banner tone="error">{bannerMessage(createError, Object.keys(errors))}</Banner> : null}
            <TextField label="Name" value={name} onChange={setName} error={errors.name} placeholder="ci-pipeline" />
            <TextField label="Expires in (days)" type="number" value={days} onChange={setDays} error={errors.expires_in_days} hint="Empty for no expiry." />
            <div className="actions"><button type="submit" className="button button--primary">Create token</button></div>
          </form>
        </Card>
      </div>
    </div>
  );
}
