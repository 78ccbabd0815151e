import type { ConnectionTestReport } from "../api/types";

const STEP_LABELS: Record<string, string> = {
  dns: "DNS lookup",
  tcp: "TCP connect",
  tls: "TLS handshake",
  ping: "Registry API (/v2/)",
  credentials: "Credentials",
  auth_ping: "Authenticated request",
  repositories: "Repositories",
};

const ICONS: Record<string, string> = { ok: "✓", failed: "✕", skipped: "–", warning: "!" };

// Each diagnostic step of a connection test with its outcome and message.
export function TestReport({ report }: { report: ConnectionTestReport }) {
  return (
    <div className="test-report" aria-label="Connection test result">
      <div className={`test-report__summary ${report.ok ? "is-ok" : "is-failed"}`} role="status">
        {report.ok ? "Connection works" : "Connection failed"} · {report.duration_ms} ms
      </div>
      <ol className="steps">
        {report.steps.map((step) => (
          <li key={step.name} className={`step step--${step.status}`} data-step={step.name}>
            <span className="step__icon" aria-hidden="true">{ICONS[step.status] ?? "?"}</span>
            <div>
              <div className="step__name">
                {STEP_LABELS[step.name] ?? step.name.replace(/^repository:/, "Repository ")}
                <span className="step__status">{step.status}</span>
                <span className="step__time">{step.duration_ms} ms</span>
              </div>
              {step.message && <div className="step__message">{step.message}</div>}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
