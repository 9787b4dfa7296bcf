import { buildSchema } from "graphql";
import { deprecationOf, schemaHistory, unreleasedSection } from "./schema-history";

const released = buildSchema(`
  enum Source { APP PARTNER FAX @deprecated(reason: "Nobody sends faxes. Removal on 2027-01-01.") }
  type Reading {
    id: ID!
    value: String!
    source: Source!
    legacyValue: Float @deprecated(reason: "Use value. Removal on 2026-12-01.")
    note: String @deprecated(reason: "Use comment.")
  }
  type Query { reading(id: ID!, period: String): Reading }
`);

const changed = (sdl: string) =>
  buildSchema(`
  enum Source { APP PARTNER FAX @deprecated(reason: "Nobody sends faxes. Removal on 2027-01-01.") }
  ${sdl}
`);
const TODAY = new Date("2026-12-06T12:00:00Z");
const changelog = (unreleased: string) =>
  `# Changelog\n\n## Unreleased\n\n${unreleased}\n\n## Schema — 2026-12-06\n\n- \`Reading.id\` old news\n`;

describe("schemaHistory", () => {
  it("lets an additive change through", async () => {
    const current = changed(`
      type Reading { id: ID! value: String! source: Source! legacyValue: Float note: String comment: String }
      type Query { reading(id: ID!, period: String): Reading }
    `);
    const report = await schemaHistory(released, current, changelog(""), TODAY);
    expect(report.breaking).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.safe.map((c) => c.path)).toContain("Reading.comment");
  });

  it("reports a dangerous change (a new enum value) without failing", async () => {
    const current = buildSchema(`
      enum Source { APP PARTNER FAX @deprecated(reason: "Nobody sends faxes. Removal on 2027-01-01.") OPERATOR }
      type Reading { id: ID! value: String! source: Source! legacyValue: Float note: String }
      type Query { reading(id: ID!, period: String): Reading }
    `);
    const report = await schemaHistory(released, current, changelog(""), TODAY);
    expect(report.dangerous.map((c) => c.path)).toEqual(["Source.OPERATOR"]);
    expect(report.problems).toEqual([]);
  });

  const typeChanged = changed(`
    type Reading { id: ID! value: String source: Source! legacyValue: Float note: String }
    type Query { reading(id: ID!, period: String): Reading }
  `);

  it("fails on a breaking change the changelog does not name", async () => {
    const report = await schemaHistory(released, typeChanged, changelog("- something"), TODAY);
    expect(report.breaking.map((c) => c.path)).toEqual(["Reading.value"]);
    expect(report.problems).toEqual([expect.stringMatching(/^Breaking: .*`Reading.value`/)]);
  });

  it("fails when the path is named in an older section only", async () => {
    const older = changelog("").replace("`Reading.id`", "`Reading.value`");
    const report = await schemaHistory(released, typeChanged, older, TODAY);
    expect(report.problems).toHaveLength(1);
  });

  it("lets a breaking change through once the Unreleased section names it", async () => {
    const notes = changelog(
      "- **`Reading.value: String`** (was `String!`): null before the first reading.",
    );
    const report = await schemaHistory(released, typeChanged, notes, TODAY);
    expect(report.problems).toEqual([]);
  });

  it("does not take a longer path for the one named", async () => {
    const notes = changelog("- `Reading.valueText` is new");
    const report = await schemaHistory(released, typeChanged, notes, TODAY);
    expect(report.problems).toHaveLength(1);
  });

  it("lets a field deprecated with a past removal date go, when the changelog names it", async () => {
    const current = changed(`
      type Reading { id: ID! value: String! source: Source! note: String }
      type Query { reading(id: ID!, period: String): Reading }
    `);
    const notes = changelog("- Removed `Reading.legacyValue` (deprecated since 2026-09).");
    const report = await schemaHistory(released, current, notes, TODAY);
    expect(report.breaking.map((c) => c.type)).toEqual(["FIELD_REMOVED"]);
    expect(report.problems).toEqual([]);
  });

  it("fails on removing a field deprecated without a removal date", async () => {
    const current = changed(`
      type Reading { id: ID! value: String! source: Source! legacyValue: Float }
      type Query { reading(id: ID!, period: String): Reading }
    `);
    const report = await schemaHistory(released, current, changelog("- `Reading.note`"), TODAY);
    expect(report.problems).toEqual([
      expect.stringMatching(/^Removed without notice: Reading.note/),
    ]);
  });

  it("fails on removing a field that was never deprecated, even when listed", async () => {
    const current = changed(`
      type Reading { id: ID! source: Source! legacyValue: Float note: String }
      type Query { reading(id: ID!, period: String): Reading }
    `);
    const report = await schemaHistory(released, current, changelog("- `Reading.value`"), TODAY);
    expect(report.problems).toEqual([
      expect.stringMatching(/Removed without notice: Reading.value/),
    ]);
  });

  it("fails on removing an enum value before its removal date", async () => {
    const current = buildSchema(`
      enum Source { APP PARTNER }
      type Reading { id: ID! value: String! source: Source! legacyValue: Float note: String }
      type Query { reading(id: ID!, period: String): Reading }
    `);
    const report = await schemaHistory(released, current, changelog("- `Source.FAX`"), TODAY);
    expect(report.problems).toEqual([
      "Removed too early: Source.FAX was announced for removal on 2027-01-01.",
    ]);
  });

  it("fails on removing an argument without notice", async () => {
    const current = changed(`
      type Reading { id: ID! value: String! source: Source! legacyValue: Float note: String }
      type Query { reading(id: ID!): Reading }
    `);
    const report = await schemaHistory(released, current, changelog(""), TODAY);
    expect(report.problems).toEqual([
      expect.stringMatching(/^Breaking: .*`Query.reading.period`/),
      expect.stringMatching(/^Removed without notice: Query.reading.period/),
    ]);
  });
});

describe("unreleasedSection and deprecationOf", () => {
  it("reads the Unreleased section up to the next heading, or to the end", () => {
    expect(unreleasedSection(changelog("- a"))).toBe("\n- a\n\n");
    expect(unreleasedSection("# C\n\n## Unreleased\n\n- b\n")).toBe("\n- b\n");
    expect(unreleasedSection("# C\n\n## Schema — 2026-12-06\n- c\n")).toBe("");
  });

  it("finds the deprecation of fields, enum values and unknown paths", () => {
    expect(deprecationOf(released, "Reading.legacyValue")).toMatch(/2026-12-01/);
    expect(deprecationOf(released, "Source.FAX")).toMatch(/2027-01-01/);
    expect(deprecationOf(released, "Reading.value")).toBeNull();
    expect(deprecationOf(released, "Nope.value")).toBeNull();
  });
});
