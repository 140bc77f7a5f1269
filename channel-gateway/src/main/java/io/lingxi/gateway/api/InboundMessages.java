package io.lingxi.gateway.api;

import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.service.InboundMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a validated {@link PostMessageRequest} into what the gateway stores and publishes. */
final class InboundMessages {

    private InboundMessages() {
    }

    static InboundMessage from(PostMessageRequest request, ChannelType channelType) {
        String type = request.type() == null ? "text" : request.type();
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        String caption = blankToNull(request.text());
        String text = null;
        boolean publish = true;
        switch (type) {
            case "text" -> {
                if (caption == null) {
                    errors.add(new Problem.FieldError("text", "must not be blank"));
                }
                text = caption;
            }
            case "image", "file" -> {
                if (request.url() == null || !isHttpUrl(request.url())) {
                    errors.add(new Problem.FieldError("url", "must be an absolute http or https URL"));
                }
                if ("file".equals(type) && blankToNull(request.fileName()) == null) {
                    errors.add(new Problem.FieldError("fileName", "must not be blank for a file"));
                }
                payload.put("url", request.url());
                if (request.fileName() != null) {
                    payload.put("fileName", request.fileName());
                }
                text = caption != null ? caption
                        : "image".equals(type) ? "[图片]" : "[文件] " + request.fileName();
            }
            case "location" -> {
                PostMessageRequest.Location location = request.location();
                if (location == null) {
                    errors.add(new Problem.FieldError("location", "must be given for a location"));
                } else {
                    payload.put("latitude", location.latitude());
                    payload.put("longitude", location.longitude());
                    if (location.label() != null) {
                        payload.put("label", location.label());
                    }
                    text = caption != null ? caption : "[位置] " + (location.label() != null ? location.label() + " "
                            : "") + "(" + location.latitude() + ", " + location.longitude() + ")";
                }
            }
            case "event" -> {
                PostMessageRequest.Event event = request.event();
                if (event == null) {
                    errors.add(new Problem.FieldError("event", "must be given for an event"));
                } else {
                    payload.put("event", event.name());
                    String value = blankToNull(event.value());
                    if (value != null) {
                        payload.put("value", value);
                    }
                    switch (event.name()) {
                        case "session_opened" -> {
                            text = "[会话开始]";
                            publish = false;
                        }
                        case "satisfaction" -> {
                            if (value == null || !value.matches("[1-5]")) {
                                errors.add(new Problem.FieldError("value", "must be a score from 1 to 5"));
                            }
                            text = "[满意度] " + value;
                            publish = false;
                        }
                        default -> {
                            // a quick reply's payload is, by contract, sent on as the customer's text
                            if (value == null) {
                                errors.add(new Problem.FieldError("value", "must be the quick reply's payload"));
                            }
                            text = value;
                        }
                    }
                }
            }
            default -> errors.add(new Problem.FieldError("type", "must be text, image, file, location or event"));
        }
        if (request.call() != null) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("callId", request.call().callId());
            if (request.call().confidence() != null) {
                call.put("confidence", request.call().confidence());
            }
            payload.put("call", call);
        } else if (channelType == ChannelType.PHONE && "text".equals(type)) {
            errors.add(new Problem.FieldError("call", "must name the call (callId) on a phone channel"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        PostMessageRequest.Customer customer = request.customer();
        InboundMessage.Profile profile = customer == null ? null
                : new InboundMessage.Profile(customer.name(), customer.vipLevel(), customer.externalId());
        return new InboundMessage(request.messageId(), request.customerId(), type, text, payload, publish, profile);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
