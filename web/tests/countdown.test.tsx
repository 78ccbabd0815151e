import { act, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Countdown } from "../src/components/Countdown";
import { formatRemaining } from "../src/lib/time";

describe("formatRemaining", () => {
  it.each([
    [300000, "5:00"],
    [299001, "5:00"],
    [61000, "1:01"],
    [999, "0:01"],
    [0, "0:00"],
    [-5000, "0:00"],
    [3723000, "1:02:03"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});

describe("Countdown", () => {
  it("ticks down every second and reports the end once", () => {
    vi.useFakeTimers();
    const start = new Date("2026-11-27T10:00:00Z").getTime();
    vi.setSystemTime(start);
    const onExpired = vi.fn();
    render(<Countdown deadline="2026-11-27T10:00:03Z" onExpired={onExpired} />);
    expect(screen.getByTestId("countdown").textContent).toBe("0:03");
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId("countdown").textContent).toBe("0:02");
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.queryByTestId("countdown")).toBeNull();
    expect(screen.getByRole("timer").textContent).toContain("closed");
    act(() => vi.advanceTimersByTime(3000));
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it("marks the last minute as urgent", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-27T10:00:00Z"));
    render(<Countdown deadline="2026-11-27T10:00:30Z" />);
    expect(screen.getByRole("timer").className).toContain("countdown--urgent");
  });
});
