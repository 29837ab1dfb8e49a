import { describe, expect, it } from "vitest";
import { creditsLine } from "./format";

describe("creditsLine", () => {
  it("says only what is available when nothing is reserved", () => {
    expect(creditsLine(2, 2)).toBe("2 credits available");
    expect(creditsLine(1, 1)).toBe("1 credit available");
    expect(creditsLine(0, 0)).toBe("0 credits available");
  });

  it("says how many are held for books being illustrated", () => {
    expect(creditsLine(3, 2)).toBe("2 of 3 credits available (1 reserved for a book being illustrated)");
    expect(creditsLine(3, 1)).toBe("1 of 3 credits available (2 reserved for books being illustrated)");
  });
});
