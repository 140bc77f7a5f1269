package io.lingxi.handoff.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}; never leaks a stack trace or class name.
 * Authentication is lazy ({@code quarkus.http.auth.proactive=false}) so that its failures arrive here too.
 */
public class ProblemMapper {

    private static final String BEARER_CHALLENGE = "Bearer realm=\"lingxi\"";

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e) {
        RestResponse<Problem> response = respond(e.status(), e.title(), e.getMessage(), List.of());
        return e.status() == 401 ? challenge(response) : response;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<Problem> unauthenticated(RuntimeException e) {
        return challenge(respond(401, "Unauthorized",
                "Send a valid access token as 'Authorization: Bearer <token>'.", List.of()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "Your role does not allow this operation.", List.of());
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

    /** Two requests changed the same row at once and this one lost: the client may read again and retry. */
    @ServerExceptionMapper({ StaleStateException.class, OptimisticLockException.class })
    public RestResponse<Problem> concurrentChange(RuntimeException e) {
        Log.warn("Concurrent change refused: " + e.getMessage());
        return respond(409, "Conflict", "Someone else changed this at the same time; please reload and retry.",
                List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Exception e) {
        Log.error("Unexpected failure while serving a request", e);
        return respond(500, "Internal Server Error", "Something went wrong on our side; please retry later.",
                List.of());
    }

    private static RestResponse<Problem> challenge(RestResponse<Problem> response) {
        return RestResponse.ResponseBuilder.fromResponse(response)
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE).build();
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
