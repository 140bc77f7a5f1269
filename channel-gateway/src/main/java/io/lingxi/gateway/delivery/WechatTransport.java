package io.lingxi.gateway.delivery;

import io.lingxi.contracts.events.QuickReply;
import io.lingxi.gateway.wechat.WechatApi;
import io.lingxi.gateway.wechat.WechatTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Sends replies through WeChat's customer-service message API ({@code /cgi-bin/message/custom/send}), which
 * official accounts and mini-programs share. WeChat lets a business write only within 48 hours of the
 * customer's last message; an expired token is replaced and the call tried once more; rate limits and
 * WeChat being busy are retried later with back-off.
 */
@ApplicationScoped
public class WechatTransport {

    static final Duration WINDOW = Duration.ofHours(48);
    /** Invalid, expired or revoked access token. */
    static final Set<Integer> TOKEN_ERRORS = Set.of(40001, 40014, 42001);
    /** The 48-hour window closed, or the customer cannot be written to. */
    static final Set<Integer> GIVE_UP = Set.of(45015, 40003, 43004, 48001);

    private final WechatTokens tokens;
    private final WechatApi api;

    public WechatTransport(WechatTokens tokens, WechatApi api) {
        this.tokens = tokens;
        this.api = api;
    }

    public Uni<Attempt> send(ChannelTarget target, Outgoing reply) {
        if (reply.lastCustomerAt() == null || reply.lastCustomerAt().plus(WINDOW).isBefore(Instant.now())) {
            return Uni.createFrom().item(Attempt.giveUp("outside WeChat's 48-hour customer-service window"));
        }
        JsonObject message = new JsonObject()
                .put("touser", reply.customerId())
                .put("msgtype", "text")
                .put("text", new JsonObject().put("content", content(reply)));
        return tokens.get(target)
                .flatMap(token -> api.sendCustomerServiceMessage(target, token, message)
                        .flatMap(answer -> TOKEN_ERRORS.contains(errcode(answer))
                                ? tokens.replace(target, token)
                                        .flatMap(fresh -> api.sendCustomerServiceMessage(target, fresh, message))
                                : Uni.createFrom().item(answer)))
                .map(WechatTransport::outcome)
                .onFailure().recoverWithItem(e -> Attempt.retry("WeChat unreachable: " + e.getMessage()));
    }

    static Attempt outcome(JsonObject answer) {
        int code = errcode(answer);
        if (code == 0) {
            return Attempt.delivered();
        }
        String error = "WeChat errcode " + code + ": " + answer.getString("errmsg", "");
        // anything else (rate limits 45009/45011/45047, busy -1, a token still refused) is tried again later
        return GIVE_UP.contains(code) ? Attempt.giveUp(error) : Attempt.retry(error);
    }

    private static int errcode(JsonObject answer) {
        return answer == null ? -1 : answer.getInteger("errcode", 0);
    }

    /** WeChat text has no buttons: quick replies become numbered lines the customer can type. */
    static String content(Outgoing reply) {
        StringBuilder text = new StringBuilder(reply.text());
        int n = 1;
        for (QuickReply option : reply.quickReplies()) {
            text.append(n == 1 ? "\n\n" : "\n").append(n++).append(". ").append(option.label());
        }
        return text.toString();
    }
}
