import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/client";
import { bannerMessage, errorFor, fieldErrors } from "../src/lib/errors";

describe("error mapping", () => {
  const error = new ApiError(400, "invalid_argument", "url: bad", [
    { field: "url", message: "must be host[:port]" },
    { field: "credentials.password", message: "required" },
    { field: "credentials.password", message: "too long" },
    { field: "mirrors[0].upstream", message: "not a registry" },
  ]);

  it("maps each detail to its field, joining several messages", () => {
    expect(fieldErrors(error)).toEqual({
      url: "must be host[:port]",
      "credentials.password": "required; too long",
      "mirrors[0].upstream": "not a registry",
    });
  });

  it("gives a nested field's message to its parent when asked", () => {
    expect(errorFor(fieldErrors(error), "mirrors")).toBe("mirrors[0].upstream: not a registry");
    expect(errorFor(fieldErrors(error), "tls")).toBeUndefined();
  });

  it("keeps the banner short when every detail sits next to a field", () => {
    expect(bannerMessage(error, ["url", "credentials.password", "mirrors[0].upstream"])).toBe("Fix the fields marked below.");
  });

  it("lists in the banner the details no field shows", () => {
    expect(bannerMessage(error, ["url", "credentials.password"])).toBe("mirrors[0].upstream: not a registry");
  });

  it("shows the message of an error without details, and nothing for no error", () => {
    expect(bannerMessage(new ApiError(403, "permission_denied", "not yours"))).toBe("not yours");
    expect(bannerMessage(null)).toBeNull();
    expect(fieldErrors(new Error("plain"))).toEqual({});
  });
});
