import { describe, expect, it } from "vitest";
import { rasterise } from "./offline-illustrator";
import { sanitiseSvg } from "./sanitise-svg";

const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><circle cx="5" cy="5" r="4" fill="url(#g)"/><use href="#g"/></svg>';

describe("sanitiseSvg", () => {
  it("keeps a self-contained drawing, with inside references", async () => {
    expect(sanitiseSvg(ok)).toBe(ok);
    expect(sanitiseSvg(`<?xml version="1.0"?>\n${ok}`)).toBe(`<?xml version="1.0"?>\n${ok}`);
    // It must still be a drawing afterwards.
    expect([...(await rasterise(sanitiseSvg(ok)!, 16)).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("unwraps a fenced reply and adds the SVG namespace", () => {
    expect(sanitiseSvg("```svg\n<svg viewBox='0 0 1 1'><rect width='1' height='1'/></svg>\n```")).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox='0 0 1 1'><rect width='1' height='1'/></svg>`,
    );
  });

  it("strips comments and titles rather than trusting what they say", () => {
    expect(sanitiseSvg('<svg xmlns="http://www.w3.org/2000/svg"><!-- <script>x</script> --><title>A dragon</title><rect width="1" height="1"/></svg>')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
    );
  });

  it.each([
    ["a script", "<svg><script>alert(1)</script></svg>"],
    ["a script in capitals", "<svg><SCRIPT>alert(1)</SCRIPT></svg>"],
    ["an event handler", '<svg><rect onload="alert(1)"/></svg>'],
    ["an event handler after a newline", '<svg><rect\nonclick = "alert(1)"/></svg>'],
    ["an event handler after a slash", '<svg/onload="alert(1)"></svg>'],
    ["foreign content", "<svg><foreignObject><div/></foreignObject></svg>"],
    ["an embedded image", '<svg><image href="https://example.com/x.png"/></svg>'],
    ["a local file", '<svg><image href="/etc/passwd"/></svg>'],
    ["an outside link", '<svg><use xlink:href="https://example.com/a.svg#x"/></svg>'],
    ["a filter image from outside", '<svg><filter id="f"><feImage href="http://example.com/p.png"/></filter></svg>'],
    ["a CSS url() in an attribute", '<svg><rect fill="url(https://example.com/p)"/></svg>'],
    ["a CSS url() in a style block", "<svg><style>rect { fill: url( 'http://example.com/p' ) }</style></svg>"],
    ["a CSS @import", "<svg><style>@import 'x.css';</style></svg>"],
    ["a CSS escape", "<svg><style>rect { fill: u\\72l(http://x) }</style></svg>"],
    ["a javascript link", '<svg><a href="javascript:alert(1)"><rect/></a></svg>'],
    ["a data URI", '<svg><rect fill="url(data:image/png;base64,AAAA)"/></svg>'],
    ["a character reference in disguise", '<svg><a href="&#106;avascript:alert(1)"><rect/></a></svg>'],
    ["an entity declaration", '<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>'],
    ["animation that could change links", '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>'],
    ["an iframe", "<svg><iframe src='x'/></svg>"],
    ["chatter around the drawing", "Here is your picture: <svg></svg>"],
    ["a drawing cut short", '<svg xmlns="http://www.w3.org/2000/svg"><rect'],
    ["nothing", "   "],
  ])("refuses %s", (_, bad) => {
    expect(sanitiseSvg(bad)).toBeNull();
  });

  it("refuses a drawing too large to be a picture", () => {
    expect(sanitiseSvg(`<svg>${"<rect/>".repeat(60_000)}</svg>`)).toBeNull();
  });
});
