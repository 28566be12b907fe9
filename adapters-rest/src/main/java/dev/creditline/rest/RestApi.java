package dev.creditline.rest;

import dev.creditline.rest.auth.AdapterSecretFilter;
import dev.creditline.rest.auth.AdminFilter;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.ServiceSecretFilter;
import dev.creditline.rest.filter.BodySizeLimitFilter;
import dev.creditline.rest.filter.ContentTypeFilter;
import dev.creditline.rest.filter.ParameterTextFilter;
import dev.creditline.rest.filter.RequestIdFilter;
import dev.creditline.rest.json.ObjectMappers;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.problem.ApiProblemMapper;
import dev.creditline.rest.problem.ConstraintViolationMapper;
import dev.creditline.rest.problem.DomainExceptionMapper;
import dev.creditline.rest.problem.IncompleteBodyMapper;
import dev.creditline.rest.problem.JsonExceptionMapper;
import dev.creditline.rest.problem.UnexpectedExceptionMapper;
import dev.creditline.rest.problem.WebApplicationExceptionMapper;
import java.util.Optional;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.validation.ValidationFeature;

/**
 * The Jersey application without resources: JSON, request ids, body limit, auth filters and
 * problem+json mappers. The composition root (bootstrap) registers resource instances on it.
 */
public final class RestApi {

    private RestApi() {
    }

    /**
     * Settings of the HTTP layer.
     *
     * @param adapterSecret {@code ADAPTER_SECRET}; empty disables the Auth.js adapter API (503)
     * @param serviceSecret {@code SERVICE_SECRET}; empty disables the internal metering API (503)
     * @param maxBodyBytes  largest request body in bytes (413 above)
     */
    public record Settings(Optional<String> adapterSecret, Optional<String> serviceSecret, long maxBodyBytes) {
    }

    /** A resource config with every provider of the API registered, ready for resources. */
    public static ResourceConfig base(Settings settings, BearerAuthFilter bearerAuth) {
        ResourceConfig rc = new ResourceConfig();
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        rc.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(ObjectMappers.class);
        rc.register(new RequestBodies());
        rc.register(ValidationFeature.class);
        rc.register(new RequestIdFilter());
        rc.register(new BodySizeLimitFilter(settings.maxBodyBytes()));
        rc.register(new ContentTypeFilter());
        rc.register(new ParameterTextFilter());
        rc.register(new AdapterSecretFilter(settings.adapterSecret()));
        rc.register(new ServiceSecretFilter(settings.serviceSecret()));
        rc.register(bearerAuth);
        rc.register(new AdminFilter());
        rc.register(new ApiProblemMapper());
        rc.register(new DomainExceptionMapper());
        rc.register(new JsonExceptionMapper());
        rc.register(new ConstraintViolationMapper());
        rc.register(new IncompleteBodyMapper());
        rc.register(new WebApplicationExceptionMapper());
        rc.register(new UnexpectedExceptionMapper());
        return rc;
    }
}
