import type { Adapter } from "@auth/core/adapters";

export interface CreditlineAdapterOptions {
  /** Creditline's base URL, e.g. "http://127.0.0.1:8080" (CREDITLINE_URL). */
  url: string;
  /** Creditline's ADAPTER_SECRET, sent as the X-Adapter-Secret header. */
  secret: string;
  /** fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
}

/** An answer Creditline refused; status and code come from its problem+json body. */
export declare class CreditlineError extends Error {
  readonly status: number;
  readonly code: string | undefined;
}

/** The Auth.js adapter backed by Creditline's /api/internal/auth (use with session: { strategy: "jwt" }). */
export declare function CreditlineAdapter(options: CreditlineAdapterOptions): Adapter;
