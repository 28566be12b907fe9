// Auth.js adapter over Creditline's adapter API (/api/internal/auth). ESM, no dependencies;
// typed with JSDoc against @auth/core's Adapter interface (creditline-adapter.d.ts for TypeScript).
//
// Users, accounts and verification tokens live in Creditline; sessions are Auth.js JWTs
// (session: { strategy: "jwt" }), which Creditline also accepts as bearer tokens.

/** @typedef {import("@auth/core/adapters").Adapter} Adapter */
/** @typedef {import("@auth/core/adapters").AdapterUser} AdapterUser */
/** @typedef {import("@auth/core/adapters").AdapterAccount} AdapterAccount */
/** @typedef {import("@auth/core/adapters").VerificationToken} VerificationToken */

/**
 * @typedef {object} CreditlineAdapterOptions
 * @property {string} url Creditline's base URL, e.g. "http://127.0.0.1:8080" (CREDITLINE_URL)
 * @property {string} secret Creditline's ADAPTER_SECRET, sent as the X-Adapter-Secret header
 * @property {typeof fetch} [fetch] fetch implementation (default: the global fetch)
 */

/** An answer Creditline refused; `status` and `code` come from its problem+json body. */
export class CreditlineError extends Error {
  /**
   * @param {number} status
   * @param {string | undefined} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = "CreditlineError";
    this.status = status;
    this.code = code;
  }
}

/**
 * The Auth.js adapter backed by Creditline.
 *
 * Every method answers what the Adapter contract says: dates are `Date` objects, a missing
 * user or token is `null`. Creditline's own fields (`credits_balance`, `plan`) stay on the user.
 *
 * @param {CreditlineAdapterOptions} options
 * @returns {Adapter}
 */
export function CreditlineAdapter(options) {
  if (!options?.url) throw new TypeError("CreditlineAdapter: url is required (CREDITLINE_URL)");
  if (!options?.secret) throw new TypeError("CreditlineAdapter: secret is required (ADAPTER_SECRET)");
  const base = options.url.replace(/\/+$/, "") + "/api/internal/auth";
  const doFetch = options.fetch ?? globalThis.fetch;
  const seg = encodeURIComponent;

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {number[]} [nullOn] statuses that mean "not found" (answered as null)
   * @returns {Promise<any>}
   */
  async function call(method, path, body, nullOn = []) {
    const res = await doFetch(base + path, {
      method,
      headers: {
        "X-Adapter-Secret": options.secret,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (nullOn.includes(res.status)) return null;
    if (res.status === 204) return null;
    const text = await res.text();
    /** @type {any} */
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const detail = json?.detail ?? text ?? res.statusText;
      throw new CreditlineError(res.status, json?.code,
        `Creditline ${method} ${path.split("/").slice(0, 2).join("/")}: ${res.status} ${json?.code ?? ""} ${detail}`.trim());
    }
    return json;
  }

  /** @param {any} u @returns {AdapterUser | null} */
  const user = (u) => (u == null ? null : { ...u, emailVerified: toDate(u.emailVerified) });
  /** @param {any} t @returns {VerificationToken | null} */
  const token = (t) => (t == null ? null : { ...t, expires: /** @type {Date} */ (toDate(t.expires)) });

  return {
    async createUser({ email, name, image, emailVerified }) {
      return /** @type {AdapterUser} */ (user(await call("POST", "/users", {
        email, name: name ?? null, image: image ?? null, emailVerified: emailVerified ?? null,
      })));
    },
    async getUser(id) {
      return user(await call("GET", `/users/${seg(id)}`));
    },
    async getUserByEmail(email) {
      return user(await call("GET", `/users/by-email/${seg(email)}`));
    },
    async getUserByAccount({ provider, providerAccountId }) {
      return user(await call("GET", `/users/by-account/${seg(provider)}/${seg(providerAccountId)}`));
    },
    async updateUser({ id, ...changes }) {
      /** @type {Record<string, unknown>} */
      const body = {};
      for (const k of ["name", "image", "emailVerified"]) {
        if (k in changes) body[k] = /** @type {any} */ (changes)[k] ?? null;
      }
      return /** @type {AdapterUser} */ (user(await call("PUT", `/users/${seg(id)}`, body)));
    },
    async deleteUser(id) {
      await call("DELETE", `/users/${seg(id)}`, undefined, [404]);
    },
    async linkAccount(account) {
      return /** @type {AdapterAccount} */ (await call("POST", "/accounts", account));
    },
    async unlinkAccount({ provider, providerAccountId }) {
      await call("DELETE", `/accounts/${seg(provider)}/${seg(providerAccountId)}`);
    },
    async createVerificationToken({ identifier, token: value, expires }) {
      return token(await call("POST", "/verification-tokens", { identifier, token: value, expires }));
    },
    async useVerificationToken({ identifier, token: value }) {
      return token(await call("POST", "/verification-tokens/use", { identifier, token: value }));
    },
  };
}

/** @param {unknown} v @returns {Date | null} */
function toDate(v) {
  if (v == null) return null;
  if (v instanceof Date) return v;
  const d = new Date(/** @type {string} */ (v));
  return Number.isNaN(d.getTime()) ? null : d;
}
