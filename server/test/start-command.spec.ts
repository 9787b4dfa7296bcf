import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAIN_SCRIPT, startNodeOptions } from "./start-command";

/** The last `CMD [...]` of the Dockerfile's final stage, as its JSON array. */
function dockerCmd(): string[] {
  const dockerfile = readFileSync(join(__dirname, "../../Dockerfile"), "utf8");
  const commands = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)];
  return JSON.parse(commands.at(-1)![1]) as string[];
}

describe("how production starts the server", () => {
  it("bounds the young and the old generation as docs/operations.md explains", () => {
    expect(startNodeOptions()).toEqual(
      expect.arrayContaining(["--max-semi-space-size=16", "--heap-growing-percent=50"]),
    );
  });

  it("runs the same command in the container as npm start", () => {
    expect(dockerCmd()).toEqual(["node", ...startNodeOptions(), MAIN_SCRIPT]);
  });
});
