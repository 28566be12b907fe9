// Swagger UI pointed at this service's OpenAPI document. No validator badge and no other
// remote URL: everything the page loads comes from this service (Content-Security-Policy 'self').
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
    persistAuthorization: true,
    displayRequestDuration: true,
    filter: true
  });
});
