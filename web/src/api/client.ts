// The REST client of the UI: same-origin fetch with the session cookie, the
// CSRF token on unsafe methods, and API errors as ApiError values.

export interface FieldDetail {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldDetail[];
  readonly retryAfter: string | null;

  constructor(status: number, code: string, message: string, details: FieldDetail[] = [],
              retryAfter: string | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

let csrfToken = "";
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a request answers 401 (the session ended): the app shows the login page.
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (unsafe.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "unavailable", "The hub cannot be reached. Check your connection and retry.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: FieldDetail[] } })?.error;
    const apiError = new ApiError(
      response.status,
      error?.code ?? "unknown",
      error?.message ?? `The hub answered ${response.status}.`,
      Array.isArray(error?.details) ? error!.details! : [],
      response.headers.get("Retry-After"),
    );
    if (response.status === 401 && onUnauthenticated && !path.startsWith("/api/v1/auth/session")) {
      onUnauthenticated();
    }
    throw apiError;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  del: <T = void>(path: string) => request<T>("DELETE", path),
};

// "?a=1&b=2" from the non-empty values.
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}
