import { AppError } from "./app-error";

describe("AppError", () => {
  it("carries its code and no stack frames, and leaves other errors' stacks whole", () => {
    const limit = Error.stackTraceLimit;
    const error = new AppError("METER_NOT_FOUND", { field: "meterId" });
    expect(error.code).toBe("METER_NOT_FOUND");
    expect(error.extensions).toMatchObject({ code: "METER_NOT_FOUND", field: "meterId" });
    expect(error.stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error("fault").stack).toMatch(/\n\s+at /);
  });
});
