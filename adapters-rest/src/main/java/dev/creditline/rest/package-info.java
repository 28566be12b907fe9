/** Creditline rest module. */
package dev.creditline.rest;
