import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcrypt";
import jwt from "jsonwebtoken";
import { type Sql, sqlTime } from "./database";
import { fail, type Viewer } from "./rows";

export async function login(
  db: Sql,
  secrets: { jwt: string; pepper: string },
  input: { email: string; password: string },
) {
  const [user] = await db.all<{ id: number; password_hash: string }>(
    "SELECT id, password_hash FROM users WHERE email_normalized = ?",
    [input.email.trim().toLowerCase()],
  );
  const prehash = createHmac("sha384", secrets.pepper).update(input.password).digest("base64");
  if (!user || !(await bcrypt.compare(prehash, user.password_hash)))
    throw fail("INVALID_CREDENTIALS");
  const sid = randomUUID();
  const now = new Date();
  await db.run(
    `INSERT INTO sessions (id, user_id, token_hash, remember_me, expires_at, created_at, last_used_at)
     VALUES (?, ?, ?, 0, ?, ?, ?)`,
    [
      sid,
      user.id,
      createHash("sha256").update(randomBytes(32)).digest("hex"),
      sqlTime(new Date(now.getTime() + 12 * 3600_000)),
      sqlTime(now),
      sqlTime(now),
    ],
  );
  const accessToken = jwt.sign({ sid }, secrets.jwt, {
    algorithm: "HS256",
    expiresIn: 600,
    issuer: "gas-readings",
    audience: "gas-api",
    subject: String(user.id),
    header: { alg: "HS256", typ: "at+jwt" },
  });
  return { accessToken };
}

export async function viewerOf(
  db: Sql,
  secret: string,
  header: string | undefined,
): Promise<Viewer | null> {
  const token = header?.startsWith("Bearer ") ? header.slice(7) : null;
  if (!token) return null;
  try {
    const claims = jwt.verify(token, secret, {
      algorithms: ["HS256"],
      issuer: "gas-readings",
      audience: "gas-api",
    }) as { sub: string; sid: string };
    const [user] = await db.all<Viewer>(
      `SELECT u.id, u.email FROM users u JOIN sessions s ON s.user_id = u.id
         WHERE s.id = ? AND u.id = ? AND s.expires_at > ?`,
      [claims.sid, Number(claims.sub), sqlTime(new Date())],
    );
    return user ?? null;
  } catch {
    return null;
  }
}
