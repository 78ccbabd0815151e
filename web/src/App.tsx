import { useCallback, useEffect, useState } from "react";
import { api, setCsrfToken, setUnauthenticatedHandler } from "./api/client";
import type { Session } from "./api/types";
import { Link, Routes, navigate, useLocation } from "./router";
import { SessionContext } from "./session";
import { Spinner } from "./components/ui";
import { LoginPage } from "./pages/LoginPage";
import { RegistriesPage } from "./pages/RegistriesPage";
import { NewRegistryPage } from "./pages/NewRegistryPage";
import { RegistryPage } from "./pages/RegistryPage";
import { EnvironmentsPage, EnvironmentPage } from "./pages/EnvironmentsPage";
import { TeamsPage, UsersPage } from "./pages/PeoplePages";
import { TokensPage } from "./pages/TokensPage";
import { AuditPage } from "./pages/AuditPage";

const NAV = [
  { to: "/registries", label: "Artifact Registries" },
  { to: "/environments", label: "Environments" },
  { to: "/teams", label: "Teams" },
  { to: "/users", label: "Users" },
  { to: "/tokens", label: "API tokens" },
  { to: "/audit", label: "Audit log", admin: true },
];

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    api.get<Session>("/api/v1/auth/session").then(
      (current) => {
        setCsrfToken(current.csrf_token);
        setSession(current);
      },
      () => setSession(null),
    );
    setUnauthenticatedHandler(() => setSession(null));
    return () => setUnauthenticatedHandler(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.del("/api/v1/auth/session");
    } finally {
      setCsrfToken("");
      setSession(null);
      navigate("/login", { replace: true });
    }
  }, []);

  if (session === undefined) return <div className="boot"><Spinner /></div>;
  if (session === null) {
    return (
      <LoginPage
        onLoggedIn={(created) => {
          setCsrfToken(created.csrf_token);
          setSession(created);
          if (window.location.pathname === "/login" || window.location.pathname === "/") navigate("/registries", { replace: true });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={{ user: session.user, logout }}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Shell() {
  const { pathname } = useLocation();
  return (
    <SessionContext.Consumer>
      {(session) => (
        <div className="shell">
          <a className="skip-link" href="#main">Skip to content</a>
          <nav className="sidebar" aria-label="Main">
            <div className="brand"><span className="brand__logo" aria-hidden="true">◆</span> reghub</div>
            <ul>
              {NAV.filter((item) => !item.admin || session!.user.is_admin).map((item) => (
                <li key={item.to}>
                  <Link to={item.to} className={pathname.startsWith(item.to) ? "nav-link nav-link--active" : "nav-link"}
                        aria-current={pathname.startsWith(item.to) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
            <div className="sidebar__user">
              <div className="sidebar__name">{session!.user.username}{session!.user.is_admin && <span className="badge badge--accent">admin</span>}</div>
              <button type="button" className="button button--ghost" onClick={() => void session!.logout()}>Log out</button>
            </div>
          </nav>
          <main id="main" className="main" tabIndex={-1}>
            <Routes
              routes={[
                { pattern: "/", render: () => <RegistriesPage /> },
                { pattern: "/login", render: () => <RegistriesPage /> },
                { pattern: "/registries", render: () => <RegistriesPage /> },
                { pattern: "/registries/new", render: () => <NewRegistryPage /> },
                { pattern: "/registries/:id", render: (p) => <RegistryPage id={p.id} /> },
                { pattern: "/registries/:id/:tab", render: (p) => <RegistryPage id={p.id} tab={p.tab} /> },
                { pattern: "/environments", render: () => <EnvironmentsPage /> },
                { pattern: "/environments/:id", render: (p) => <EnvironmentPage id={p.id} /> },
                { pattern: "/teams", render: () => <TeamsPage /> },
                { pattern: "/users", render: () => <UsersPage /> },
                { pattern: "/tokens", render: () => <TokensPage /> },
                { pattern: "/audit", render: () => <AuditPage /> },
              ]}
              fallback={<div className="card"><h1>Page not found</h1><p><Link to="/registries">Back to the registries</Link></p></div>}
            />
          </main>
        </div>
      )}
    </SessionContext.Consumer>
  );
}
