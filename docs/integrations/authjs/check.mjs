// Runs the real Auth.js magic-link (email provider) sign-in through creditline-adapter.js against a
// Creditline service, then calls /api/users/me with the session cookie's token as a bearer token.
//
//   node check.mjs            starts `java -jar bootstrap/target/creditline.jar dev` on a free port with a
//                             throw-away data directory (build the jar first: ./mvnw -q -DskipTests package)
//   CREDITLINE_URL=… ADAPTER_SECRET=… AUTH_SECRET=… node check.mjs    uses a running service instead
//
// Prints one line per step; exits 0 when every step passed, 1 otherwise.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { Auth } from "@auth/core";
import { CreditlineAdapter } from "./creditline-adapter.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const authCoreVersion = JSON.parse(readFileSync(join(here, "node_modules/@auth/core/package.json"), "utf8")).version;

let child;
let dataDir;
const step = (name) => console.log(`ok - ${name}`);

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on("error", rej);
  });
}

/** Starts `creditline dev` and returns the variables of its printed block. */
async function startDevService() {
  const jar = join(root, "bootstrap/target/creditline.jar");
  if (!existsSync(jar)) throw new Error(`${jar} not found: run ./mvnw -q -DskipTests package first`);
  dataDir = mkdtempSync(join(tmpdir(), "creditline-authjs-"));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_FORMAT: "text" };
  for (const k of ["DATABASE_URL", "HOST", "ADAPTER_SECRET", "AUTH_SECRET", "SERVICE_SECRET", "FRONTEND_URL"]) delete env[k];
  child = spawn("java", ["-jar", jar, "dev"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const m = out.match(/==== Creditline dev mode[\s\S]*?\n====\n/);
    if (m) {
      const vars = Object.fromEntries([...m[0].matchAll(/^export ([A-Z_]+)=(\S+)$/gm)].map((x) => [x[1], x[2]]));
      step(`started creditline dev at ${vars.CREDITLINE_URL}`);
      return vars;
    }
    if (child.exitCode !== null) throw new Error(`creditline dev exited ${child.exitCode}:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`creditline dev printed no block within 120 s:\n${out}`);
}

/** Set-Cookie headers of a Response → { name: value }. */
function cookiesOf(response) {
  const jar = {};
  for (const c of response.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return jar;
}
const cookieHeader = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join("; ");

async function main() {
  const vars = process.env.CREDITLINE_URL && process.env.ADAPTER_SECRET && process.env.AUTH_SECRET
    ? { CREDITLINE_URL: process.env.CREDITLINE_URL, ADAPTER_SECRET: process.env.ADAPTER_SECRET, AUTH_SECRET: process.env.AUTH_SECRET }
    : await startDevService();
  const service = vars.CREDITLINE_URL;
  const adapter = CreditlineAdapter({ url: service, secret: vars.ADAPTER_SECRET });
  const email = `magic-${Date.now()}@example.com`;

  // The adapter contract on its own: null for not-found, dates revived.
  assert.equal(await adapter.getUser("00000000-0000-4000-8000-000000000000"), null);
  assert.equal(await adapter.getUserByEmail(email), null);
  assert.equal(await adapter.getUserByAccount({ provider: "github", providerAccountId: "nobody" }), null);
  step("adapter answers null for unknown users");

  let verificationUrl;
  let expectedError = false;
  const origin = "http://localhost:3000";
  const config = {
    adapter,
    secret: vars.AUTH_SECRET,
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "jwt" },
    providers: [{
      id: "email",
      type: "email",
      name: "Email",
      from: "auth@example.com",
      maxAge: 24 * 60 * 60,
      options: {},
      async sendVerificationRequest({ identifier, url }) {
        assert.equal(identifier, email);
        verificationUrl = url;
      },
    }],
    logger: { error: (e) => expectedError || console.error("auth.js error:", e), warn: () => {}, debug: () => {} },
  };

  // 1. CSRF token (double-submit cookie).
  const csrfRes = await Auth(new Request(`${origin}/api/auth/csrf`), config);
  const jar = cookiesOf(csrfRes);
  const { csrfToken } = await csrfRes.json();
  assert.ok(csrfToken);
  // 2. POST signin/email: Auth.js stores a verification token through the adapter and "sends" the link.
  const signin = await Auth(new Request(`${origin}/api/auth/signin/email`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${origin}/dashboard` }),
  }), config);
  assert.equal(signin.status, 302, `signin/email answered ${signin.status}`);
  assert.match(signin.headers.get("location"), /verify-request/);
  assert.ok(verificationUrl, "sendVerificationRequest was called");
  step("signin/email stored a verification token in Creditline and produced the magic link");
  // 3. Follow the magic link: callback/email uses the token, creates the user, sets the session cookie.
  const callback = await Auth(new Request(verificationUrl, { headers: { Cookie: cookieHeader(jar) } }), config);
  assert.equal(callback.status, 302, `callback/email answered ${callback.status}`);
  assert.equal(callback.headers.get("location"), `${origin}/dashboard`);
  Object.assign(jar, cookiesOf(callback));
  const sessionToken = Object.keys(jar).filter((k) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(k)).sort()
    .map((k) => jar[k]).join("");
  assert.ok(sessionToken, "session cookie set");
  step("callback/email signed the user in (authjs.session-token cookie set)");
  // The link works once: the adapter's useVerificationToken answered null the second time.
  expectedError = true;
  const again = await Auth(new Request(verificationUrl), config);
  expectedError = false;
  assert.match(again.headers.get("location") ?? "", /error=Verification/);
  step("the magic link is refused the second time (token used once)");

  const session = await (await Auth(new Request(`${origin}/api/auth/session`, { headers: { Cookie: cookieHeader(jar) } }), config)).json();
  assert.equal(session?.user?.email, email);
  const stored = await adapter.getUserByEmail(email);
  assert.ok(stored, "user created in Creditline");
  assert.ok(stored.emailVerified instanceof Date, "emailVerified revived as a Date");
  assert.equal(typeof stored.credits_balance, "number");
  step(`Creditline holds the user ${stored.id} (emailVerified ${stored.emailVerified.toISOString()})`);

  // 4. The session cookie's token is a Creditline bearer token.
  const me = await fetch(`${service}/api/users/me`, { headers: { Authorization: `Bearer ${sessionToken}` } });
  const meBody = await me.json();
  assert.equal(me.status, 200, JSON.stringify(meBody));
  assert.equal(meBody.email, email);
  assert.equal(meBody.id, stored.id);
  step(`GET /api/users/me with the session token → 200 ${meBody.email}, ${meBody.credits_balance} credits, plan ${meBody.plan}`);

  // The rest of the adapter: accounts, updates, deletion.
  await adapter.linkAccount({ userId: stored.id, type: "oauth", provider: "github", providerAccountId: `gh-${Date.now()}` });
  const linked = await adapter.getUserByEmail(email);
  const updated = await adapter.updateUser({ id: stored.id, name: "Magic Link" });
  assert.equal(updated.name, "Magic Link");
  assert.equal(linked.id, stored.id);
  const vt = await adapter.createVerificationToken({ identifier: email, token: "t-1", expires: new Date(Date.now() + 60_000) });
  assert.ok(vt.expires instanceof Date);
  assert.ok((await adapter.useVerificationToken({ identifier: email, token: "t-1" })).expires instanceof Date);
  assert.equal(await adapter.useVerificationToken({ identifier: email, token: "t-1" }), null);
  await adapter.deleteUser(stored.id);
  assert.equal(await adapter.getUser(stored.id), null);
  const gone = await fetch(`${service}/api/users/me`, { headers: { Authorization: `Bearer ${sessionToken}` } });
  assert.equal(gone.status, 401);
  step("linkAccount, updateUser, verification tokens and deleteUser behave (deleted user's token → 401)");
  console.log(`PASS: Auth.js magic-link sign-in through creditline-adapter.js (@auth/core ${authCoreVersion}, Node ${process.version})`);
}

let code = 0;
try {
  await main();
} catch (e) {
  console.error("FAIL:", e?.stack ?? e);
  code = 1;
} finally {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
