/**
 * HTTP adapter on Jersey: resources (one per use case family), JSON mapping, the auth filters
 * (bearer token, adapter secret, service secret) and problem+json exception mappers.
 * Depends on the application's inbound ports and the domain only.
 */
package dev.creditline.rest;
