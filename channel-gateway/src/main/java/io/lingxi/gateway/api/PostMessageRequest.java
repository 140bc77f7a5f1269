package io.lingxi.gateway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer's message sent by a channel.
 *
 * @param messageId  the channel's id of the message; sending the same id again is harmless
 * @param customerId the channel's id of the customer
 * @param type       {@code text} (default), {@code image}, {@code file}, {@code location} or {@code event}
 * @param text       what the customer wrote; the caption of an image or file
 * @param url        where an image or file can be fetched (http or https)
 * @param fileName   the file's name, for {@code file}
 * @param location   for {@code location}
 * @param event      for {@code event}
 * @param customer   profile hints about the customer (latest wins)
 * @param call       for phone channels: the call and how sure the speech recogniser was
 */
public record PostMessageRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces")
        String messageId,
        @NotBlank @Size(max = 128) String customerId,
        @Pattern(regexp = "text|image|file|location|event", message = "must be text, image, file, location or event")
        String type,
        @Size(max = PostMessageRequest.MAX_TEXT_LENGTH) String text,
        @Size(max = 2048) String url,
        @Size(max = 255) String fileName,
        @Valid Location location,
        @Valid Event event,
        @Valid Customer customer,
        @Valid Call call) {

    public static final int MAX_TEXT_LENGTH = 2000;

    /** A place the customer shared. */
    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Size(max = 200) String label) {
    }

    /**
     * Something the customer did rather than wrote.
     *
     * @param name  {@code session_opened}, {@code satisfaction} (value 1–5) or {@code quick_reply} (value: the
     *              button's payload, handled as the customer's text)
     */
    public record Event(
            @NotBlank @Pattern(regexp = "session_opened|satisfaction|quick_reply",
                    message = "must be session_opened, satisfaction or quick_reply") String name,
            @Size(max = 500) String value) {
    }

    /** What the channel knows about its customer. */
    public record Customer(@Size(max = 64) String name, @Size(max = 32) String vipLevel,
            @Size(max = 128) String externalId) {
    }

    /** A phone call's transcribed utterance. */
    public record Call(
            @NotBlank @Size(max = 128) String callId,
            @DecimalMin("0") @DecimalMax("1") Double confidence) {
    }
}
