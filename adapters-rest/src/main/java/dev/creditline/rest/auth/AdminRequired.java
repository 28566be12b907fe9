package dev.creditline.rest.auth;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource (class or method) for admins and owners only (domain.md "Roles"): {@link AdminFilter} answers
 * 403 before the body is read or any input looked at. Use with {@link BearerAuthRequired}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminRequired {
}
