/** Users, linked accounts and verification tokens as stored for Auth.js. */
package dev.creditline.domain.user;
