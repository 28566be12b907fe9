/** Services implementing the inbound ports using only outbound ports and the domain. */
package dev.creditline.application.service;
