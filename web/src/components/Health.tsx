import { useEffect, useState } from "react";
import { api, ApiError } from "../api/client";
import { formatTime, relativeTime } from "../lib/time";
import { Badge, EmptyState, Spinner } from "./ui";

export interface HealthCheckView {
  checked_at: string;
  status: "up" | "down";
  failed_step: string | null;
  message: string;
  latency_ms: number;
  certificate_not_after?: string | null;
  certificate_expires_soon?: boolean;
  credentials_refused?: boolean;
}

export interface RegistryHealthView {
  registry_id: string;
  status: "up" | "down" | "unknown";
  last_success_at: string | null;
  latest: HealthCheckView | null;
  history?: HealthCheckView[];
}

// Whether the hub has the health API (GET /api/v1/registries/{id}/health);
// learnt from the first answer, so a hub without it costs one request.
let healthApi: "unknown" | "present" | "absent" = "unknown";

export async function fetchHealth(registryId: string, limit: number): Promise<RegistryHealthView | null> {
  if (healthApi === "absent") return null;
  try {
    const health = await api.get<RegistryHealthView>(`/api/v1/registries/${encodeURIComponent(registryId)}/health?limit=${limit}`);
    healthApi = "present";
    return health;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.message.startsWith("no such endpoint")) {
      healthApi = "absent";
      return null;
    }
    throw error;
  }
}

const TONES: Record<string, string> = { up: "success", down: "danger", unknown: "neutral" };

export function HealthBadge({ registryId }: { registryId: string }) {
  const [health, setHealth] = useState<RegistryHealthView | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetchHealth(registryId, 1).then((value) => live && setHealth(value), () => live && setHealth(null));
    return () => {
      live = false;
    };
  }, [registryId]);
  if (health === undefined) return <span className="row-sub">…</span>;
  if (health === null) return <span className="row-sub">—</span>;
  const title = health.latest?.message || (health.latest ? `checked ${relativeTime(health.latest.checked_at)}` : "never checked");
  return <Badge tone={TONES[health.status] ?? "neutral"} title={title}>{health.status}</Badge>;
}

export function HealthHistory({ registryId }: { registryId: string }) {
  const [health, setHealth] = useState<RegistryHealthView | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const load = () => fetchHealth(registryId, 50).then(setHealth, setError);
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registryId]);
  if (error) return <EmptyState>{error instanceof Error ? error.message : "Health is unavailable."}</EmptyState>;
  if (health === undefined) return <Spinner />;
  if (health === null) return <EmptyState>This hub does not record registry health yet.</EmptyState>;
  const history = health.history ?? [];
  return (
    <div>
      <div className="health-summary">
        <Badge tone={TONES[health.status] ?? "neutral"}>{health.status}</Badge>
        <span>Last success: {health.last_success_at ? formatTime(health.last_success_at) : "never"}</span>
        <button type="button" className="button" disabled={checking} onClick={async () => {
          setChecking(true);
          try {
            await api.post(`/api/v1/registries/${encodeURIComponent(registryId)}/health`);
            await load();
          } catch (caught) {
            setError(caught);
          } finally {
            setChecking(false);
          }
        }}>{checking ? "Checking…" : "Check now"}</button>
      </div>
      {history.length > 0 && (
        <div className="sparkline" aria-hidden="true">
          {history.slice().reverse().map((check, index) => (
            <span key={index} className={`sparkline__bar sparkline__bar--${check.status}`} title={`${check.checked_at}: ${check.status}`} />
          ))}
        </div>
      )}
      {history.length === 0 ? (
        <EmptyState>No check has run yet.</EmptyState>
      ) : (
        <table className="table" aria-label="Health history">
          <thead><tr><th scope="col">Checked</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {history.map((check, index) => (
              <tr key={index}>
                <td>{formatTime(check.checked_at)}</td>
                <td><Badge tone={TONES[check.status]}>{check.status}</Badge></td>
                <td>{check.latency_ms} ms</td>
                <td className="row-sub">
                  {check.failed_step ? `${check.failed_step}: ` : ""}{check.message}
                  {check.certificate_expires_soon && <Badge tone="warning">certificate expires soon</Badge>}
                  {check.credentials_refused && <Badge tone="danger">credentials refused</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
