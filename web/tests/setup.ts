import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// findBy*/waitFor give up after 1 s by default; CTest runs these beside the
// C++ suites on a shared 2-core machine, where rendering a page of 50 rows
// can take longer than that.
configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});
