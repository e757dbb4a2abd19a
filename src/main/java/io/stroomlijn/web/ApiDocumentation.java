package io.stroomlijn.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of Stroomlijn's own APIs ({@code /api/flows}, {@code /api/approvals}):
 * HTTP Basic for every operation, and the error format described once and referred to by every
 * operation's refusals.
 */
@Configuration
class ApiDocumentation {

  static final String ERROR = "Error";
  private static final String BASIC = "basic";

  /** The refusals every operation can answer, with what they mean. */
  private static final Map<String, String> REFUSALS =
      Map.of(
          "400", "Bad input: the error names the field or parameter at fault; nothing changed.",
          "401", "No or wrong credentials (HTTP Basic).",
          "403", "The user may not do this; the error says which permission is missing.",
          "404", "No such flow, run, request or record.",
          "409", "The request conflicts with the current state (e.g. already answered).",
          "429", "Too many wrong passwords from this client: wait Retry-After seconds.");

  @Bean
  OpenApiCustomizer errorsAndLogin() {
    return api -> {
      api.info(
          new Info()
              .title("Stroomlijn")
              .version("v1")
              .description(
                  "Flows (instant, scheduled, trigger log, templates, consent) and approvals. Every"
                      + " refusal is JSON: {\"error\": {\"code\", \"message\", \"target\"}}. The ERP"
                      + " API (/api/v2.0) is Business Central's and is described the OData way."));
      Components components = api.getComponents() == null ? new Components() : api.getComponents();
      components.addSecuritySchemes(
          BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
      components.addSchemas(ERROR, errorSchema());
      api.components(components);
      api.addSecurityItem(new SecurityRequirement().addList(BASIC));
      addRefusals(api);
    };
  }

  private static void addRefusals(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths().values().stream()
        .flatMap(path -> path.readOperations().stream())
        .forEach(
            operation ->
                REFUSALS.forEach(
                    (status, meaning) -> {
                      if (operation.getResponses() != null
                          && !operation.getResponses().containsKey(status)) {
                        operation
                            .getResponses()
                            .addApiResponse(
                                status,
                                new ApiResponse()
                                    .description(meaning)
                                    .content(
                                        new Content()
                                            .addMediaType(
                                                "application/json",
                                                new MediaType()
                                                    .schema(
                                                        new Schema<>()
                                                            .$ref(
                                                                "#/components/schemas/"
                                                                    + ERROR)))));
                      }
                    }));
  }

  private static Schema<?> errorSchema() {
    Schema<?> detail =
        new ObjectSchema()
            .addProperty("code", new StringSchema().description("a stable error code"))
            .addProperty("message", new StringSchema().description("what is wrong, for people"))
            .addProperty(
                "target", new StringSchema().description("the field or parameter at fault"));
    return new ObjectSchema().description("Every refusal of the API").addProperty("error", detail);
  }
}
