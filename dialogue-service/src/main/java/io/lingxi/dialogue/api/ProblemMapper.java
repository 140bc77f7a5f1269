package io.lingxi.dialogue.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; never leaks a stack trace or class name. */
public class ProblemMapper {

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e) {
        List<Problem.FieldError> errors = e instanceof FlowResource.FlowRejected rejected
                ? rejected.errors().stream().map(message -> new Problem.FieldError("flows", message)).toList()
                : e instanceof ConnectorResource.InvalidFields invalid ? invalid.errors() : List.of();
        RestResponse<Problem> response = respond(e.status(), e.title(), e.getMessage(), errors);
        if (e.status() == 429) {
            return RestResponse.ResponseBuilder.fromResponse(response).header("Retry-After", "3600").build();
        }
        if (e.status() == 401) {
            return RestResponse.ResponseBuilder.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lingxi\"").build();
        }
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return respond(400, "Invalid request", "The request has invalid fields; see errors.", errors);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadable(JsonProcessingException e) {
        return respond(400, "Malformed JSON", "The request body is not valid JSON for this operation.", List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == 400 && e.getCause() instanceof JsonProcessingException) {
            return unreadable((JsonProcessingException) e.getCause());
        }
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthenticated(RuntimeException e) {
        return problem(ProblemException.unauthorized("Send a valid bearer token."));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "Your role does not allow this operation.", List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Exception e) {
        Log.error("Unexpected failure while serving a request", e);
        return respond(500, "Internal Server Error", "Something went wrong on our side; please retry later.",
                List.of());
    }

    private static RestResponse<Problem> respond(int status, String title, String detail, List<Problem.FieldError> errors) {
        return RestResponse.ResponseBuilder.<Problem>create(status)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    /** "accept.arg1.text" → "text": callers know their JSON fields, not our method names. */
    private static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
