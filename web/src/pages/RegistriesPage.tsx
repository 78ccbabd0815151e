import { useEffect, useState } from "react";
import { api, query } from "../api/client";
import type { Registry, RegistryPage } from "../api/types";
import { Link, navigate } from "../router";
import { Badge, EmptyState, ErrorBanner, PageHeader, Spinner, useAsync } from "../components/ui";
import { HealthBadge } from "../components/Health";
import { PROVIDERS, providerInfo } from "../lib/providers";

export const PAGE_SIZE = 50;

// The Artifact Registries list: server-side search and provider filter, pages
// of 50 walked with the API's page tokens (fast with 10,000 registries).
export function RegistriesPage() {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [provider, setProvider] = useState("");
  const [access, setAccess] = useState("");
  // tokens[i] is the page_token of page i (tokens[0] = "").
  const [tokens, setTokens] = useState<string[]>([""]);
  const [page, setPage] = useState(0);

  // Debounce the search box: one request after typing stops. Only a changed
  // query goes back to page 1 (the first run, at mount, must not undo a
  // "Next" clicked within the debounce delay).
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const next = search.trim();
      if (next === q) return;
      setQ(next);
      setTokens([""]);
      setPage(0);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search, q]);

  const { data, error, loading } = useAsync(
    () => api.get<RegistryPage>(`/api/v1/registries${query({ q, provider, page_size: PAGE_SIZE, page_token: tokens[page] })}`),
    [q, provider, page, tokens[page]],
  );

  useEffect(() => {
    if (data?.next_page_token && tokens.length === page + 1) setTokens([...tokens, data.next_page_token]);
  }, [data, page, tokens]);

  const rows: Registry[] = (data?.registries ?? []).filter((registry) => !access || registry.access === access);
  const hasNext = Boolean(data?.next_page_token);

  return (
    <div>
      <PageHeader
        title="Artifact Registries"
        subtitle="Every OCI registry your organisation pulls from or pushes to."
        actions={<Link to="/registries/new" className="button button--primary">New registry</Link>}
      />
      <div className="toolbar" role="search">
        <label className="visually-hidden" htmlFor="registry-search">Search registries</label>
        <input id="registry-search" type="search" className="toolbar__search" placeholder="Search by URL, name or description…"
               value={search} onChange={(event) => setSearch(event.target.value)} />
        <label className="visually-hidden" htmlFor="provider-filter">Provider</label>
        <select id="provider-filter" value={provider} onChange={(event) => { setProvider(event.target.value); setTokens([""]); setPage(0); }}>
          <option value="">All providers</option>
          {PROVIDERS.map((item) => <option key={item.id} value={item.id}>{item.label}</option>)}
        </select>
        <label className="visually-hidden" htmlFor="access-filter">Access</label>
        <select id="access-filter" value={access} onChange={(event) => setAccess(event.target.value)}>
          <option value="">Private and public</option>
          <option value="private">Private</option>
          <option value="public">Public</option>
        </select>
      </div>
      <ErrorBanner error={error} />
      <div className="card card--flush">
        <table className="table table--hover" aria-label="Artifact registries">
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col">Provider</th>
              <th scope="col">Access</th>
              <th scope="col">Credentials</th>
              <th scope="col">Health</th>
              <th scope="col">Revision</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((registry) => (
              <tr key={registry.id} onClick={() => navigate(`/registries/${registry.id}`)}>
                <td>
                  <Link to={`/registries/${registry.id}`} className="row-title" onClick={(event) => event.stopPropagation()}>
                    {registry.display_name || registry.url}
                  </Link>
                  {registry.usage?.default && <Badge tone="accent">default</Badge>}
                  <div className="row-sub mono">{registry.url}</div>
                </td>
                <td>{providerInfo(registry.provider).label}</td>
                <td><Badge tone={registry.access === "public" ? "info" : "neutral"}>{registry.access}</Badge></td>
                <td className="row-sub">{registry.credentials?.kind ?? "none"}</td>
                <td><HealthBadge registryId={registry.id} /></td>
                <td>#{registry.revision}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {loading && !data && <Spinner />}
        {!loading && rows.length === 0 && (
          <EmptyState>
            {q || provider || access ? "No registry matches these filters." : "No registry yet. Add the first one with “New registry”."}
          </EmptyState>
        )}
        <nav className="pager" aria-label="Pages">
          <span className="pager__info">Page {page + 1}{loading && data ? " · loading…" : ""}</span>
          <button type="button" className="button" disabled={page === 0 || loading} onClick={() => setPage(page - 1)}>Previous</button>
          <button type="button" className="button" disabled={!hasNext || loading} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      </div>
    </div>
  );
}
