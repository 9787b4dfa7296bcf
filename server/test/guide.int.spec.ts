import { createRegistryAccount } from "./factories";
import { codeOf } from "./graphql-client";
import {
  ACCOUNT,
  ACCOUNTS_SCREEN,
  LINK,
  LOGIN,
  LOGOUT,
  ME,
  REFRESH,
  REGISTER,
  SUBMIT,
  UNLINK,
  UPDATE_PROFILE,
} from "./operations";
import { startTestApp, type TestApp } from "./test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
});
afterAll(() => t.close());

/** The user guide (seed/000_…txt), screen by screen, as the app would call the API. */
it("walks the guide: register, log in, cards, add an account, send, correct, blocked, settings, logout", async () => {
  const home = await createRegistryAccount(t.db.dataSource, {
    number: "0001234567",
    holderName: "Сейткали Айгерим Нурлановна",
    address: 'г. Алматы, ул. "Толе би", д. 101, кв. 5',
    payments: ["3 100,00", "4 215,37"],
    meters: [{ serialNumber: "GAL-2019-0042", readings: [["1402.5", "2026-10-25T05:00:00Z"]] }],
  });
  const mother = await createRegistryAccount(t.db.dataSource, {
    number: "0007654321",
    holderName: "Иванова Мария Петровна",
    payments: ["980.10"],
  });
  const phone = t.client();

  // Registration: every field, the exact last payment with tiyn.
  const email = "aigerim@example.kz";
  const password = "Көктем-гүлі-2026";
  const registered = await phone.ok(REGISTER, {
    input: {
      email,
      password,
      passwordConfirmation: password,
      lastName: "Сейткали",
      firstName: "Айгерим",
      phone: "8 701 123 45 67",
      personType: "INDIVIDUAL",
      accountNumber: "0001234567",
      lastPaymentAmount: "4 215,37",
      acceptTerms: true,
      language: "RU",
    },
  });
  expect(registered.register.user.email).toBe(email);

  // Login with "remember me".
  const login = await phone.ok(LOGIN, { input: { email, password, rememberMe: true } });
  phone.accessToken = login.login.accessToken;

  // The accounts screen: a card with number, holder and address.
  const cards = await phone.ok(ACCOUNTS_SCREEN);
  expect(cards.me.accounts).toEqual([
    expect.objectContaining({
      number: "0001234567",
      holderName: "Сейткали Айгерим Нурлановна",
      address: 'г. Алматы, ул. "Толе би", д. 101, кв. 5',
    }),
  ]);

  // [+] adds the mother's account.
  await phone.ok(LINK, { input: { accountNumber: "0007654321", lastPaymentAmount: "980,10" } });
  expect((await phone.ok(ACCOUNTS_SCREEN)).me.accounts).toHaveLength(2);

  // Tap the card: history (value, date, who) and the sending window.
  const screen = (await phone.ok(ACCOUNT, { number: "0001234567" })).account.meters[0];
  expect(screen.readings.edges[0].node).toMatchObject({ value: "1402.500", source: "INSPECTOR" });
  expect(screen.submission).toMatchObject({ remaining: 2, minimumValue: "1402.500" });
  const meterId = screen.id;

  // Not below the previous reading.
  expect(codeOf(await phone.request(SUBMIT, { input: { meterId, value: "1400" } }))).toBe(
    "READING_BELOW_PREVIOUS",
  );
  // Send, correct once, then the screen changes.
  await phone.ok(SUBMIT, { input: { meterId, value: "1488,7" } });
  await phone.ok(SUBMIT, { input: { meterId, value: "1478.7" } });
  expect(codeOf(await phone.request(SUBMIT, { input: { meterId, value: "1490" } }))).toBe(
    "MONTHLY_LIMIT_REACHED",
  );
  const blocked = (await phone.ok(ACCOUNT, { number: "0001234567" })).account.meters[0].submission;
  expect(blocked).toMatchObject({ used: 2, remaining: 0, reopensAt: "2026-11-30T19:00:00.000Z" });

  // The mother's meter has its own limit.
  const motherMeter = (await phone.ok(ACCOUNT, { number: "0007654321" })).account.meters[0].id;
  await phone.ok(SUBMIT, { input: { meterId: motherMeter, value: "1510" } });
  expect(mother.account.number).toBe("0007654321");

  // Settings: personal data and language.
  await phone.ok(UPDATE_PROFILE, { input: { lastName: "Сейткалиева", language: "KK" } });
  expect((await phone.ok(ME)).me).toMatchObject({ lastName: "Сейткалиева", language: "KK" });

  // A user may remove an account he added.
  await phone.ok(UNLINK, { number: "0007654321" });
  expect((await phone.ok(ACCOUNTS_SCREEN)).me.accounts).toHaveLength(1);

  // Reopening the app: the cookie gives a new access token.
  phone.accessToken = undefined;
  phone.accessToken = (await phone.ok(REFRESH)).refreshSession.accessToken;
  expect((await phone.ok(ME)).me.email).toBe(email);

  // Logout ends the session on the server.
  const token = phone.accessToken;
  await phone.ok(LOGOUT);
  const stale = t.client();
  stale.accessToken = token;
  expect((await stale.ok(ME)).me).toBeNull();
  expect(codeOf(await phone.request(REFRESH))).toBe("UNAUTHENTICATED");
  expect(home.meters).toHaveLength(1);
});
