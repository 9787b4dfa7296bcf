import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, fieldOf } from "../../test/graphql-client";
import { ME, UPDATE_PROFILE, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("updateProfile", () => {
  it("changes names, phone and language, and keeps what was not sent", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(await createRegistryAccount(t.db.dataSource)));
    const updated = await client.ok(UPDATE_PROFILE, {
      input: { firstName: " Ерлан ", phone: "+7 (777) 765-43-21", language: "KK" },
    });
    expect(updated.updateProfile).toEqual({
      firstName: "Ерлан",
      lastName: "Сейткали",
      phone: "+77777654321",
      language: "KK",
    });
    expect((await client.ok(ME)).me).toMatchObject({ firstName: "Ерлан", language: "KK" });
  });

  it.each([
    [{ phone: "12345" }, "INVALID_PHONE", "phone"],
    [{ lastName: "  " }, "VALIDATION_FAILED", "lastName"],
    [{ language: "DE" }, "VALIDATION_FAILED", "language"],
  ])("refuses %j and changes nothing", async (input, code, field) => {
    const client = t.client();
    await registerAndLogin(client, registration(await createRegistryAccount(t.db.dataSource)));
    const before = (await client.ok(ME)).me;
    const response = await client.request(UPDATE_PROFILE, { input });
    expect(codeOf(response)).toBe(code);
    expect(fieldOf(response)).toBe(field);
    expect((await client.ok(ME)).me).toEqual(before);
  });

  it("requires a login", async () => {
    expect(codeOf(await t.client().request(UPDATE_PROFILE, { input: { firstName: "X" } }))).toBe(
      "UNAUTHENTICATED",
    );
  });
});
