package io.lingxi.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer's message sent by a channel.
 *
 * @param messageId the channel's id of the message; sending the same id again is harmless
 * @param customerId the channel's id of the customer
 * @param text      what the customer wrote
 */
public record PostMessageRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces")
        String messageId,
        @NotBlank @Size(max = 128) String customerId,
        @NotBlank @Size(max = PostMessageRequest.MAX_TEXT_LENGTH) String text) {

    public static final int MAX_TEXT_LENGTH = 2000;
}
