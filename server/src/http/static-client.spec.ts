import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shellLinkFor, shellPreloadLinks } from "./static-client";

describe("shellPreloadLinks", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "gas-shell-"));
    mkdirSync(join(root, ".vite"));
    const manifest = {
      "index.html": {
        file: "assets/index-1.js",
        isEntry: true,
        imports: ["_vue-2.js"],
        css: ["assets/index-3.css"],
      },
      "_vue-2.js": { file: "assets/vue-2.js" },
      "_data-layer-4.js": {
        file: "assets/data-layer-4.js",
        imports: ["index.html", "_vue-2.js", "_apollo-5.js"],
      },
      "_apollo-5.js": { file: "assets/apollo-5.js" },
      "src/pages/SubmitPage.vue": {
        file: "assets/SubmitPage-6.js",
        imports: ["index.html", "_vue-2.js", "_question-7.js", "_apollo-5.js"],
      },
      "_question-7.js": { file: "assets/question-7.js", imports: ["_apollo-5.js"] },
    };
    writeFileSync(join(root, ".vite", "manifest.json"), JSON.stringify(manifest));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("names the entry and its imports for a visitor, and the data layer too for a subscriber", () => {
    const links = shellPreloadLinks(root)!;
    expect(links.visitor).toBe(
      "</assets/index-1.js>; rel=modulepreload; crossorigin, " +
        "</assets/vue-2.js>; rel=modulepreload; crossorigin, " +
        "</assets/index-3.css>; rel=preload; as=style; crossorigin",
    );
    expect(links.subscriber).toBe(
      "</assets/index-1.js>; rel=modulepreload; crossorigin, " +
        "</assets/vue-2.js>; rel=modulepreload; crossorigin, " +
        "</assets/data-layer-4.js>; rel=modulepreload; crossorigin, " +
        "</assets/apollo-5.js>; rel=modulepreload; crossorigin, " +
        "</assets/index-3.css>; rel=preload; as=style; crossorigin",
    );
  });

  it("names the link page and what it imports beside the entry for a reminder's link", () => {
    expect(shellPreloadLinks(root)!.submitLink).toBe(
      "</assets/index-1.js>; rel=modulepreload; crossorigin, " +
        "</assets/vue-2.js>; rel=modulepreload; crossorigin, " +
        "</assets/SubmitPage-6.js>; rel=modulepreload; crossorigin, " +
        "</assets/question-7.js>; rel=modulepreload; crossorigin, " +
        "</assets/apollo-5.js>; rel=modulepreload; crossorigin, " +
        "</assets/index-3.css>; rel=preload; as=style; crossorigin",
    );
  });

  it("gives the link's page its own, with or without a session, and others by the cookie", () => {
    const preloads = { visitor: "v", subscriber: "s", submitLink: "l" };
    expect(shellLinkFor(preloads, "/submit")).toBe("l");
    expect(shellLinkFor(preloads, "/submit", "gas_session=abc")).toBe("l");
    expect(shellLinkFor(preloads, "/login")).toBe("v");
    expect(shellLinkFor(preloads, "/accounts", "theme=dark; __Host-gas_session=abc")).toBe("s");
    expect(shellLinkFor(preloads, "/submitted")).toBe("v");
  });

  it("is null without a build manifest", () => {
    expect(shellPreloadLinks(join(root, "missing"))).toBeNull();
  });
});
