/**
 * Use cases of Creditline: inbound ports ({@code port.in}), outbound ports ({@code port.out})
 * and the services implementing the use cases on top of the domain. Depends on the domain only.
 */
package dev.creditline.application;
