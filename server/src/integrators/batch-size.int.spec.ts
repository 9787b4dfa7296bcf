import { BODY_LIMIT_BYTES } from "../app";
import { integratorClient, UPSERT_ACCOUNTS } from "../../test/integrator-operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// Issue 19 item 3: a full registry batch, as Python's json.dumps sends it (every non-ASCII
// character escaped as \uXXXX, six bytes for each Cyrillic letter), fits the body limit.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const SURNAMES = ["Сейткали", "Жумабекова", "Нуртазин", "Ахметова", "Кенжебаев", "Оспанова"];
const NAMES = ["Айгерим Нурлановна", "Ерлан Серикович", "Гульнара Маратовна", "Данияр Болатович"];
const STREETS = ["ул. Жолдасбекова", "пр. Абылай хана", "мкр. Самал-2", "ул. Тимирязева"];

const accounts = Array.from({ length: 1000 }, (_, i) => ({
  number: String(1_000_000_000 + i).padStart(10, "0"),
  holderName: `${SURNAMES[i % SURNAMES.length]} ${NAMES[i % NAMES.length]}`,
  address: `г. Алматы, Бостандыкский район, ${STREETS[i % STREETS.length]}, д. ${i % 97}, кв. ${i}`,
  ownerBin: null,
}));

/** JSON as Python's `json.dumps` writes it by default: ", " and ": ", non-ASCII escaped. */
const pythonJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))
    .replace(/","/g, '", "')
    .replace(/":/g, '": ');

it("takes 1,000 accounts with \\uXXXX-escaped Cyrillic (about 441 KB) in one request", async () => {
  const { client } = await integratorClient(t, ["registry:write"]);
  const body = pythonJson({ query: UPSERT_ACCOUNTS, variables: { items: accounts } });
  expect(body.length).toBeGreaterThan(400_000);
  expect(body.length).toBeLessThan(BODY_LIMIT_BYTES / 2);
  const response = await fetch(client.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${client.accessToken}` },
    body,
  });
  const answer = (await response.json()) as any;
  expect(answer.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(answer.data.upsertAccounts).toMatchObject({ created: 1000, rejected: 0 });
  const stored = await t.db.dataSource.query(
    "SELECT holder_name AS name FROM accounts WHERE number = '1000000999'",
  );
  expect(stored[0].name).toBe(accounts[999].holderName);
});
