package io.lingxi.gateway.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * A callback message from WeChat: XML for official accounts, JSON for mini-programs (same field names).
 * In safe mode only {@code encrypt} is set until it is decrypted.
 */
public record WechatMessage(String toUser, String fromUser, long createTime, String msgType, String content,
        String picUrl, String mediaId, String msgId, String event, String encrypt) {

    /** The id that makes WeChat's retries of one callback the same message. */
    public String dedupeId() {
        return msgId != null && !msgId.isBlank() ? "wx-" + msgId : "wx-" + fromUser + "-" + createTime + "-" + event;
    }

    public static WechatMessage fromXml(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // no DTDs, no external entities: callbacks come from the internet
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Node root = document.getDocumentElement();
            return new WechatMessage(child(root, "ToUserName"), child(root, "FromUserName"),
                    parseLong(child(root, "CreateTime")), child(root, "MsgType"), child(root, "Content"),
                    child(root, "PicUrl"), child(root, "MediaId"), child(root, "MsgId"), child(root, "Event"),
                    child(root, "Encrypt"));
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is not WeChat XML", e);
        }
    }

    public static WechatMessage fromJson(ObjectMapper mapper, String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            return new WechatMessage(text(root, "ToUserName"), text(root, "FromUserName"),
                    root.path("CreateTime").asLong(0), text(root, "MsgType"), text(root, "Content"),
                    text(root, "PicUrl"), text(root, "MediaId"), text(root, "MsgId"), text(root, "Event"),
                    text(root, "Encrypt"));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is not WeChat JSON", e);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String child(Node root, String name) {
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (name.equals(node.getNodeName())) {
                return node.getTextContent();
            }
        }
        return null;
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
