/**
 * What operators and browsers need around the API (api.md "Operations"): CORS, per-request
 * logs and metrics, the Prometheus scrape endpoint and the OpenAPI document assembled from
 * per-feature fragments.
 */
package dev.creditline.rest.operations;
