/**
 * Use cases of the User Service family ({@code /api/user}; analytics.md): credit views, model-call
 * history and export, usage stats from the stats cache, and cache maintenance.
 */
package dev.creditline.application.port.in.analytics;
