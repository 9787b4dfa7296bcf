import { parameterize, unloggedParameters } from "./sql-parameters";

describe("parameterize", () => {
  it("turns a logged statement's literals back into parameters", () => {
    expect(
      parameterize(
        "SELECT * FROM t WHERE id = 12 AND at > TIMESTAMP'2026-12-07 10:00:00' AND k = 'a''b?' LIMIT 2",
      ),
    ).toEqual({
      sql: "SELECT * FROM t WHERE id = ? AND at > ? AND k = ? LIMIT 2",
      params: [12, "2026-12-07 10:00:00", "a'b?"],
    });
  });
});

describe("unloggedParameters", () => {
  it("counts the bare ? of a statement prepared before the log was on", () => {
    expect(unloggedParameters("SELECT u.* FROM users u WHERE u.id = ? AND s.expires_at > ?")).toBe(
      2,
    );
  });

  it("does not count a ? inside a string or a quoted name", () => {
    expect(unloggedParameters("SELECT 'why?' AS `a?` FROM t WHERE id = 12")).toBe(0);
  });
});
