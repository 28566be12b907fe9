/** Users, linked accounts and verification tokens as stored for Auth.js (domain.md "Users"). */
package dev.creditline.domain.user;
