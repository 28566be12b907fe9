/**
 * PostgreSQL adapter: JDBI repositories implementing the outbound ports, Flyway migrations
 * ({@code db/migration}) and the Hikari pool. Correctness lives in the schema: CHECK
 * constraints, unique indexes, row locks and conditional updates.
 */
package dev.creditline.persistence;
