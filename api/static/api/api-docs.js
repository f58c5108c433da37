// Starts Swagger UI on the API's OpenAPI document, from a file rather than an
// inline script: the page keeps the site's Content-Security-Policy.
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("api-docs");
  window.SwaggerUIBundle({
    url: root.dataset.document,
    domNode: root,
    deepLinking: true,
    // Each parameter's bounds (minimum, maximum, maxLength, pattern) shown.
    showCommonExtensions: true,
    // The document is this site's: no validator badge calling another host.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
