/** Outgoing ports of the User Service family: stats cache, model-call queries, credit views. */
package dev.creditline.application.port.out.analytics;
